/*
 * Countdown of a Smart Lab challenge phase: every <time data-countdown="ISO">
 * shows the minutes and seconds left. The elements are looked up at each
 * tick, so a phase banner replaced by a live message counts down at once.
 */
(function () {
  "use strict";

  function format(milliseconds) {
    var total = Math.max(0, Math.round(milliseconds / 1000));
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    return minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
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
