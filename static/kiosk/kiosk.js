/* Smart Corner kiosk: idle reset, live content, offline mode, no way out.
 *
 * One page load serves for weeks. Taps on kiosk links go through htmx
 * (hx-boost on <body>), which swaps #kiosk-app; this script swaps it too
 * when content changes or the screen goes idle. Every listener and timer is
 * created once here and looks elements up when it runs, so repeated swaps
 * never add listeners.
 */
(function () {
  "use strict";

  const body = document.body;
  const config = {
    prefix: body.dataset.prefix,
    homeUrl: body.dataset.homeUrl,
    stateUrl: body.dataset.stateUrl,
    heartbeatUrl: body.dataset.heartbeatUrl,
    sessionUrl: body.dataset.sessionUrl,
    socketPath: body.dataset.socketPath,
    healthUrl: body.dataset.healthUrl,
    idleMs: Number(body.dataset.idleSeconds || 90) * 1000,
    rotationMs: Number(body.dataset.rotationSeconds || 10) * 1000,
    seatedDefault: body.dataset.seatedDefault === "true",
    appVersion: body.dataset.appVersion,
  };
  // Time the "Are you still there?" warning stays before the reset.
  const WARNING_MS = 20 * 1000;
  // A pushed update waits until nobody has touched the screen for this long.
  const QUIET_MS = 5 * 1000;
  const POLL_MS = 60 * 1000;
  const HEARTBEAT_MS = 60 * 1000;
  // No socket message for this long (two missed heartbeats) means a dead socket.
  const SOCKET_SILENCE_MS = 75 * 1000;
  const RETRY_FIRST_MS = 2 * 1000;
  const RETRY_MAX_MS = 60 * 1000;

  const state = {
    contentVersion: Number(body.dataset.contentVersion || 0),
    pendingVersion: null,
    lastTouch: Date.now(),
    sessionActive: false,
    idleTimer: null,
    warningTimer: null,
    // Set by the touch that closes the idle warning, until its click.
    swallowNextClick: false,
    quietTimer: null,
    offlineSince: null,
    retryTimer: null,
    retryDelay: RETRY_FIRST_MS,
    socket: null,
    socketTimer: null,
    socketRetryDelay: RETRY_FIRST_MS,
    socketSilenceTimer: null,
    slideIndex: 0,
    // Set by the pause button, and cleared for the next visitor on reset.
    rotationPaused: false,
    loading: false,
    // Counts every navigation, the visitor's and the script's: a fetch
    // started before a newer navigation must not swap its older view in.
    navigation: 0,
    startedAt: Date.now(),
  };

  const app = () => document.getElementById("kiosk-app");

  /* Navigation stays inside the kiosk. */

  function isKioskUrl(href) {
    let url;
    try {
      url = new URL(href, location.href);
    } catch (error) {
      return false;
    }
    return url.origin === location.origin && url.pathname.startsWith(config.prefix);
  }

  function blockForeignNavigation(event) {
    const link = event.target.closest("a[href]");
    if (!link) return;
    if (!isKioskUrl(link.href) || link.target) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  // Pages must not open windows or leave the kiosk by script either.
  window.open = function () {
    return null;
  };

  /* Swapping #kiosk-app. */

  function afterViewChange() {
    const current = app();
    if (!current) return;
    document.documentElement.lang = current.dataset.lang || "fr";
    window.scrollTo(0, 0);
    state.slideIndex = 0;
    updateRotationButton();
    const seatedButton = current.querySelector('[data-kiosk-action="seated"]');
    if (seatedButton) {
      seatedButton.setAttribute("aria-pressed", String(body.classList.contains("kiosk--seated")));
    }
  }

  function swapApp(html) {
    const parsed = new DOMParser().parseFromString(html, "text/html");
    const fresh = parsed.getElementById("kiosk-app");
    const current = app();
    if (!fresh || !current) return false;
    const adopted = document.importNode(fresh, true);
    current.replaceWith(adopted);
    document.title = parsed.title;
    if (window.htmx) window.htmx.process(adopted);
    afterViewChange();
    return true;
  }

  // Load a kiosk URL into #kiosk-app. A 404 (withdrawn content) shows the
  // kiosk's own message; a network failure keeps the content and goes offline.
  // A visitor's tap that starts a newer navigation wins: the older response is
  // dropped and the call returns false, so a pending update is tried again.
  async function loadView(url) {
    state.loading = true;
    state.navigation += 1;
    const ticket = state.navigation;
    try {
      const response = await fetch(url, {
        headers: { "HX-Request": "true" },
        cache: "no-store",
        credentials: "same-origin",
      });
      if (!response.ok && response.status !== 404) return false;
      const html = await response.text();
      if (ticket !== state.navigation) return false;
      return swapApp(html);
    } catch (error) {
      goOffline();
      return false;
    } finally {
      state.loading = false;
    }
  }

  function currentUrl() {
    const current = app();
    return current ? current.dataset.url : config.homeUrl;
  }

  /* Idle reset. */

  function isAtHome() {
    const current = app();
    return (
      current &&
      current.dataset.view === "home" &&
      current.dataset.lang === "fr" &&
      window.scrollY === 0 &&
      body.classList.contains("kiosk--seated") === config.seatedDefault
    );
  }

  function setWarningVisible(visible) {
    const warning = document.getElementById("kiosk-idle-warning");
    if (!warning) return;
    warning.hidden = !visible;
    if (visible) {
      const button = warning.querySelector("button");
      if (button) button.focus();
    }
  }

  function scheduleIdle() {
    clearTimeout(state.idleTimer);
    clearTimeout(state.warningTimer);
    state.idleTimer = setTimeout(onIdle, config.idleMs);
  }

  function onIdle() {
    if (isAtHome()) {
      endSession();
      applyPendingUpdate();
      return;
    }
    setWarningVisible(true);
    state.warningTimer = setTimeout(resetToAttract, WARNING_MS);
  }

  async function resetToAttract() {
    setWarningVisible(false);
    endSession();
    state.rotationPaused = false;
    body.classList.toggle("kiosk--seated", config.seatedDefault);
    const loaded = await loadView(config.homeUrl);
    if (loaded) {
      state.contentVersion = state.pendingVersion ?? state.contentVersion;
      state.pendingVersion = null;
    }
    window.scrollTo(0, 0);
  }

  function isWarningVisible() {
    const warning = document.getElementById("kiosk-idle-warning");
    return Boolean(warning && !warning.hidden);
  }

  function onTouch(event) {
    state.lastTouch = Date.now();
    // A touch hides the warning at once, so the click that the browser sends
    // at the end of that touch would reach the card or link underneath and
    // open it. That touch only closes the warning. Each new pointer sets the
    // flag again, so a touch that ends without a click (a swipe) leaves no
    // flag behind. touchstart comes after pointerdown and only ever sets it.
    if (event.type === "pointerdown") {
      state.swallowNextClick = isWarningVisible();
    } else if (event.type === "touchstart" && isWarningVisible()) {
      state.swallowNextClick = true;
    }
    setWarningVisible(false);
    scheduleIdle();
    if (!state.sessionActive && event.type === "pointerdown") startSession();
    if (state.pendingVersion !== null) scheduleQuietUpdate();
  }

  function swallowDismissingClick(event) {
    if (!state.swallowNextClick) return;
    state.swallowNextClick = false;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /* Anonymous usage counts: one record per visitor session, nothing more. */

  function startSession() {
    state.sessionActive = true;
    fetch(config.sessionUrl, { method: "POST", credentials: "omit" }).catch(() => {});
  }

  function endSession() {
    state.sessionActive = false;
  }

  /* Live content: a socket announces versions, polling catches up. */

  function onVersion(version) {
    if (typeof version !== "number" || version === state.contentVersion) return;
    state.pendingVersion = version;
    scheduleQuietUpdate();
  }

  function scheduleQuietUpdate() {
    clearTimeout(state.quietTimer);
    const wait = Math.max(0, state.lastTouch + QUIET_MS - Date.now());
    state.quietTimer = setTimeout(applyPendingUpdate, wait);
  }

  async function applyPendingUpdate() {
    if (state.pendingVersion === null || state.loading || state.offlineSince) return;
    if (Date.now() - state.lastTouch < QUIET_MS && !isAtHome()) {
      scheduleQuietUpdate();
      return;
    }
    const version = state.pendingVersion;
    if (await loadView(currentUrl())) {
      state.contentVersion = version;
      if (state.pendingVersion === version) state.pendingVersion = null;
    }
  }

  function connectSocket() {
    clearTimeout(state.socketTimer);
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    let socket;
    try {
      socket = new WebSocket(scheme + location.host + config.socketPath);
    } catch (error) {
      retrySocket();
      return;
    }
    state.socket = socket;
    socket.onopen = () => {
      state.socketRetryDelay = RETRY_FIRST_MS;
      watchSocketSilence();
    };
    socket.onmessage = (message) => {
      watchSocketSilence();
      let data;
      try {
        data = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      if (data && (data.type === "content.version" || data.type === "heartbeat")) {
        onVersion(data.version);
      }
    };
    // Servers close sockets normally too (daphne after 24 h), so every close
    // leads to a new connection.
    socket.onclose = () => {
      if (state.socket === socket) state.socket = null;
      clearTimeout(state.socketSilenceTimer);
      retrySocket();
    };
  }

  function watchSocketSilence() {
    clearTimeout(state.socketSilenceTimer);
    state.socketSilenceTimer = setTimeout(() => {
      if (state.socket) state.socket.close();
    }, SOCKET_SILENCE_MS);
  }

  function retrySocket() {
    clearTimeout(state.socketTimer);
    state.socketTimer = setTimeout(connectSocket, state.socketRetryDelay);
    state.socketRetryDelay = Math.min(state.socketRetryDelay * 2, RETRY_MAX_MS);
  }

  async function poll() {
    if (state.offlineSince) return;
    try {
      const response = await fetch(config.stateUrl, { cache: "no-store" });
      if (!response.ok) return;
      const data = await response.json();
      onVersion(data.version);
    } catch (error) {
      goOffline();
    }
  }

  /* Heartbeat: version and memory figures for the staff. */

  function memoryFigures() {
    const figures = { dom_node_count: document.getElementsByTagName("*").length };
    if (performance.memory) {
      figures.js_heap_used_bytes = performance.memory.usedJSHeapSize;
      figures.js_heap_limit_bytes = performance.memory.jsHeapSizeLimit;
    }
    return figures;
  }

  async function sendHeartbeat() {
    if (state.offlineSince) return;
    const payload = {
      version: config.appVersion,
      uptime_seconds: Math.round((Date.now() - state.startedAt) / 1000),
      memory: memoryFigures(),
    };
    try {
      await fetch(config.heartbeatUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
        credentials: "omit",
      });
    } catch (error) {
      goOffline();
    }
  }

  /* Offline: keep the last good content, say since when, retry with back-off. */

  function formatTime(date) {
    const hours = String(date.getHours()).padStart(2, "0");
    const minutes = String(date.getMinutes()).padStart(2, "0");
    return hours + ":" + minutes;
  }

  function goOffline() {
    if (state.offlineSince) return;
    state.offlineSince = new Date();
    const banner = document.getElementById("kiosk-offline");
    const current = app();
    const label = (current && current.dataset.offlineLabel) || "Offline since {time}";
    if (banner) {
      banner.textContent = label.replace("{time}", formatTime(state.offlineSince));
      banner.hidden = false;
    }
    state.retryDelay = RETRY_FIRST_MS;
    scheduleRecoveryCheck();
  }

  function scheduleRecoveryCheck() {
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(checkRecovery, state.retryDelay);
    state.retryDelay = Math.min(state.retryDelay * 2, RETRY_MAX_MS);
  }

  // Reload only when /healthz answers, and only while nobody is using the
  // screen, so a visitor never loses the page they are reading.
  async function checkRecovery() {
    try {
      const response = await fetch(config.healthUrl, { cache: "no-store" });
      if (response.ok && Date.now() - state.lastTouch >= QUIET_MS) {
        location.replace(config.homeUrl);
        return;
      }
    } catch (error) {
      // Still offline: try again later.
    }
    scheduleRecoveryCheck();
  }

  function onNetworkError() {
    goOffline();
  }

  /* Attract screen: rotate the highlights. */

  /* The rotation stops while paused by its button, and while a visitor's
     pointer or focus is on the highlights, so that a visitor keeps the slide
     they are reading or about to tap. */
  function isRotationHeld() {
    if (state.rotationPaused) return true;
    const highlights = document.querySelector("#kiosk-app .kiosk-highlights");
    if (!highlights) return false;
    // Focus on the pause button itself does not stop the rotation, because
    // someone who pressed "play" requested it.
    const focused = document.activeElement;
    const focusInside =
      highlights.contains(focused) && !focused.matches('[data-kiosk-action="rotation"]');
    return highlights.matches(":hover") || focusInside;
  }

  function updateRotationButton() {
    const button = document.querySelector('#kiosk-app [data-kiosk-action="rotation"]');
    if (!button) return;
    button.hidden = document.querySelectorAll("#kiosk-app .kiosk-slide").length < 2;
    const label = state.rotationPaused ? button.dataset.playLabel : button.dataset.pauseLabel;
    button.textContent = label;
  }

  function rotateSlides() {
    const slides = document.querySelectorAll("#kiosk-app .kiosk-slide");
    if (slides.length < 2) return;
    const warning = document.getElementById("kiosk-idle-warning");
    if (warning && !warning.hidden) return;
    if (isRotationHeld()) return;
    state.slideIndex = (state.slideIndex + 1) % slides.length;
    slides.forEach((slide, index) => {
      slide.hidden = index !== state.slideIndex;
    });
  }

  /* Buttons of the kiosk frame. */

  function onAction(event) {
    const button = event.target.closest("[data-kiosk-action]");
    if (!button) return;
    const action = button.dataset.kioskAction;
    if (action === "seated") {
      const seated = body.classList.toggle("kiosk--seated");
      button.setAttribute("aria-pressed", String(seated));
    } else if (action === "rotation") {
      state.rotationPaused = !state.rotationPaused;
      updateRotationButton();
    } else if (action === "stay") {
      setWarningVisible(false);
      scheduleIdle();
    }
  }

  /* Start. */

  document.addEventListener("click", swallowDismissingClick, true);
  document.addEventListener("click", blockForeignNavigation, true);
  document.addEventListener("click", onAction);
  document.addEventListener("submit", (event) => {
    if (!isKioskUrl(event.target.action)) event.preventDefault();
  }, true);
  for (const type of ["pointerdown", "keydown", "wheel", "touchstart"]) {
    document.addEventListener(type, onTouch, { capture: true, passive: true });
  }
  document.addEventListener("htmx:beforeRequest", () => {
    state.navigation += 1;
  });
  document.addEventListener("htmx:afterSettle", afterViewChange);
  document.addEventListener("htmx:sendError", onNetworkError);
  // The screen has no back button; gestures or keys that go back return home.
  window.addEventListener("popstate", () => resetToAttract());

  afterViewChange();
  scheduleIdle();
  connectSocket();
  setInterval(poll, POLL_MS);
  setInterval(sendHeartbeat, HEARTBEAT_MS);
  setInterval(rotateSlides, config.rotationMs);
  setTimeout(sendHeartbeat, 2000);

  // For tests and for staff at the screen's console: apply a content
  // version as if the socket had announced it.
  window.smartcornerKiosk = {
    announce: (version) => onVersion(version),
    applyNow: async (version) => {
      state.pendingVersion = version;
      state.lastTouch = 0;
      await applyPendingUpdate();
    },
  };
})();
