/* Progressive enhancements for every page. Every page works without this file.
   No inline handlers and no eval, so the Content-Security-Policy stays strict. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  /* Announce a message to screen readers through the polite live region. */
  function announce(message) {
    var region = document.getElementById("live-status");
    if (!region || !message) {
      return;
    }
    region.textContent = "";
    // A short delay makes screen readers notice a repeated message.
    window.setTimeout(function () {
      region.textContent = message;
    }, 50);
  }
  window.SmartCorner = { announce: announce };

  /* Collapse the main menu behind a button on small screens. */
  function setUpMenuToggle() {
    var toggle = document.querySelector(".main-nav__toggle");
    var list = document.getElementById("main-nav-list");
    if (!toggle || !list) {
      return;
    }
    toggle.hidden = false;
    list.setAttribute("data-collapsed", "true");
    toggle.addEventListener("click", function () {
      var expanded = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!expanded));
      list.setAttribute("data-collapsed", String(expanded));
    });
  }

  /* After an htmx swap, read out the text of an element marked data-announce.
     swap-focus.js moves focus. */
  function setUpHtmxHelpers() {
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var target = event.detail && event.detail.target;
      if (!target) {
        return;
      }
      var message = target.querySelector("[data-announce]");
      if (message) {
        announce(message.getAttribute("data-announce") || message.textContent);
      }
    });
    document.body.addEventListener("htmx:responseError", showRequestError);
    // Going back to a pushed URL swaps in a new body, menu button included.
    document.body.addEventListener("htmx:historyRestore", setUpMenuToggle);
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail && event.detail.successful) {
        clearRequestError(event.detail.elt);
      }
    });
  }

  /* The element after which a request's error is shown: its form, if any. */
  function errorAnchor(requester) {
    return (requester.closest && requester.closest("form")) || requester;
  }

  function clearRequestError(requester) {
    var next = requester ? errorAnchor(requester).nextElementSibling : null;
    if (next && next.classList.contains("request-error")) {
      next.remove();
    }
  }

  /* Show a rejected or failed request under the control that sent it. A
     rejection (too many requests, forbidden) carries the server's message,
     and a server error gets the page's generic one. */
  function showRequestError(event) {
    var detail = event.detail || {};
    var xhr = detail.xhr;
    var requester = detail.elt;
    var text = "";
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.responseText) {
      var template = document.createElement("template");
      template.innerHTML = xhr.responseText;
      var message = template.content.querySelector("[role=alert], .message--error");
      text = message ? message.textContent.trim() : "";
    }
    text = text || document.body.getAttribute("data-error-message") || "";
    if (!text) {
      return;
    }
    if (!requester || !requester.isConnected) {
      announce(text);
      return;
    }
    var anchor = errorAnchor(requester);
    var box = anchor.nextElementSibling;
    if (!box || !box.classList.contains("request-error")) {
      box = document.createElement("p");
      box.className = "message message--error request-error";
      box.setAttribute("role", "alert");
      anchor.insertAdjacentElement("afterend", box);
    }
    box.textContent = text;
  }

  /* Focus the error summary of a form sent back with errors. */
  function focusErrorSummary() {
    var summary = document.querySelector(".form-errors[tabindex='-1']");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenuToggle();
    setUpHtmxHelpers();
    focusErrorSummary();
  });
})();
