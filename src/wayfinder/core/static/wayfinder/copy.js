// "Copy" buttons: a button with data-copy="ID" copies the value of the field with that id
// and says so. Hidden until this file runs; without it the field is still there to select.
(function () {
  "use strict";

  function enhance(button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = "Copied";
      });
    });
  }

  document.querySelectorAll("button[data-copy]").forEach(enhance);
})();
