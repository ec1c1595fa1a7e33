/* Opens the <details data-open-wide> elements of a page on screens wider
   than a phone. On a phone they stay collapsed, so that the content after
   them (the ideas of a board) shows sooner. Without JavaScript they stay
   collapsed everywhere and open with a click. The width matches the
   phone layout of board.css (max-width: 40rem). Scripts that insert such
   elements later call window.smartcornerDisclosure.openOnWideScreens(root). */
(function () {
  "use strict";

  var WIDE_SCREEN = "(min-width: 40.0625rem)";

  function openOnWideScreens(root) {
    if (!window.matchMedia(WIDE_SCREEN).matches) {
      return;
    }
    var disclosures = (root || document).querySelectorAll("details[data-open-wide]");
    Array.prototype.forEach.call(disclosures, function (details) {
      details.open = true;
    });
  }

  window.smartcornerDisclosure = { openOnWideScreens: openOnWideScreens };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      openOnWideScreens(document);
    });
  } else {
    openOnWideScreens(document);
  }
})();
