// Documents (issue 12): upload progress and drag-and-drop, the reader's keys and zoom, and the
// scorecard's deck panel ("cite this page" into the criterion last worked on).
(function () {
  "use strict";

  // Keys that type text belong to the field; a radio button or a link types nothing.
  function typing(target) {
    if (!target) return false;
    if (target.tagName === "INPUT") return !/^(radio|checkbox|button|submit)$/.test(target.type);
    return target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName);
  }

  // Upload: a progress bar fed by htmx's XHR events, and files dropped on the zone.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest && event.target.closest("[data-upload]");
    if (!form || !event.detail.lengthComputable) return;
    var bar = form.querySelector("[data-upload-progress]");
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  });
  document.addEventListener("dragover", function (event) {
    if (event.target.closest && event.target.closest("[data-drop-zone]")) event.preventDefault();
  });
  document.addEventListener("drop", function (event) {
    var zone = event.target.closest && event.target.closest("[data-drop-zone]");
    if (!zone || !event.dataTransfer.files.length) return;
    event.preventDefault();
    zone.querySelector("input[type=file]").files = event.dataTransfer.files;
  });

  // Reader: arrow keys turn pages, buttons zoom the page image.
  var zoom = 1;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-zoom]");
    if (!button) return;
    var image = document.querySelector("[data-page-image]");
    zoom = Math.min(3, Math.max(0.5, zoom + (button.dataset.zoom === "in" ? 0.25 : -0.25)));
    image.style.width = zoom * 100 + "%";
  });

  // Scorecard: remember the criterion being worked on; cite the panel's page into it.
  var lastCriterion = null;
  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form[data-criterion]");
    if (form) {
      lastCriterion = form;
      var target = document.querySelector("[data-cite-target]");
      var legend = form.querySelector("legend");
      if (target && legend) target.textContent = legend.textContent.trim();
    }
  });

  function cite(button) {
    var form = lastCriterion || document.querySelector("form[data-criterion]");
    if (!form) return;
    var field = form.querySelector("textarea[name=evidence]");
    var line = button.dataset.label + " | " + button.dataset.citation;
    if (field.value.split("\n").indexOf(line) === -1) {
      field.value = field.value.trim() ? field.value.replace(/\s+$/, "") + "\n" + line : line;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var state = document.querySelector("[data-cite-done]");
    if (state) state.textContent = button.dataset.done;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-cite]");
    if (button) cite(button);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    var onRadio = event.target.type === "radio";
    if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && !onRadio) {
      var link = document.querySelector(event.key === "ArrowRight" ? "[data-next]" : "[data-prev]");
      if (link) {
        event.preventDefault();
        link.click();
      }
    } else if (event.key === "c") {
      var button = document.querySelector("[data-cite]");
      if (button) {
        event.preventDefault();
        cite(button);
      }
    }
  });
})();
