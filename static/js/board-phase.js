/*
 * The board page and an idea's page follow a live phase change of their
 * challenge.
 *
 * board.js replaces the phase banner (#challenge-phase, whose data-posting,
 * data-voting and data-commenting give what the new phase allows) and then
 * dispatches "board:phase-changed" on the document. This script then:
 * - marks every vote button aria-disabled when voting closes, and clears
 *   the mark when it opens again (the server still answers a click with the
 *   reason, so the button stays focusable);
 * - when posting closes, keeps a draft that someone typed in the post form
 *   (#idea-form in .board__post) with a notice and a disabled submit button,
 *   so that no text or focus is lost. An empty form is replaced by the
 *   closed notice;
 * - when posting opens again, enables the kept form, or fetches the page and
 *   takes its post section for a person who may take part;
 * - does the same for the comment form of an idea's page (#comment-form in
 *   #comment-section) when commenting closes and opens again. A reply form
 *   holding a draft is kept the same way; board.css hides the empty ones.
 * No inline script, eval or hx-on attribute: it runs under a strict CSP.
 */
(function () {
  "use strict";

  // Everyone on the board receives the phase change at once: the fetches of
  // the post form are spread over this time.
  var FETCH_SPREAD_MS = 2000;

  // The forms that a phase change closes and opens again. "flag" names the
  // data-* attribute of the banner; the section carries data-can-take-part,
  // data-closed-notice and data-draft-notice.
  var AREAS = [
    {
      flag: "posting",
      section: ".board__post",
      form: "idea-form",
      draftNotice: "board-post-draft",
      closedNotice: "board-post-closed",
    },
    {
      flag: "commenting",
      section: "#comment-section",
      form: "comment-form",
      draftNotice: "comment-draft",
      closedNotice: "comment-closed",
    },
  ];
  var DRAFT_CLASS = "comment-form--draft";

  function hasDraft(form) {
    return Array.prototype.some.call(form.elements, function (field) {
      return (
        (field.tagName === "TEXTAREA" || field.type === "text") &&
        field.value.trim() !== ""
      );
    });
  }

  function submitButton(form) {
    return form.querySelector("button[type='submit']");
  }

  function notice(id, text) {
    var paragraph = document.createElement("p");
    paragraph.className = "board__notice";
    paragraph.id = id;
    paragraph.setAttribute("role", "status");
    paragraph.tabIndex = -1;
    paragraph.textContent = text;
    return paragraph;
  }

  function markVoteButtons(votingOpen) {
    var buttons = document.querySelectorAll(".vote-button");
    Array.prototype.forEach.call(buttons, function (button) {
      if (votingOpen) {
        button.removeAttribute("aria-disabled");
      } else {
        button.setAttribute("aria-disabled", "true");
      }
    });
  }

  // The post section also has a notice for when votes are closed too.
  function closedNoticeText(section, banner) {
    if (banner.dataset.voting !== "open" && section.dataset.closedFinalNotice) {
      return section.dataset.closedFinalNotice;
    }
    return section.dataset.closedNotice;
  }

  function closeForm(area, section, form, banner) {
    if (hasDraft(form)) {
      if (!document.getElementById(area.draftNotice)) {
        var draftNotice = notice(area.draftNotice, section.dataset.draftNotice);
        form.parentNode.insertBefore(draftNotice, form);
      }
      // board.css hides a closed comment form unless it has this class.
      form.classList.add(DRAFT_CLASS);
      var button = submitButton(form);
      if (button) {
        button.disabled = true;
      }
      return;
    }
    var hadFocus = form.contains(document.activeElement);
    // On a phone the post form may sit in a collapsed <details>: show the notice.
    var disclosure = form.closest("details");
    if (disclosure) {
      disclosure.open = true;
    }
    var closedNotice = notice(area.closedNotice, closedNoticeText(section, banner));
    form.replaceWith(closedNotice);
    if (hadFocus) {
      closedNotice.focus();
    }
  }

  function reopenKeptForm(area, form) {
    var draftNotice = document.getElementById(area.draftNotice);
    if (draftNotice) {
      draftNotice.remove();
    }
    form.classList.remove(DRAFT_CLASS);
    var button = submitButton(form);
    if (button) {
      button.disabled = false;
    }
  }

  // Reply forms are inside the comments. A reply form with a draft is kept,
  // and board.css hides the others until commenting opens again.
  function followReplyForms(commentingOpen) {
    var forms = document.querySelectorAll("#comments form.comment-form");
    Array.prototype.forEach.call(forms, function (form) {
      var button = submitButton(form);
      if (commentingOpen) {
        form.classList.remove(DRAFT_CLASS);
      } else if (hasDraft(form)) {
        form.classList.add(DRAFT_CLASS);
      }
      if (button) {
        button.disabled = !commentingOpen;
      }
    });
  }

  function fetchSection(area, section) {
    var delay = Math.random() * FETCH_SPREAD_MS;
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("page returned HTTP " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = page.querySelector(area.section);
          var banner = document.getElementById("challenge-phase");
          var stillOpen = banner && banner.dataset[area.flag] === "open";
          // A later phase change may have closed the form during the fetch.
          if (!fresh || !stillOpen || !document.body.contains(section)) {
            return;
          }
          var imported = document.importNode(fresh, true);
          section.replaceWith(imported);
          window.htmx.process(imported);
          // The fetched post form comes collapsed, as on a phone (disclosure.js).
          if (window.smartcornerDisclosure) {
            window.smartcornerDisclosure.openOnWideScreens(imported);
          }
        })
        .catch(function (error) {
          // The page keeps its closed notice; a reload shows the form.
          console.warn("Smart Lab: " + area.form + " not fetched after the phase change", error);
        });
    }, delay);
  }

  function followArea(area, banner) {
    var section = document.querySelector(area.section);
    if (!section || section.dataset.canTakePart !== "true") {
      return;
    }
    var form = document.getElementById(area.form);
    var open = banner.dataset[area.flag] === "open";
    var shownNotice = document.getElementById(area.closedNotice);
    if (!open && shownNotice) {
      // The next phase may close votes as well.
      shownNotice.textContent = closedNoticeText(section, banner);
    }
    if (!open && form) {
      closeForm(area, section, form, banner);
    } else if (open && form) {
      reopenKeptForm(area, form);
      var closedNotice = document.getElementById(area.closedNotice);
      if (closedNotice) {
        closedNotice.remove();
      }
    } else if (open) {
      fetchSection(area, section);
    }
  }

  function followPhase() {
    var banner = document.getElementById("challenge-phase");
    if (!banner) {
      return;
    }
    markVoteButtons(banner.dataset.voting === "open");
    AREAS.forEach(function (area) {
      followArea(area, banner);
    });
    if (banner.dataset.commenting) {
      followReplyForms(banner.dataset.commenting === "open");
    }
  }

  document.addEventListener("board:phase-changed", followPhase);
})();
