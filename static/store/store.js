/* Smart Store pages: let htmx show the error fragments that the server writes.
   htmx does not swap 4xx answers by default; the store views mark the ones
   written as fragments (a form with its errors, the desk with a message)
   with an HX-Reswap header, and only those are swapped. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      var request = event.detail.xhr;
      if (request.status >= 400 && request.status < 500 && request.getResponseHeader("HX-Reswap")) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
  });
})();
