// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-print-hint]").forEach(function (hint) { hint.hidden = true; });
});
