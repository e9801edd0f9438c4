// attune's own browser script: small, no inline script (the CSP forbids it).
// Shows a calm message when an htmx request fails, instead of failing silently,
// takes away a save's Undo after a few seconds, and keeps the bell's count
// fresh.
(function () {
  "use strict";
  // With script, parts kept for browsers without it (such as a button that
  // asks the server for the policy's suggestion) are hidden.
  document.documentElement.classList.add("js");
  function toast(message) {
    var el = document.getElementById("toast");
    if (!el) return;
    el.textContent = message;
    el.hidden = false;
    window.clearTimeout(el._timer);
    el._timer = window.setTimeout(function () { el.hidden = true; }, 6000);
  }
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var text = "Something went wrong. Please try again.";
    if (xhr && xhr.status === 403) text = "That is not available to your role, or the page has expired. Reload and try again.";
    if (xhr && xhr.status === 429) text = "Too many requests. Please wait a moment.";
    toast(text);
  });
  document.addEventListener("htmx:sendError", function () {
    toast("attune could not be reached. Check your connection; nothing has been lost.");
  });
  // The Undo beside a one-tap save's message stays for a few seconds, then
  // goes (the server allows it for two minutes, for pages left open).
  function expireUndo() {
    var undo = document.querySelector("[data-undo]");
    if (undo) window.setTimeout(function () { undo.remove(); }, 20000);
  }
  // Recording something difficult: once a pupil is chosen, finding pupils
  // folds away behind "Change or add", so what the policy suggests comes up
  // the page. Focus goes to that toggle, not lost with the result chosen.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "chosen") return;
    var find = document.querySelector(".record-find");
    if (!find || !find.open) return;
    find.open = false;
    var toggle = find.querySelector("summary");
    if (toggle) toggle.focus();
  });
  // On a phone, filters nobody has chosen yet fold away under their
  // summary, so the list starts on the first screen; on a wider screen, or
  // once a filter is applied, they stay open.
  function foldFilters() {
    if (!window.matchMedia || !window.matchMedia("(max-width: 40em)").matches) return;
    var folds = document.querySelectorAll("details[data-fold-narrow]:not([data-filtered])");
    for (var i = 0; i < folds.length; i++) folds[i].open = false;
  }
  // The bell's count, refreshed while the page is open and in view: every
  // minute, and at once when the tab comes back into view. The server does
  // not count these as use, so a page left open does not keep a session
  // alive; once signed out (a redirect), the refreshing stops.
  function refreshBell() {
    var bell = document.querySelector("[data-badge]");
    if (!bell || !window.fetch || refreshBell.stopped) return;
    if (document.visibilityState && document.visibilityState !== "visible") return;
    window.fetch(bell.getAttribute("data-badge"), {
      credentials: "same-origin", redirect: "manual", cache: "no-store"
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status !== 200) {
        refreshBell.stopped = response.type === "opaqueredirect" || response.status === 401;
        return null;
      }
      return response.text();
    }).then(function (html) {
      var count = bell.querySelector("[data-bell-count]");
      if (html === null || !count) return;
      var next = new DOMParser().parseFromString(html, "text/html").querySelector("[data-bell-count]");
      if (next && next.innerHTML !== count.innerHTML) count.innerHTML = next.innerHTML;
    }).catch(function () {});
  }
  function watchBell() {
    if (!document.querySelector("[data-badge]")) return;
    window.setInterval(refreshBell, 60000);
    document.addEventListener("visibilitychange", refreshBell);
  }
  // A link to a form folded away (My actions' "Write the review on the
  // plan" goes to /plans/N#review) opens it.
  function openTarget() {
    var id = window.location.hash.slice(1);
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  function ready() {
    openTarget();
    expireUndo();
    foldFilters();
    watchBell();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
