// Keyboard shortcuts of the head-to-head judging screen (issue 14): A, B, C for can't tell.
// htmx replaces the form after each answer, so the buttons are looked up on each key press.
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  if (event.target.closest("input, textarea, select, [contenteditable]")) return;
  const button = document.querySelector(
    `#pairwise-judgement button[data-key="${event.key.toLowerCase()}"]`
  );
  if (button) {
    event.preventDefault();
    button.click();
  }
});
