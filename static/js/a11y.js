// Keeps the keyboard's place across htmx swaps and failed forms (issue 18).
// - A swap that replaces the focused control puts focus on its replacement (same id).
// - A form that comes back with errors, by htmx or as a page, puts focus on the first error.
// Loaded on every page from a file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var FIRST_ERROR = '[data-error-summary], [aria-invalid="true"]';
  var pending = null;

  function focusOn(element) {
    if (!element) return false;
    if (element.tabIndex < 0 && !element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    element.focus();
    return document.activeElement === element;
  }

  function focusLost() {
    var active = document.activeElement;
    return !active || active === document.body || !document.contains(active);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var target = event.detail.target;
    pending = {
      focusId: active && active !== document.body ? active.id : "",
      targetId: target ? target.id : "",
      wasInside: Boolean(target && active && target.contains(active))
    };
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!pending) return;
    var swap = pending;
    pending = null;
    var region = swap.targetId ? document.getElementById(swap.targetId) : null;
    var error = swap.wasInside && region ? region.querySelector(FIRST_ERROR) : null;
    if (error && focusOn(error)) return;
    if (!focusLost()) return;
    if (swap.focusId && focusOn(document.getElementById(swap.focusId))) return;
    if (swap.wasInside && region) focusOn(region);
  });

  document.addEventListener("DOMContentLoaded", function () {
    // A page that answers a failed submit (for example an incomplete scorecard) starts on it.
    focusOn(document.querySelector(FIRST_ERROR));
  });
})();
