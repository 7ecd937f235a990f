// Kiosk mode: after a thank-you, return to a fresh form for the next person. The countdown is
// announced and can be stopped (WCAG 2.2.1), and nothing happens without JavaScript but the button.
(function () {
  'use strict';
  var box = document.querySelector('[data-kiosk-seconds]');
  if (!box) return;
  var left = parseInt(box.getAttribute('data-kiosk-seconds'), 10) || 8;
  var url = box.getAttribute('data-kiosk-url');
  var status = box.querySelector('.kiosk-status');
  // The words come from the page, in its language (server/web/public/messages.ts).
  var countdown = function (n) {
    return (box.getAttribute('data-kiosk-countdown') || '{n}').replace('{n}', String(n));
  };
  var stop = document.createElement('button');
  stop.type = 'button';
  stop.className = 'button secondary';
  stop.textContent = box.getAttribute('data-kiosk-stop');
  box.appendChild(stop);
  var timer = setInterval(function () {
    left -= 1;
    if (left <= 0) {
      clearInterval(timer);
      window.location.replace(url);
      return;
    }
    status.textContent = countdown(left);
  }, 1000);
  status.textContent = countdown(left);
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
    status.textContent = box.getAttribute('data-kiosk-stopped');
    stop.remove();
  });
})();
