/* The full-screen button of the projection screen (Fullscreen API). The
   button stays hidden where the browser does not allow full screen, such
   as in a frame without the allowfullscreen permission. */
(function () {
  "use strict";

  function updateLabel(button) {
    var full = document.fullscreenElement !== null;
    button.textContent = full ? button.dataset.exitLabel : button.dataset.enterLabel;
  }

  function toggle(button) {
    var request = document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
    request.catch(function (error) {
      console.warn("Smart Lab: full screen request failed", error);
      updateLabel(button);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("projection-fullscreen");
    if (!button || !document.fullscreenEnabled) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      toggle(button);
    });
    document.addEventListener("fullscreenchange", function () {
      updateLabel(button);
    });
  });
})();
