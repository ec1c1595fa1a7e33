/*
 * Live updates of a Smart Lab idea board.
 *
 * htmx-ext-ws opens the socket of #board-live and applies each message as
 * out-of-band swaps. Every message starts with a marker element
 * (#board-sequence, see ideation/broadcast.py) that carries the board's
 * message number. This script reads the marker before htmx swaps anything and:
 * - drops stale messages and cards already on the page (the author's browser
 *   inserted its own card from the HTTP response);
 * - fetches the idea list over HTTP when a number is missing, after a
 *   reconnect, and when a heartbeat shows a newer number than the last one
 *   applied; only #idea-list is replaced, and the post form sits outside it;
 *   the request keeps the list's filters and its pages of "Show more ideas";
 * - applies batches of vote counts itself: a batch replaces the messages from
 *   data-first-sequence to data-sequence, and may name ideas the page does
 *   not show; the counts and banner of a phase change are applied the same
 *   way;
 * - answers each heartbeat, so that the server closes sockets whose client
 *   is gone, and shows the presence count in #board-presence;
 * - keeps every form someone is typing in: a form that has the focus or
 *   changed text is put back after a swap replaced it;
 * - on an idea's page opened by a facilitator, fetches the list of hidden
 *   comments (#hidden-comments) again after a comment is removed or
 *   restored;
 * - on the page of an idea awaiting moderation, fetches the comment section
 *   (#comment-section) once the idea is published;
 * - reconnects after a normal close (htmx-ext-ws only retries after abnormal
 *   ones), after the server closed a socket whose session ended or whose
 *   client went silent, and when no message, not even a heartbeat, arrived
 *   for a minute;
 * - announces new ideas in #live-status;
 * - leaves out of a "Show more ideas" response the cards already on the page;
 * - keeps a list with data-max-ideas (the projection) to that many cards,
 *   counting the others in #idea-list-hidden.
 * It also lets htmx swap the 4xx fragments of the board views (form errors,
 * sign-in messages), which carry an HX-Reswap header, and moves focus back
 * to the control that a response replaced. The filter form pushes its URL.
 * Back and forward then make htmx fetch the page again and swap in a new
 * #board-live with a new socket. So the socket events are listened to on the
 * body, and the state of the replaced socket is dropped.
 * No inline script, eval or hx-on attribute: it runs under a strict CSP.
 */
