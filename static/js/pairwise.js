// Keyboard shortcuts of the head-to-head judging screen (issue 14): A, B, C for can't tell.
// htmx replaces the form after each answer, so the buttons are looked up on each key press.
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  if (event.target.closest("input, textarea, select, [contenteditable]")) return;
  // One answer at a time: not while the last one is on its way or its pair is being swapped
  // in (the new form is not wired to htmx until the swap settles).
  if (document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")) return;
  const button = document.querySelector(
    `#pairwise-judgement button[data-key="${event.key.toLowerCase()}"]`
  );
  if (button) {
    event.preventDefault();
    button.click();
  }
});
