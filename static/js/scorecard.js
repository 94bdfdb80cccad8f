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
