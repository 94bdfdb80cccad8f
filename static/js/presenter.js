// The presenter view's keyboard (issue 14): ArrowLeft or k goes to the previous agenda item,
// ArrowRight or j to the next, unless the reader is typing in a field.
(function () {
  "use strict";
  const KEYS = { ArrowLeft: "previous-item", k: "previous-item", ArrowRight: "next-item", j: "next-item" };

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || typing(event.target)) {
      return;
    }
    const link = document.getElementById(KEYS[event.key] || "");
    if (link) {
      event.preventDefault();
      window.location.assign(link.href);
    }
  });
})();
