// Filterable checkbox lists (core.widgets.FilterableCheckboxes): show the filter box and
// hide the names that do not match what is typed. Without this file the list still works.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function enhance(picker) {
    if (picker.dataset.pickerReady) return;
    picker.dataset.pickerReady = "1";
    var filter = picker.querySelector(".picker-filter");
    var none = picker.querySelector(".picker-none");
    var items = Array.prototype.slice.call(picker.querySelectorAll(".picker-options li"));
    var names = items.map(function (item) { return fold(item.textContent); });
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var wanted = fold(filter.value.trim());
      var shown = 0;
      items.forEach(function (item, index) {
        var match = !wanted || names[index].indexOf(wanted) !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      none.hidden = shown > 0;
    });
    // Enter in the filter box would submit the form half-chosen: it only filters.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("[data-picker]"), enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  // Blocks swapped in by htmx (a win's collaborators) carry new pickers.
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
