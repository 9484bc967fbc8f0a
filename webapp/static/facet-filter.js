// Archivo: a facet's filter box narrows the values beside it as one types. Without this
// file the box is a plain form that opens the facet's page with the matching values.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  document.querySelectorAll("form[data-facet-filter]").forEach(function (form) {
    var list = document.getElementById(form.dataset.facetFilter);
    var box = form.querySelector("input[name=facet_q]");
    var status = form.querySelector(".facet-filter-status");
    if (!list || !box) {
      return;
    }
    var items = Array.prototype.slice.call(list.querySelectorAll("li"));
    function narrow() {
      var wanted = fold(box.value);
      var shown = 0;
      items.forEach(function (item) {
        var label = item.querySelector(".facet-label");
        var match = wanted ? fold(label ? label.textContent : "").indexOf(wanted) !== -1
                           : !item.hasAttribute("data-rest");
        item.hidden = !match;
        shown += match ? 1 : 0;
      });
      if (status) {
        status.textContent = wanted && !shown ? form.dataset.none || "" : "";
      }
    }
    box.addEventListener("input", narrow);
  });
})();
