// Archivo: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // "/" jumps to the search box, as on many search sites (not while typing elsewhere).
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("q");
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.key !== "/" || !box || tag === "input" || tag === "textarea" || event.target.isContentEditable) {
      return;
    }
    event.preventDefault();
    box.focus();
    box.select();
  });

  // A copy button next to the permalink: shown only when the clipboard can be used.
  var permalink = document.querySelector("[data-permalink]");
  if (permalink && navigator.clipboard) {
    var button = document.createElement("button");
    var status = document.getElementById("copy-status");
    button.type = "button";
    button.className = "secondary copy";
    // The words come from the page, in its language (data-* set by the template).
    button.textContent = permalink.dataset.copyLabel || "Copy link";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(permalink.getAttribute("href")).then(function () {
        status.textContent = permalink.dataset.copied || "Permalink copied";
      }, function () {
        status.textContent = permalink.dataset.copyFailed || "Could not copy; select the link instead";
      });
    });
    permalink.insertAdjacentElement("afterend", button);
  }

  // "Find in this document": Previous and Next step through the marked matches (without
  // this file the numbered links jump to them).
  var steps = document.querySelector(".find-steps");
  var marks = document.querySelectorAll("mark[id^='match-']");
  if (steps && marks.length) {
    var position = steps.querySelector(".find-position");
    var current = -1;
    steps.hidden = false;
    steps.addEventListener("click", function (event) {
      var step = Number(event.target.dataset ? event.target.dataset.step : 0);
      if (!step) {
        return;
      }
      if (current >= 0) {
        marks[current].classList.remove("current");
      }
      current = (current + step + marks.length) % marks.length;
      marks[current].classList.add("current");
      marks[current].scrollIntoView({block: "center"});
      position.textContent = (steps.dataset.of || "{n} / {total}")
        .replace("{n}", current + 1).replace("{total}", marks.length);
    });
  }
})();

// The selection: its forms work alone (POST and back to the page); with fetch they are
// sent in place, the buttons and "Selected (N)" updated, and the change spoken.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) {
    return;
  }
  function show(reply, id) {
    var status = document.getElementById("selection-status");
    if (status) {
      status.textContent = reply.message || "";
    }
    var selected = reply.selected && reply.selected.indexOf(id) !== -1;
    document.querySelectorAll("form.bookmark").forEach(function (form) {
      if (form.elements.id.value !== id) {
        return;
      }
      form.elements.action.value = selected ? "remove" : "add";
      form.classList.toggle("is-selected", selected);
      form.querySelector(".bookmark-label").textContent =
        selected ? form.dataset.removeLabel : form.dataset.addLabel;
      form.querySelector(".bookmark-mark").textContent = selected ? "★" : "☆";
    });
    document.querySelectorAll(".selection-count").forEach(function (count) {
      count.textContent = String(reply.count);
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    // On the list page itself a removal reloads it, so the list shows what is left.
    if (!form.classList.contains("bookmark") || form.closest(".selection-list")) {
      return;
    }
    event.preventDefault();
    var id = form.elements.id.value;
    // getAttribute: the input named "action" hides the form's own .action property.
    fetch(form.getAttribute("action"), {method: "POST", body: new FormData(form), credentials: "same-origin",
                        headers: {"Accept": "application/json"}})
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") !== 0) {
          throw new Error("not JSON");
        }
        return response.json();
      })
      .then(function (reply) { show(reply, id); })
      .catch(function () { form.submit(); });     // the plain form, as without script
  });
  var print = document.querySelector("[data-print]");
  if (print && window.print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
