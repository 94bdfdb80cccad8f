// "Saved" must never claim a save that did not happen (issue 11). Every save form shows its
// state in a `.save-state` element. While a save is on its way the element says "Saving…";
// the server's answer replaces it (out of band) with "Saved" or the reason it was not saved.
// When no answer replaces it (a 413 from the body limit, an error page, no connection), the
// element says it was not saved instead of keeping an old "Saved".
(function () {
  "use strict";

  function messages() {
    var node = document.getElementById("save-messages");
    return node ? node.dataset : {};
  }

  function stateOf(elt) {
    var form = elt && elt.closest ? elt.closest("form") : null;
    return form ? form.querySelector(".save-state[id]") : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var state = stateOf(event.detail.elt);
    if (!state) return;
    event.detail.saveStateId = state.id;
    state.dataset.pending = "1";
    state.classList.remove("error");
    state.textContent = messages().saving || "…";
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var id = event.detail.saveStateId || (stateOf(event.detail.elt) || {}).id;
    var state = id && document.getElementById(id);
    // A fresh element from the server has no data-pending: it already says what happened.
    if (!state || !state.dataset.pending) return;
    delete state.dataset.pending;
    // The server's answer fills the element in place (hx-swap-oob="innerHTML", so the live
    // region stays and is announced; issue 18) with its words in a child element.
    if (state.firstElementChild) return;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status >= 200 && status < 300) {
      state.textContent = messages().saved || "";
      return;
    }
    var text = status === 413 ? messages().tooLarge
      : status ? (messages().failed || "").replace("{code}", String(status))
      : messages().offline;
    state.classList.add("error");
    state.textContent = text || String(status);
  });
})();
