/*
 * The board page follows a live phase change of its challenge.
 *
 * board.js replaces the phase banner (#challenge-phase, whose data-posting
 * and data-voting say what the new phase allows) and then dispatches
 * "board:phase-changed" on the document. This script then:
 * - marks every vote button aria-disabled when voting closes, and clears
 *   the mark when it opens again (the server still answers a click with the
 *   reason, so the button stays focusable);
 * - when posting closes, keeps a draft that someone typed in the post form
 *   with a notice and a disabled submit button, so that no text or focus is
 *   lost; an empty form is replaced by the closed notice;
 * - when posting opens again, enables the kept form, or fetches the page and
 *   takes its post section for a person who may take part.
 * No inline script, eval or hx-on attribute: it runs under a strict CSP.
 */
(function () {
  "use strict";

  // Everyone on the board receives the phase change at once: the fetches of
  // the post form are spread over this time.
  var FETCH_SPREAD_MS = 2000;

  function postSection() {
    return document.querySelector(".board__post");
  }

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

  function closedNoticeText(section, votingOpen) {
    return votingOpen ? section.dataset.closedNotice : section.dataset.closedFinalNotice;
  }

  function closePosting(section, form, votingOpen) {
    if (hasDraft(form)) {
      if (!document.getElementById("board-post-draft")) {
        var draftNotice = notice("board-post-draft", section.dataset.draftNotice);
        form.parentNode.insertBefore(draftNotice, form);
      }
      var button = submitButton(form);
      if (button) {
        button.disabled = true;
      }
      return;
    }
    var hadFocus = form.contains(document.activeElement);
    var closedNotice = notice("board-post-closed", closedNoticeText(section, votingOpen));
    form.replaceWith(closedNotice);
    if (hadFocus) {
      closedNotice.focus();
    }
  }

  function reopenKeptForm(form) {
    var draftNotice = document.getElementById("board-post-draft");
    if (draftNotice) {
      draftNotice.remove();
    }
    var button = submitButton(form);
    if (button) {
      button.disabled = false;
    }
  }

  function fetchPostSection(section) {
    var delay = Math.random() * FETCH_SPREAD_MS;
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("board page returned HTTP " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = page.querySelector(".board__post");
          var banner = document.getElementById("challenge-phase");
          var stillOpen = banner && banner.dataset.posting === "open";
          // A later phase change may have closed posting during the fetch.
          if (!fresh || !stillOpen || !document.body.contains(section)) {
            return;
          }
          var imported = document.importNode(fresh, true);
          section.replaceWith(imported);
          window.htmx.process(imported);
        })
        .catch(function (error) {
          // The page keeps its closed notice; a reload shows the form.
          console.warn("Smart Lab: post form not fetched after the phase change", error);
        });
    }, delay);
  }

  function followPhase() {
    var banner = document.getElementById("challenge-phase");
    if (!banner) {
      return;
    }
    markVoteButtons(banner.dataset.voting === "open");
    var section = postSection();
    if (!section || section.dataset.canTakePart !== "true") {
      return;
    }
    var form = document.getElementById("idea-form");
    var postingOpen = banner.dataset.posting === "open";
    var votingOpen = banner.dataset.voting === "open";
    var closedNotice = document.getElementById("board-post-closed");
    if (!postingOpen && closedNotice) {
      // The notice says whether votes are still taken, which the next
      // phase may change.
      closedNotice.textContent = closedNoticeText(section, votingOpen);
    }
    if (!postingOpen && form) {
      closePosting(section, form, votingOpen);
    } else if (postingOpen && form) {
      reopenKeptForm(form);
    } else if (postingOpen) {
      fetchPostSection(section);
    }
  }

  document.addEventListener("board:phase-changed", followPhase);
})();
