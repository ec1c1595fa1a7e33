/* Smart Store pages.

   1. Let htmx show the error fragments that the server writes. htmx does not
      swap 4xx answers by default; the store views mark the ones written as
      fragments (a form with its errors, the desk with a message) with an
      HX-Reswap header, and only those are swapped.
   2. Reservation form: each day of the availability calendar that the server
      marks with data-day becomes a button that fills the date fields. Closed
      and full days have no data-day, except a full day that can be the return
      day of the chosen pick-up day. The first choice fills the pick-up
      day, the next a later day fills the return day, and a choice made once
      both are set starts a new pair. Filling a field fires "change", so htmx
      refreshes the calendar and the slots as when the date is typed. Without
      this script the days stay plain text and the dates are typed. */
(function () {
  "use strict";

  var pendingFocusDay = null;

  function formatMessage(template, dayText) {
    return (template || "").replace("{day}", dayText);
  }

  function announce(form, text) {
    var status = form.querySelector(".availability-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden availability-status";
      status.setAttribute("role", "status");
      form.appendChild(status);
    }
    status.textContent = text;
  }

  function setDate(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function chooseDay(button) {
    var form = button.closest("form");
    var list = button.closest(".availability-days");
    var start = form.querySelector("input[name=start_date]");
    var end = form.querySelector("input[name=end_date]");
    var day = button.getAttribute("data-day");
    var dayText = button.querySelector(".availability-day__date").textContent.trim();
    // ISO dates (YYYY-MM-DD) compare correctly as strings.
    var fillsReturn = start.value && !end.value && day > start.value;
    pendingFocusDay = day;
    if (fillsReturn) {
      announce(form, formatMessage(list.getAttribute("data-return-message"), dayText));
      setDate(end, day);
      return;
    }
    announce(form, formatMessage(list.getAttribute("data-pickup-message"), dayText));
    end.value = "";
    setDate(start, day);
  }

  /* Wrap the content of each day marked with data-day in a button, once. */
  function enhanceCalendar(root) {
    var form = document.getElementById("reservation-form");
    if (!form) {
      return;
    }
    var start = form.querySelector("input[name=start_date]").value;
    var end = form.querySelector("input[name=end_date]").value;
    root.querySelectorAll(".availability-day[data-day]").forEach(function (item) {
      if (item.querySelector(".availability-day__pick")) {
        return;
      }
      var button = document.createElement("button");
      var day = item.getAttribute("data-day");
      button.type = "button";
      button.className = "availability-day__pick";
      button.setAttribute("data-day", day);
      button.setAttribute("aria-pressed", day === start || day === end ? "true" : "false");
      while (item.firstChild) {
        button.appendChild(item.firstChild);
      }
      item.appendChild(button);
      item.classList.add("availability-day--pickable");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      var request = event.detail.xhr;
      if (request.status >= 400 && request.status < 500 && request.getResponseHeader("HX-Reswap")) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });

    enhanceCalendar(document);
    document.body.addEventListener("htmx:afterSettle", function (event) {
      enhanceCalendar(document);
      // The refresh replaced the button that had focus: give focus back to the
      // new button for the same day, so keyboard users keep their place.
      if (pendingFocusDay) {
        var active = document.activeElement;
        var lost = !active || active === document.body || !active.isConnected;
        var button = document.querySelector('.availability-day__pick[data-day="' + pendingFocusDay + '"]');
        pendingFocusDay = null;
        if (lost && button) {
          button.focus();
        }
      }
    });
    document.body.addEventListener("click", function (event) {
      var button = event.target.closest(".availability-day__pick");
      if (button) {
        chooseDay(button);
      }
    });
  });
})();
