// Archivo, librarian pages: the upload's progress, one submit per form, the review's
// tick-all and count. Every form works without this file (the server does the same).
(function () {
  "use strict";

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] === undefined || values[key] === null ? "" : String(values[key]);
    });
  }

  // -- one submit per form -------------------------------------------------------
  // The buttons are disabled only after the submit has been dispatched: a disabled
  // submitter would drop its name and value (the review's action) from the form data.
  function submitOnce(form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) {
        event.preventDefault();
        return;
      }
      form.dataset.sent = "1";
      window.setTimeout(function () { setBusy(form, true); }, 0);
    });
  }

  function setBusy(form, busy) {
    if (!busy) {
      delete form.dataset.sent;
    }
    form.setAttribute("aria-busy", busy ? "true" : "false");
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) {
      b.disabled = busy;
    });
  }

  // A page restored from the back/forward cache comes back usable.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      Array.prototype.forEach.call(document.querySelectorAll("form[data-submit-once]"), function (f) {
        setBusy(f, false);
      });
    }
  });

  // -- the upload form: bytes sent, then the server's reading stage ----------------
  function uploadWithProgress(form) {
    var status = form.querySelector(".upload-status");
    var words = form.querySelector(".upload-words");
    var bar = form.querySelector(".upload-bar");
    var polling = null;

    function show(text, done, total) {
      status.hidden = false;
      words.textContent = text;
      if (total) {
        bar.max = total;
        bar.value = done;
      } else {
        bar.removeAttribute("value");     // indeterminate: reading, length unknown
      }
    }

    function describe(state) {
      if (state.stage === "checking") {
        return form.dataset.checking;
      }
      var prefix = state.files > 1 ? fill(form.dataset.fileOf, state) + " " : "";
      if (state.stage === "reading" && state.name) {
        return prefix + fill(state.pages ? form.dataset.readingPages : form.dataset.reading, state);
      }
      return form.dataset.waiting;
    }

    function poll() {
      fetch(form.dataset.progressUrl, {credentials: "same-origin", cache: "no-store"})
        .then(function (response) { return response.ok ? response.json() : {stage: "unknown"}; })
        .then(function (state) {
          if (polling === null) {
            return;
          }
          show(describe(state), state.page, state.pages);
          polling = window.setTimeout(poll, 500);
        }, function () {
          if (polling !== null) {
            polling = window.setTimeout(poll, 1000);
          }
        });
    }

    function stopPolling() {
      if (polling !== null) {
        window.clearTimeout(polling);
      }
      polling = null;
    }

    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.fetch || event.defaultPrevented) {
        return;                           // an old browser: the plain post, as without JS
      }
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          show(fill(form.dataset.sending, {percent: Math.floor(100 * e.loaded / e.total)}),
               e.loaded, e.total);
        }
      });
      xhr.upload.addEventListener("load", function () {
        show(form.dataset.waiting);
        if (polling === null) {
          polling = window.setTimeout(poll, 300);
        }
      });
      xhr.addEventListener("load", function () {
        stopPolling();
        var landed = xhr.responseURL || form.action;
        if (xhr.status < 400 && landed !== form.action) {
          window.location.assign(landed);   // the review (or the login page)
          return;
        }
        showAnswer(xhr.responseText);
      });
      xhr.addEventListener("error", function () {
        stopPolling();
        show(form.dataset.failed, 0, 1);
        setBusy(form, false);
      });
      xhr.send(new FormData(form));
    });
  }

  // The server refused the upload (a duplicate, too large, unreadable): its page says
  // why. Put its content in place of this one's and start again from its new form.
  function showAnswer(html) {
    var answer = new DOMParser().parseFromString(html, "text/html");
    var main = document.getElementById("main");
    var fresh = answer.getElementById("main");
    if (!main || !fresh) {
      return;
    }
    main.innerHTML = fresh.innerHTML;
    document.title = answer.title || document.title;
    init(main);
    var alert = main.querySelector("[role=alert]") || main.querySelector("h1");
    if (alert) {
      alert.setAttribute("tabindex", "-1");
      alert.focus();
    }
  }

  // -- the review: the count of ticked items, tick all / untick all -----------------
  // Without JS the two buttons are server actions that show the form again.
  function reviewSelection(form) {
    var count = form.querySelector(".review-count");
    var ticks = form.querySelectorAll("input[type=checkbox][name$='-include']");

    function recount() {
      if (count) {
        var selected = Array.prototype.filter.call(ticks, function (t) { return t.checked; }).length;
        // Grouped as the page groups the total ("1,100" / "1100" in Spanish's short numbers).
        count.textContent = fill(count.dataset.count,
                                 {selected: selected.toLocaleString(document.documentElement.lang || undefined)});
      }
    }

    form.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches("input[name$='-include']")) {
        recount();
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll("button[data-tick]"), function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var on = button.dataset.tick === "all";
        Array.prototype.forEach.call(ticks, function (t) { t.checked = on; });
        recount();
      });
    });
    // A field the browser refuses (an emptied title) may sit in a closed card: open it,
    // or the browser cannot show the field and the save silently does nothing.
    form.addEventListener("invalid", function (event) {
      var card = event.target.closest && event.target.closest("details");
      if (card) {
        card.open = true;
      }
    }, true);
  }

  function init(root) {
    // submitOnce first: a repeated submit is cancelled before the upload sees it.
    Array.prototype.forEach.call(root.querySelectorAll("form[data-submit-once]"), submitOnce);
    Array.prototype.forEach.call(root.querySelectorAll("form[data-progress-url]"), uploadWithProgress);
    Array.prototype.forEach.call(root.querySelectorAll("form[data-review]"), reviewSelection);
  }

  init(document);
})();
