// Progressive enhancement of the questionnaire: hides a conditional follow-up until its condition
// is met. The server enforces the same rule, so the form is complete without this script.
//
// Shared devices (docs/security.md): once this page has sent its answers, the next person must not
// see them by pressing Back. The form has autocomplete="off", so the browser does not restore the
// answers into a reloaded page; and if the browser kept the whole page in its back/forward cache,
// the answers are cleared as the page is left and a fresh form replaces it when it comes back.
(function () {
  'use strict';
  var form = document.querySelector('.survey-form');
  if (!form) return;
  var dependants = form.querySelectorAll('fieldset[data-show-if]');
  function update() {
    dependants.forEach(function (fs) {
      var source = fs.getAttribute('data-show-if');
      var wanted = fs.getAttribute('data-show-equals');
      var checked = form.querySelector('input[name="' + source + '"]:checked');
      var show = !!checked && checked.value === wanted;
      fs.hidden = !show;
      fs.querySelectorAll('input, textarea').forEach(function (el) {
        el.disabled = !show;
      });
      var hint = fs.querySelector('legend .hint');
      if (hint) hint.hidden = true;
    });
  }
  form.addEventListener('change', update);
  update();
  var summary = document.getElementById('fel');
  if (summary) summary.focus();

  var sent = false;
  function clear() {
    form.querySelectorAll('input[type="radio"], input[type="checkbox"]').forEach(function (el) {
      el.checked = false;
    });
    form.querySelectorAll('textarea, input[type="text"]').forEach(function (el) {
      el.value = '';
    });
    update();
  }
  form.addEventListener('submit', function () {
    sent = true;
  });
  window.addEventListener('pagehide', function () {
    if (sent) clear();
  });
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted || !sent) return;
    clear();
    window.location.replace(form.getAttribute('action'));
  });
})();
