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
})();