(function () {
  "use strict";

  // The consumer sends a heartbeat every 25 s; two lost heartbeats and some
  // network delay mean the socket is dead even if the browser thinks it open.
  var HEARTBEAT_TIMEOUT_MS = 60000;
  var WATCHDOG_INTERVAL_MS = 10000;
  // A heartbeat can read a number whose message is still on its way.
  var GAP_GRACE_MS = 2000;
  // Messages that arrive within this time, such as a facilitator hiding
  // comments one after the other, make one fetch of the hidden comments.
  var HIDDEN_COMMENTS_DELAY_MS = 300;
  var RECONNECT_MIN_DELAY_MS = 1000;
  var RECONNECT_JITTER_MS = 4000;
  // htmx-ext-ws 2.0.4 reconnects by itself after these close codes.
  var CODES_RETRIED_BY_HTMX = [1006, 1011, 1012, 1013];
  // Codes 4000-4999 are application closes: the board is gone or closed,
  // except these two, after which a new socket checks the session again.
  var FIRST_APPLICATION_CODE = 4000;
  var CODES_RECONNECTED = [4001, 4008]; // session ended, client silent
  // The server closed this socket, the person's oldest, because they opened
  // more than it keeps. Reconnecting would close the socket of another tab.
  var CODE_TOO_MANY_SOCKETS = 4029;

  var state = {
    socket: null, // public interface of the htmx-ext-ws socket wrapper
    open: false,
    connecting: false,
    openedBefore: false,
    lastMessageAt: Date.now(),
    refetching: false,
    highestSeenDuringRefetch: 0,
    gapTimer: null,
    reconnectTimer: null,
    pendingAnnouncement: null,
    keptForms: [],
    // Set when the server closed this tab's socket for too many sockets.
    stopped: false,
    hiddenCommentsTimer: null,
  };

  function byId(id) {
    return document.getElementById(id);
  }

  function lastSequence() {
    return parseInt(byId("board-live").dataset.sequence, 10) || 0;
  }

  function setLastSequence(sequence) {
    byId("board-live").dataset.sequence = String(sequence);
  }

  function announce(text) {
    var status = byId("live-status");
    if (!status || !text) {
      return;
    }
    // Emptying first makes screen readers announce a repeated text too.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function showConnection(online) {
    var element = byId("board-connection");
    var board = byId("board");
    // A stopped tab keeps its notice, because the offline notice would
    // promise a reconnection that never comes.
    if (!element || !board || state.stopped) {
      return;
    }
    element.textContent = online ? "" : board.dataset.offlineMessage;
    element.hidden = online;
  }

  function showTooManySockets() {
    var element = byId("board-connection");
    var board = byId("board");
    state.stopped = true;
    if (element && board && board.dataset.tooManySocketsMessage) {
      element.textContent = board.dataset.tooManySocketsMessage;
      element.hidden = false;
      announce(board.dataset.tooManySocketsMessage);
    }
  }

  function parseMarker(message) {
    var template = document.createElement("template");
    template.innerHTML = message;
    var marker = template.content.querySelector("#board-sequence");
    if (!marker) {
      return null;
    }
    var sequence = parseInt(marker.dataset.sequence, 10);
    var first = parseInt(marker.dataset.firstSequence, 10);
    return {
      sequence: sequence,
      firstSequence: isNaN(first) ? sequence : first,
      event: marker.dataset.event,
      ideaId: marker.dataset.ideaId,
      announcement: marker.dataset.announcement,
      skipIfPresent: marker.dataset.skipIfPresent,
      restored: marker.dataset.restored === "1",
      count: marker.dataset.count,
      label: marker.dataset.label,
      content: template.content,
    };
  }

  // Forms being typed in

  function formKey(form) {
    return form.id || form.getAttribute("action") || form.getAttribute("hx-post");
  }

  function isTextField(field) {
    return field.tagName === "TEXTAREA" || field.type === "text";
  }

  function isBeingTyped(form) {
    if (form.id === "idea-form" || !formKey(form)) {
      return false; // outside every swapped element, or not identifiable
    }
    if (form.contains(document.activeElement)) {
      return true;
    }
    return Array.prototype.some.call(form.elements, function (field) {
      return isTextField(field) && field.value !== field.defaultValue;
    });
  }

  // Remember the forms someone is typing in, before a swap.
  function keepTypedForms() {
    var forms = document.querySelectorAll("#board form");
    state.keptForms = Array.prototype.filter.call(forms, isBeingTyped).map(function (form) {
      var active = form.contains(document.activeElement) ? document.activeElement : null;
      return {
        form: form,
        key: formKey(form),
        active: active,
        selection: active && "selectionStart" in active
          ? [active.selectionStart, active.selectionEnd]
          : null,
      };
    });
  }

  // Put back each remembered form that the swap replaced or removed.
  function restoreTypedForms() {
    state.keptForms.forEach(function (kept) {
      if (document.body.contains(kept.form)) {
        return; // the swap did not touch it
      }
      var replacement = Array.prototype.find.call(
        document.querySelectorAll("#board form"),
        function (form) {
          return formKey(form) === kept.key;
        }
      );
      if (!replacement) {
        return; // its idea is gone from the page
      }
      if (!Array.prototype.some.call(kept.form.elements, isTextField)) {
        // Nothing can be typed in it (a vote button), and the new copy has
        // the current state, such as a vote's pressed state. So the new copy
        // stays, and its control takes the focus back.
        focusTwin(kept, replacement);
        return;
      }
      replacement.replaceWith(kept.form);
      if (kept.active) {
        kept.active.focus();
        if (kept.selection) {
          kept.active.setSelectionRange(kept.selection[0], kept.selection[1]);
        }
      }
    });
    state.keptForms = [];
  }

  // Focus the control of ``replacement`` at the place that the kept form's
  // focused control had.
  function focusTwin(kept, replacement) {
    if (!kept.active) {
      return;
    }
    var index = Array.prototype.indexOf.call(kept.form.elements, kept.active);
    var twin = replacement.elements[index];
    if (twin) {
      twin.focus();
    }
  }

  // Live messages that board.js applies itself

  function applyCounts(marker, selector) {
    var spans = marker.content.querySelectorAll(selector || "span[id$='-votes']");
    Array.prototype.forEach.call(spans, function (span) {
      var target = byId(span.id);
      if (target) {
        target.textContent = span.textContent;
      }
    });
  }

  // The banner contains no htmx attributes and no inputs, so a plain DOM
  // replacement does what the out-of-band swap would.
  function replacePhaseBanner(marker) {
    var banner = marker.content.querySelector("#challenge-phase");
    var current = byId("challenge-phase");
    if (banner && current) {
      banner.removeAttribute("hx-swap-oob");
      current.replaceWith(document.importNode(banner, true));
    }
  }

  // Return whether a part of the message targets an element that this page
  // does not show. Comment messages reach every page of the board, and the
  // board page lists no comments.
  function targetsMissingElement(marker) {
    var parts = marker.content.children;
    for (var index = 0; index < parts.length; index++) {
      var part = parts[index];
      var spec = part.getAttribute("hx-swap-oob") || "";
      var colon = spec.indexOf(":");
      var selector = "";
      if (colon >= 0) {
        selector = spec.slice(colon + 1); // "beforeend:#idea-7-comments"
      } else if (part.id) {
        selector = "#" + part.id;
      }
      if (selector && !document.querySelector(selector)) {
        return true;
      }
    }
    return false;
  }

  function showPresence(marker) {
    var live = byId("board-live");
    var element = byId("board-presence");
    if (!element) {
      element = document.createElement("p");
      element.id = "board-presence";
      element.className = "board__presence";
      live.insertBefore(element, byId("board-connection"));
    }
    element.textContent = marker.label || "";
    element.dataset.count = marker.count || "";
  }

  // The person's unread notifications, sent outside the board's numbering.
  function showUnreadCount(marker) {
    var bell = byId("lab-bell");
    if (!bell) {
      return;
    }
    var count = bell.querySelector("[data-bell-count]");
    var label = bell.querySelector("[data-bell-label]");
    if (count) {
      count.textContent = marker.count || "0";
    }
    if (label) {
      label.textContent = marker.label || "";
    }
  }

  function sendToServer(message) {
    if (state.socket && state.open) {
      state.socket.send(JSON.stringify(message));
    }
  }

  // Bounded lists

  // Return whether a live idea goes first in the list on screen. A filtered
  // list (the idea may not match) or one sorted by votes or comments (a new
  // idea has none) is fetched again instead.
  function newIdeaGoesFirst() {
    var list = byId("idea-list");
    if (!list || list.dataset.query === undefined) {
      return true;
    }
    var query = new URLSearchParams(list.dataset.query);
    var filtered = ["q", "status", "category", "tag"].some(function (name) {
      return query.get(name);
    });
    var sort = query.get("sort") || "hot";
    return !filtered && (sort === "hot" || sort === "new");
  }

  // Return the data-max-ideas of #idea-list, or null when it shows them all.
  function maximumIdeas() {
    var list = byId("idea-list");
    var maximum = list ? parseInt(list.dataset.maxIdeas, 10) : NaN;
    return isNaN(maximum) ? null : maximum;
  }

  // Remove the cards past the maximum (the oldest, since live ideas are put
  // first) and add them to the count shown in #idea-list-hidden.
  function keepMaximumIdeas() {
    var maximum = maximumIdeas();
    var hidden = byId("idea-list-hidden");
    if (maximum === null || !hidden) {
      return;
    }
    var cards = byId("idea-list").querySelectorAll(":scope > .idea");
    if (cards.length <= maximum) {
      return;
    }
    for (var index = maximum; index < cards.length; index++) {
      cards[index].remove();
    }
    var count = (parseInt(hidden.dataset.count, 10) || 0) + cards.length - maximum;
    hidden.dataset.count = String(count);
    hidden.querySelector(".projection__hidden-count").textContent = String(count);
    hidden.hidden = false;
  }

  // Refetch

  // Controls of a card that keep the focus through a refetch, which
  // replaces every card of the list.
  var CARD_CONTROLS = [".vote-button", ".idea__title a"];

  // Return where the focus is in the list, to put it back after a refetch:
  // the focused control of a card, or the first card after the heading that
  // "Show more ideas" focuses (the refetched list has no such heading).
  // Return null when the focus is outside the list.
  function focusedPlace() {
    var active = document.activeElement;
    if (!active || !active.closest || !active.closest("#idea-list")) {
      return null;
    }
    var idea = active.closest("#idea-list .idea");
    if (idea) {
      var control = CARD_CONTROLS.find(function (selector) {
        return active.matches(selector);
      });
      return { ideaId: idea.id, control: control || CARD_CONTROLS[0], always: true };
    }
    var next = Array.prototype.find.call(
      document.querySelectorAll("#idea-list .idea[id]"),
      function (card) {
        return active.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING;
      }
    );
    return next ? { ideaId: next.id, control: ".idea__title a", always: false } : null;
  }

  // The board's list states the filters it was rendered with and how many
  // pages it shows: both change without a page load (the filter form and
  // "Show more ideas" swap fragments), so the page's own URL is out of date.
  function refetchUrl(board, list) {
    var url = board.dataset.liveUrl || board.dataset.ideasUrl;
    if (board.dataset.liveUrl || !url || list.dataset.query === undefined) {
      return url;
    }
    var query = new URLSearchParams(list.dataset.query);
    query.set("page", String(pagesToRefetch(list)));
    return url.split("?")[0] + "?" + query.toString();
  }

  // Ideas that arrived live push as many cards past the last page loaded,
  // so the refetch requests enough pages to hold every card the list shows.
  function pagesToRefetch(list) {
    var pages = parseInt(list.dataset.pages, 10) || 1;
    var perPage = parseInt(list.dataset.perPage, 10);
    var cards = list.querySelectorAll(".idea[id]").length;
    return perPage > 0 ? Math.max(pages, Math.ceil(cards / perPage)) : pages;
  }

  function refetch() {
    var board = byId("board");
    if (state.refetching || !board) {
      return;
    }
    // A page other than the board (an idea's page) names the element it
    // refetches and the URL of its fragment; each carries data-sequence.
    var targetId = board.dataset.liveTarget || "idea-list";
    var oldList = byId(targetId);
    var url = oldList ? refetchUrl(board, oldList) : null;
    if (!oldList || !url) {
      return;
    }
    state.refetching = true;
    state.highestSeenDuringRefetch = 0;
    var focused = focusedPlace();
    keepTypedForms();
    htmx
      .ajax("GET", url, { target: "#" + targetId, swap: "outerHTML" })
      .then(
        function () {
          state.refetching = false;
          restoreTypedForms();
          var list = byId(targetId);
          if (!list || list === oldList) {
            return; // not swapped (error response): keep the current number
          }
          var sequence = parseInt(list.dataset.sequence, 10) || 0;
          setLastSequence(sequence);
          restoreFocus(focused);
          if (state.highestSeenDuringRefetch > sequence) {
            refetch();
          }
        },
        function () {
          state.refetching = false;
          state.keptForms = [];
        }
      );
  }

  // The facilitators' list of hidden comments on an idea's page. Live
  // messages carry a comment's id but never its hidden text, so the list is
  // fetched again over HTTP, where the server checks that the reader is a
  // facilitator.
  function scheduleHiddenCommentsFetch() {
    if (!byId("hidden-comments") || state.hiddenCommentsTimer) {
      return;
    }
    state.hiddenCommentsTimer = window.setTimeout(function () {
      state.hiddenCommentsTimer = null;
      var section = byId("hidden-comments");
      if (section && section.dataset.url) {
        htmx.ajax("GET", section.dataset.url, {
          target: "#hidden-comments",
          swap: "outerHTML",
        });
      }
    }, HIDDEN_COMMENTS_DELAY_MS);
  }

  // On the page of an idea awaiting moderation, its authors see no comment
  // form. Once the idea is published, the server renders the section again,
  // with the form for a person who may comment. A section that already has a
  // form is left alone, so no text being typed is lost.
  function fetchCommentSection() {
    var section = byId("comment-section");
    if (!section || !section.dataset.url || byId("comment-form")) {
      return;
    }
    htmx.ajax("GET", section.dataset.url, {
      target: "#comment-section",
      swap: "outerHTML",
    });
  }

  // A card's control takes the focus back even from a form that the swap
  // restored. The card that stands for a heading takes it only when the
  // focus was lost.
  function restoreFocus(place) {
    if (!place) {
      return;
    }
    var active = document.activeElement;
    if (!place.always && active && active !== document.body && active.isConnected) {
      return;
    }
    var control = document.querySelector("#" + place.ideaId + " " + place.control);
    if (control) {
      control.focus();
    }
  }

  function scheduleGapCheck(sequence) {
    if (state.gapTimer) {
      return;
    }
    state.gapTimer = window.setTimeout(function () {
      state.gapTimer = null;
      if (lastSequence() < sequence) {
        refetch();
      }
    }, GAP_GRACE_MS);
  }

  // Socket messages

  function onBeforeMessage(event) {
    state.socket = event.detail.socketWrapper;
    state.lastMessageAt = Date.now();
    var marker = parseMarker(event.detail.message);
    if (!marker || isNaN(marker.sequence)) {
      event.preventDefault();
      return;
    }
    if (state.refetching) {
      state.highestSeenDuringRefetch = Math.max(
        state.highestSeenDuringRefetch,
        marker.sequence
      );
      event.preventDefault();
      return;
    }
    var last = lastSequence();
    if (marker.event === "heartbeat") {
      event.preventDefault();
      sendToServer({ type: "board.pong" });
      if (marker.sequence > last) {
        scheduleGapCheck(marker.sequence);
      }
      return;
    }
    if (marker.event === "presence") {
      event.preventDefault();
      showPresence(marker);
      return;
    }
    if (marker.event === "bell") {
      event.preventDefault();
      showUnreadCount(marker);
      return;
    }
    if (marker.sequence <= last) {
      event.preventDefault(); // already part of what the page shows
      return;
    }
    if (marker.firstSequence > last + 1) {
      event.preventDefault();
      refetch();
      return;
    }
    setLastSequence(marker.sequence);
    if (marker.event === "comment.removed" || marker.event === "comment.restored") {
      scheduleHiddenCommentsFetch();
    }
    if (marker.event === "idea.votes_changed") {
      event.preventDefault(); // ideas this page does not show are skipped
      applyCounts(marker);
      return;
    }
    if (marker.event === "idea.posted" && byId("idea-" + marker.ideaId)) {
      event.preventDefault();
      if (byId("idea-" + marker.ideaId).dataset.awaitingModeration === "true") {
        // The author's own card of an idea just published: the server
        // renders it again without its "Awaiting moderation" badge.
        refetch();
        fetchCommentSection();
      }
      return;
    }
    if (marker.event === "challenge.phase_changed") {
      // In results the message carries the count of every idea of the board,
      // and htmx would report an error for each card this page does not show.
      event.preventDefault();
      applyCounts(marker);
      replacePhaseBanner(marker);
      // board-phase.js updates the post form and the vote buttons.
      document.dispatchEvent(new CustomEvent("board:phase-changed"));
      if (maximumIdeas() !== null) {
        // The projection shows other ideas in results: the most supported.
        refetch();
      }
      return;
    }
    if (marker.event === "idea.removed" && maximumIdeas() !== null) {
      // A bounded list (the projection) is fetched again, because only the
      // server can fill the gap or lower the count of hidden ideas.
      event.preventDefault();
      refetch();
      return;
    }
    if (marker.skipIfPresent && byId(marker.skipIfPresent)) {
      event.preventDefault(); // the author's page already shows it
      return;
    }
    if (marker.event === "comment.restored") {
      // The message carries the count only: the page of the idea fetches its
      // thread, where the server puts the comment and its replies back.
      event.preventDefault();
      applyCounts(marker, "span[id$='-comment-count']");
      if (byId("idea-" + marker.ideaId + "-comments")) {
        refetch();
      }
      return;
    }
    if (marker.event.indexOf("comment.") === 0 && targetsMissingElement(marker)) {
      // No comment list here (the board page): only the count changes.
      event.preventDefault();
      applyCounts(marker, "span[id$='-comment-count']");
      return;
    }
    if (marker.event === "idea.posted" && (marker.restored || !newIdeaGoesFirst())) {
      // A restored idea is not the newest, so its place comes from the server.
      event.preventDefault();
      announce(marker.announcement);
      refetch();
      return;
    }
    if (marker.event === "idea.posted") {
      state.pendingAnnouncement = marker.announcement;
    }
    keepTypedForms();
  }

  function onAfterMessage() {
    restoreTypedForms();
    keepMaximumIdeas();
    if (state.pendingAnnouncement) {
      announce(state.pendingAnnouncement);
      state.pendingAnnouncement = null;
    }
  }

  // Socket life cycle

  function onConnecting() {
    state.connecting = true;
  }

  function onOpen(event) {
    state.socket = event.detail.socketWrapper;
    state.open = true;
    state.connecting = false;
    state.lastMessageAt = Date.now();
    // The WebSocket URL has no language prefix: tell the server the page's.
    state.socket.send(
      JSON.stringify({ type: "board.language", language: document.documentElement.lang })
    );
    showConnection(true);
    if (state.openedBefore) {
      refetch();
    }
    state.openedBefore = true;
  }

  function onClose(event) {
    var code = event.detail.event.code;
    state.socket = event.detail.socketWrapper;
    state.open = false;
    showConnection(false);
    if (state.connecting) {
      return; // a newer socket is already being opened
    }
    if (CODES_RETRIED_BY_HTMX.indexOf(code) >= 0) {
      return;
    }
    if (code === CODE_TOO_MANY_SOCKETS) {
      showTooManySockets();
      return;
    }
    if (code >= FIRST_APPLICATION_CODE && CODES_RECONNECTED.indexOf(code) < 0) {
      return;
    }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (state.reconnectTimer) {
      return;
    }
    var delay = RECONNECT_MIN_DELAY_MS + Math.random() * RECONNECT_JITTER_MS;
    state.reconnectTimer = window.setTimeout(function () {
      state.reconnectTimer = null;
      reconnect();
    }, delay);
  }

  function reconnect() {
    if (state.stopped || !state.socket || state.connecting || !document.body.contains(byId("board-live"))) {
      return;
    }
    state.lastMessageAt = Date.now();
    state.socket.reconnect();
  }

  function checkHeartbeat() {
    if (state.open && Date.now() - state.lastMessageAt > HEARTBEAT_TIMEOUT_MS) {
      // The socket looks open but delivers nothing: replace it.
      reconnect();
    }
  }

  // HTTP responses of the board views

  function onBeforeSwap(event) {
    var xhr = event.detail.xhr;
    var board = byId("board");
    if (!board) {
      return;
    }
    if (xhr.status < 300 && event.detail.requestConfig.elt.id === "idea-form") {
      removeCardOfResponse(event.detail.serverResponse);
      return;
    }
    if (xhr.status < 300 && event.detail.target && event.detail.target.id === "idea-list-more") {
      event.detail.serverResponse = withoutCardsOnPage(event.detail.serverResponse);
      countShownPages(event.detail.target, event.detail.requestConfig.path);
      return;
    }
    if (xhr.status < 400 || xhr.status >= 500) {
      return;
    }
    if (xhr.getResponseHeader("HX-Reswap")) {
      // A fragment written for this error (form errors, sign-in message).
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
    // Other refusals (too many requests) are shown by site.js next to the
    // control that sent them.
  }

  // The socket can deliver the author's new card before the HTTP response
  // does; the response's copy replaces it instead of appearing twice.
  function removeCardOfResponse(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var card = template.content.querySelector(".idea[id]");
    var existing = card ? byId(card.id) : null;
    if (existing) {
      existing.remove();
    }
  }

  // "Show more ideas" reads the next page by position: ideas posted or
  // moved up since the page loaded push some cards already shown into it.
  function withoutCardsOnPage(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.querySelectorAll(".idea[id]").forEach(function (card) {
      if (byId(card.id)) {
        card.remove();
      }
    });
    return template.innerHTML;
  }

  // Record on #idea-list the page that a "Show more ideas" response adds,
  // so that a refetch brings back as many ideas as the person loaded.
  function countShownPages(moreElement, path) {
    var list = byId("idea-list");
    var page = parseInt(new URL(path, window.location.href).searchParams.get("page"), 10);
    if (list && list.contains(moreElement) && page > (parseInt(list.dataset.pages, 10) || 1)) {
      list.dataset.pages = String(page);
    }
  }

  // Remove the empty fields from the filter form's requests, so that the
  // URL it pushes names only the filters in use.
  function onConfigRequest(event) {
    var requester = event.detail.elt;
    if (!requester.matches || !requester.matches("form.idea-filters")) {
      return;
    }
    var parameters = event.detail.parameters;
    Object.keys(parameters).forEach(function (name) {
      if (parameters[name] === "") {
        delete parameters[name];
      }
    });
  }

  // htmx restored a page from history: its #board-live opens a new socket,
  // and its lists carry the sequence and filters of that page. The replaced
  // socket was closed with its element, whose events no longer reach the body.
  function onHistoryRestore() {
    window.clearTimeout(state.gapTimer);
    window.clearTimeout(state.reconnectTimer);
    state.gapTimer = null;
    state.reconnectTimer = null;
    state.socket = null;
    state.open = false;
    // The page was rendered just now, so the first open needs no refetch.
    state.openedBefore = false;
    state.refetching = false;
    state.highestSeenDuringRefetch = 0;
    state.pendingAnnouncement = null;
    state.keptForms = [];
    state.lastMessageAt = Date.now();
    // The restored page opened a new socket, as the reload recommended by a
    // stopped tab's notice does, so the page reconnects after a close again.
    state.stopped = false;
  }

  function onAfterRequest(event) {
    var requester = event.detail.elt;
    var target = event.detail.target;
    window.setTimeout(function () {
      if (requester.id === "idea-form") {
        var field =
          document.querySelector('#idea-form [aria-invalid="true"]') ||
          document.querySelector("#idea-form .form-errors a") ||
          document.querySelector('#idea-form [name="title"]');
        if (field && event.detail.xhr && event.detail.xhr.status !== 0) {
          field.focus();
        }
      } else if (target && /^idea-\d+-vote$/.test(target.id)) {
        var control = document.querySelector(
          "#" + target.id + " .vote-button, #" + target.id + " a"
        );
        if (control) {
          control.focus();
        }
      }
    }, 0);
  }

  // Wrap a socket event handler so that it runs only for the socket of the
  // #board-live on the page, not for another element's socket.
  function fromBoardSocket(handler) {
    return function (event) {
      if (event.target === byId("board-live")) {
        handler(event);
      }
    };
  }

  function init() {
    var live = byId("board-live");
    if (!live || typeof htmx === "undefined") {
      return;
    }
    var body = document.body;
    body.addEventListener("htmx:wsConnecting", fromBoardSocket(onConnecting));
    body.addEventListener("htmx:wsOpen", fromBoardSocket(onOpen));
    body.addEventListener("htmx:wsClose", fromBoardSocket(onClose));
    body.addEventListener("htmx:wsBeforeMessage", fromBoardSocket(onBeforeMessage));
    body.addEventListener("htmx:wsAfterMessage", fromBoardSocket(onAfterMessage));
    body.addEventListener("htmx:beforeSwap", onBeforeSwap);
    body.addEventListener("htmx:afterRequest", onAfterRequest);
    body.addEventListener("htmx:configRequest", onConfigRequest);
    body.addEventListener("htmx:historyRestore", onHistoryRestore);
    window.addEventListener("online", reconnect);
    // The browser reports a lost network at once, while a dead socket shows
    // only when the heartbeat stops, so the notice appears now. Coming back
    // online reconnects, and the new socket's open event clears the notice.
    window.addEventListener("offline", function () {
      showConnection(false);
    });
    window.setInterval(checkHeartbeat, WATCHDOG_INTERVAL_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
