// Kiosk mode: after a thank-you, return to a fresh form for the next person. The countdown is
// announced and can be stopped (WCAG 2.2.1), and nothing happens without JavaScript but the button.
(function () {
  'use strict';
  var box = document.querySelector('[data-kiosk-seconds]');
  if (!box) return;
  var left = parseInt(box.getAttribute('data-kiosk-seconds'), 10) || 8;
  var url = box.getAttribute('data-kiosk-url');
  var status = box.querySelector('.kiosk-status');
  var stop = document.createElement('button');
  stop.type = 'button';
  stop.className = 'button secondary';
  stop.textContent = 'Stanna på den här sidan';
  box.appendChild(stop);
  var timer = setInterval(function () {
    left -= 1;
    if (left <= 0) {
      clearInterval(timer);
      window.location.replace(url);
      return;
    }
    status.textContent = 'En ny, tom enkät visas om ' + left + ' sekunder.';
  }, 1000);
  status.textContent = 'En ny, tom enkät visas om ' + left + ' sekunder.';
  // The button, too, replaces this page: Back from the next person's form then leads past it.
  var next = box.querySelector('a.button');
  if (next)
    next.addEventListener('click', function (event) {
      event.preventDefault();
      clearInterval(timer);
      window.location.replace(url);
    });
  stop.addEventListener('click', function () {
    clearInterval(timer);
    status.textContent = 'Nedräkningen är stoppad.';
    stop.remove();
  });
})();
