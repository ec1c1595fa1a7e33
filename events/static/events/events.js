/* Programme pages: let htmx swap the error fragments of the registration and
   check-in views. htmx drops 4xx responses by default. These views mark the
   fragments written for an error with an HX-Reswap header, so the person
   reads why the action failed where they clicked. No inline script or eval. */
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var status = detail.xhr && detail.xhr.status;
    if (status >= 400 && status < 500 && detail.xhr.getResponseHeader("HX-Reswap")) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
})();
