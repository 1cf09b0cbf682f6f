// Progressive enhancement only: every page works without this script.
(function () {
  'use strict';
  // Ask before deleting anything; the form still posts normally when confirmed.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // After a failed submit, move focus to the error summary so keyboard and screen-reader users hear it.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) {
    summary.focus();
  }
})();
