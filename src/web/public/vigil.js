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
  // A date is typed as people write it; the calendar beside it (hidden without this script, as it
  // posts nothing) writes the chosen day into the text field in the page's language.
  var lang = document.documentElement.lang || 'en';
  var dayWords = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  Array.prototype.forEach.call(document.querySelectorAll('input[data-fills]'), function (picker) {
    var field = document.getElementById(picker.getAttribute('data-fills'));
    if (!field) {
      return;
    }
    picker.hidden = false;
    picker.addEventListener('change', function () {
      if (picker.valueAsDate) {
        field.value = dayWords.format(picker.valueAsDate);
      }
    });
  });
  // After a failed submit, move focus to the error summary so keyboard and screen-reader users hear it.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) {
    summary.focus();
  }
})();
