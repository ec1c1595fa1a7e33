/*
 * Countdown of a Smart Lab challenge phase: every <time data-countdown="ISO">
 * shows the time left as d:hh:mm:ss, h:mm:ss or m:ss. The elements are
 * looked up at each tick, so a phase banner replaced by a live message
 * counts down at once.
 */
(function () {
  "use strict";

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function format(milliseconds) {
    var total = Math.max(0, Math.round(milliseconds / 1000));
    var days = Math.floor(total / 86400);
    var hours = Math.floor((total % 86400) / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    if (days > 0) {
      return days + ":" + pad(hours) + ":" + pad(minutes) + ":" + pad(seconds);
    }
    if (hours > 0) {
      return hours + ":" + pad(minutes) + ":" + pad(seconds);
    }
    return minutes + ":" + pad(seconds);
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("time[data-countdown]").forEach(function (element) {
      var end = Date.parse(element.dataset.countdown);
      if (!isNaN(end)) {
        element.textContent = format(end - now);
      }
    });
  }

  window.setInterval(tick, 1000);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tick);
  } else {
    tick();
  }
})();
