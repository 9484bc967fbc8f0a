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
