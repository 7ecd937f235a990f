// Small progressive enhancements of the kansli pages; every page works without them.
// 1. A form that came back with errors moves focus to its error summary, so that a screen reader
//    reads it and a keyboard user starts there instead of at the top of the page.
(function () {
  var summary = document.querySelector('.error-summary');
  if (summary) {
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    summary.focus();
    summary.scrollIntoView({ block: 'start' });
  }
})();

// 2. Before printing, open every closed <details> so that its table is on paper too; close the ones
// that were closed again afterwards. Progressive: without JavaScript the page prints without them.
(function () {
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.filter.call(document.querySelectorAll('details:not([open])'), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) {
      d.open = false;
    });
    opened = [];
  });
})();
