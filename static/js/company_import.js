// Refuse an oversized file before uploading it, with the page's own (translated) message.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
  var file = input.files && input.files[0];
  var tooLarge = file && file.size > Number(input.dataset.maxBytes);
  input.setCustomValidity(tooLarge ? input.dataset.tooLarge : "");
  if (tooLarge) input.reportValidity();
});
