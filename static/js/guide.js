// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-print-hint]").forEach(function (hint) { hint.hidden = true; });
  document.querySelectorAll("[data-counter-form]").forEach(counterQuestions);
});

// On paper every item prints whole: open what is folded, and fold it again afterwards.
// (Without this file, the print stylesheet shows the folded text through ::details-content.)
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"),
      function (details) { details.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();

// Counter mode: show only the questions that apply to the answers chosen so far. Which
// answers each question needs is written on it by the server (data-only-if-<question>,
// worked out from the rules); an answer not chosen yet counts as its default
// (data-default), as on the server. Without this script every question is shown, marked
// "Only if …", and the server ignores those that do not apply.
function counterQuestions(form) {
  var questions = form.querySelectorAll(".counter__question");
  function answer(step) {
    var checked = form.querySelector('input[name="' + step + "-" + step + '"]:checked');
    if (checked) return checked.value;
    var control = form.querySelector('[data-control="' + step + '"]');
    return control ? control.getAttribute("data-default") : "";
  }
  function update() {
    questions.forEach(function (question) {
      var applies = true;
      Object.keys(question.dataset).forEach(function (key) {
        if (key.indexOf("onlyIf") !== 0) return;
        var step = key.slice("onlyIf".length).replace(/[A-Z]/g, function (letter, at) {
          return (at ? "_" : "") + letter.toLowerCase();
        });
        if (question.dataset[key].split(" ").indexOf(answer(step)) < 0) applies = false;
      });
      question.hidden = !applies;
    });
  }
  form.querySelectorAll(".counter__only-if").forEach(function (words) { words.hidden = true; });
  form.addEventListener("change", update);
  update();
}
