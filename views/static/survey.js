// Progressive enhancement of the questionnaire: hides a conditional follow-up until its condition
// is met. The server enforces the same rule, so the form is complete without this script.
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
      fs.querySelectorAll('input, textarea').forEach(function (el) { el.disabled = !show; });
      var hint = fs.querySelector('legend .hint');
      if (hint) hint.hidden = true;
    });
  }
  form.addEventListener('change', update);
  update();
  var summary = document.getElementById('fel');
  if (summary) summary.focus();
})();
