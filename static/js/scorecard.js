// Number keys choose a level of the criterion that has focus (not while typing text).
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target.matches("textarea, input[type=text], input[type=url], select")) return;
  var form = target.closest && target.closest("form[data-criterion]");
  if (!form || !/^[0-9]$/.test(event.key)) return;
  var radio = form.querySelector('input[type=radio][data-level="' + event.key + '"]');
  if (!radio || radio.disabled) return;
  event.preventDefault();
  radio.checked = true;
  radio.focus();
  radio.dispatchEvent(new Event("change", { bubbles: true }));
});

// Arrow keys move through a level group one level at a time, checking each on the way: saving
// every step made four saves and four history entries for one choice. A level reached by arrow
// keys saves once the choice settles, or at once when focus leaves the group or a form is
// submitted; clicks, Space and number keys save at once (issue 18).
(function () {
  "use strict";
  var SETTLE_MS = 600;
  var ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"];
  var arrowAt = 0;
  var held = null;  // { radio, timer }

  function release() {
    if (!held) return;
    var radio = held.radio;
    clearTimeout(held.timer);
    held = null;
    radio.dispatchEvent(new CustomEvent("change", { bubbles: true, detail: { settled: true } }));
  }

  document.addEventListener("keydown", function (event) {
    if (ARROWS.indexOf(event.key) >= 0 && event.target.matches(".level-choices input[type=radio]")) {
      arrowAt = Date.now();
    }
  }, true);

  // Capturing, so the form (where htmx listens) never sees the held change.
  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (!radio.matches || !radio.matches(".level-choices input[type=radio]")) return;
    if (event.detail && event.detail.settled) return;
    if (Date.now() - arrowAt > 250) { held = null; return; }
    event.stopPropagation();
    if (held) clearTimeout(held.timer);
    held = { radio: radio, timer: setTimeout(release, SETTLE_MS) };
  }, true);

  document.addEventListener("focusout", function (event) {
    if (!held) return;
    var group = held.radio.closest(".level-choices");
    if (!group.contains(event.relatedTarget)) release();
  });

  // Submitting (or undoing) waits for the held level to be saved first.
  document.addEventListener("submit", function (event) {
    if (!held) return;
    var form = held.radio.form;
    var submitted = event.target;
    event.preventDefault();
    form.addEventListener("htmx:afterRequest", function () { submitted.requestSubmit(); }, { once: true });
    release();
  }, true);

  window.addEventListener("pagehide", release);
})();
