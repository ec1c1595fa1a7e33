/* Keeps keyboard focus on the page when an htmx swap, or a reload after a
   form, removes the element that had it (the browser then focuses <body>).

   After a swap that follows a request sent while focus was inside the
   element that sent it, and only when focus was lost, focus goes to the
   first of:
   1. an element of the new content marked data-focus-after-swap;
   2. the new copy of the control that had focus: same form action, same
      kind of control, same name;
   3. a confirmation or error message of the new content (role=status or
      role=alert);
   4. the first element that the swap inserted or filled.
   When focus is still on the page (someone typing elsewhere, or htmx
   restoring it by id), only a data-focus-after-swap element takes it, and
   only from the control that sent the request. Focus never moves for live
   updates: htmx-ext-ws swaps WebSocket messages outside any request, and
   requests sent from <body> by htmx.ajax() are skipped.

   Event order in htmx 2.0.8 (swap() in htmx.js): "htmx:beforeRequest" on the
   requester, "htmx:beforeSwap", then "htmx:oobAfterSwap" for each
   out-of-band swap, then "htmx:afterSwap" on every swapped element, then
   "htmx:afterSettle" on each of them once the settle tasks, autofocus
   included, have run. afterSwap reaches the elements that an outerHTML swap
   inserted but not the target of an out-of-band innerHTML swap, and
   oobAfterSwap carries no xhr, so the request being swapped is remembered
   from beforeSwap. */
(function () {
  "use strict";

  // Request (its XMLHttpRequest) -> { control, swapped: [elements] }.
  var focusedRequests = new WeakMap();

  function hasLostFocus() {
    var active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  }

  /* Focus element, making it focusable by script if it is not, and return
     whether it took focus. A hidden or collapsed element does not. */
  function focusElement(element) {
    var added = !element.matches("a[href], button, input, select, textarea, [tabindex]");
    if (added) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
    if (document.activeElement === element) {
      return true;
    }
    if (added) {
      element.removeAttribute("tabindex");
    }
    return false;
  }

  function connectedElements(elements) {
    return elements.filter(function (element) {
      return element.nodeType === Node.ELEMENT_NODE && element.isConnected;
    });
  }

  /* The elements of the list, and their descendants, matching selector. */
  function findAll(elements, selector) {
    var found = [];
    elements.forEach(function (element) {
      if (element.matches(selector)) {
        found.push(element);
      }
      found.push.apply(found, Array.prototype.slice.call(element.querySelectorAll(selector)));
    });
    return found;
  }

  /* Controls of the new content that stand for the old one: same kind and
     name, in a form with the same action. The new copy of the old form, found
     by its id, comes first, because other forms may post to the same URL
     (the reply forms of a comment list, for instance). */
  function findCounterparts(elements, control) {
    var form = control.form || control.closest("form");
    var action = form ? form.getAttribute("action") : null;
    var sameForm = form && form.id ? document.getElementById(form.id) : null;
    var scopes = sameForm ? [sameForm].concat(elements) : elements;
    return findAll(scopes, control.tagName).filter(function (candidate) {
      var candidateForm = candidate.form || candidate.closest("form");
      var candidateAction = candidateForm ? candidateForm.getAttribute("action") : null;
      return (
        candidateAction === action &&
        candidate.type === control.type &&
        candidate.name === control.name &&
        !candidate.disabled
      );
    });
  }

  function restoreFocus(record) {
    var swapped = connectedElements(record.swapped);
    var candidates = [].concat(
      findAll(swapped, "[data-focus-after-swap]"),
      findCounterparts(swapped, record.control),
      findAll(swapped, "[role=status], [role=alert]"),
      swapped
    );
    candidates.some(focusElement);
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var requester = event.detail.elt;
    var active = document.activeElement;
    // htmx.ajax() without a source element, as board.js refetches a board
    // after a lost live message, sends from <body>: not a person's request.
    if (!requester || requester === document.body || !requester.contains(active)) {
      return;
    }
    if (active && active !== document.body) {
      focusedRequests.set(event.detail.xhr, { control: active, swapped: [] });
    }
  });

  // The record of the request whose response htmx is swapping, if any.
  var swapping = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    swapping = (detail && detail.shouldSwap && focusedRequests.get(detail.xhr)) || null;
  });

  // A response that swaps nothing fires beforeSwap but no afterSwap.
  document.addEventListener("htmx:afterRequest", function () {
    swapping = null;
  });

  document.addEventListener("htmx:oobAfterSwap", function (event) {
    if (swapping && event.detail && event.detail.target) {
      swapping.swapped.push(event.detail.target);
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    swapping = null;
    var record = event.detail && focusedRequests.get(event.detail.xhr);
    if (record) {
      record.swapped.push(event.target);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var record = event.detail && focusedRequests.get(event.detail.xhr);
    if (!record) {
      return;
    }
    // The first afterSettle of a request comes after all its settle tasks.
    focusedRequests.delete(event.detail.xhr);
    if (hasLostFocus()) {
      restoreFocus(record);
      return;
    }
    // A marked element also takes focus from the control that sent the
    // request, never from another field.
    var marked = findAll(connectedElements(record.swapped), "[data-focus-after-swap]");
    if (marked.length && document.activeElement === record.control) {
      marked.some(focusElement);
    }
  });

  /* After a form's redirect (post, redirect, get), the page opens at its top
     with the result in the messages box: read it out and start from there. */
  document.addEventListener("DOMContentLoaded", function () {
    var messages = document.querySelector("#content .messages");
    if (messages && !window.location.hash && hasLostFocus()) {
      focusElement(messages);
    }
  });
})();
