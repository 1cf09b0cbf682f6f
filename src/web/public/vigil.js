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
  // Copy buttons (data-copy names the field): hidden until this script shows them; without it the
  // field is still there, read-only, to select and copy by hand.
  Array.prototype.forEach.call(document.querySelectorAll('[data-copy]'), function (button) {
    var name = button.getAttribute('data-copy');
    var field = document.getElementById(name);
    var status = document.querySelector('[data-copy-status="' + name + '"]');
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      var copied = function () {
        if (status) {
          status.textContent = button.getAttribute('data-copied');
        }
      };
      field.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(copied, function () {
          document.execCommand('copy');
          copied();
        });
      } else {
        document.execCommand('copy');
        copied();
      }
    });
  });
  // After a failed submit, move focus to the error summary so keyboard and screen-reader users hear it.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) {
    summary.focus();
  }
})();
