// Before printing, open every closed <details> so that its table is on paper too; close the ones
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
