/*
 * Countdown of a Smart Lab challenge phase: every <time data-countdown="ISO">
 * shows the time left in words of the page's language, such as
 * "13 j 23 h 54 min" in French or "13 d 23 h 54 min" in English. Seconds
 * appear only in the last day, and alone in the last minute ("39 s"). The elements are looked up at each tick, so
 * a phase banner replaced by a live message counts down at once. When the
 * time is up, the countdown's parent with data-ended-text shows that text.
 */
(function () {
  "use strict";

  // A narrow no-break space (U+202F) keeps each number with its unit.
  var GLUE = "\u202f";
  var UNITS = {
    fr: { day: "j", hour: "h", minute: "min", second: "s" },
    en: { day: "d", hour: "h", minute: "min", second: "s" },
  };

  function unitsFor(element) {
    var language = (element.closest("[lang]") || document.documentElement).lang;
    return UNITS[(language || "fr").slice(0, 2)] || UNITS.en;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function format(milliseconds, units) {
    var total = Math.max(0, Math.round(milliseconds / 1000));
    var days = Math.floor(total / 86400);
    var hours = Math.floor((total % 86400) / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var parts;
    if (days > 0) {
      parts = [[days, units.day], [hours, units.hour], [minutes, units.minute]];
    } else if (hours > 0) {
      parts = [[hours, units.hour], [pad(minutes), units.minute], [pad(seconds), units.second]];
    } else if (minutes > 0) {
      parts = [[minutes, units.minute], [pad(seconds), units.second]];
    } else {
      // "39 s", not "0 min 39 s".
      parts = [[seconds, units.second]];
    }
    return parts
      .map(function (part) {
        return part[0] + GLUE + part[1];
      })
      .join(" ");
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("time[data-countdown]").forEach(function (element) {
      var end = Date.parse(element.dataset.countdown);
      if (isNaN(end)) {
        return;
      }
      var ended = element.closest("[data-ended-text]");
      if (end <= now && ended) {
        // The sentence replaces the label and the countdown, which stops.
        ended.textContent = ended.dataset.endedText;
        return;
      }
      element.textContent = format(end - now, unitsFor(element));
    });
  }

  window.setInterval(tick, 1000);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tick);
  } else {
    tick();
  }
})();
