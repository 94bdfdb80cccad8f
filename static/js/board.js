// The pipeline board's drag and drop (issue 13). Without JavaScript, each card's status menu
// does the same. A move the server refuses puts the card back where it was.
(function () {
  var board = document.getElementById("board");
  if (!board || board.dataset.mayMove !== "true" || !window.Sortable) return;
  var status = document.getElementById("board-status");
  var token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";

  // A column's count covers cards not shown too: add what the drops changed.
  function recount() {
    board.querySelectorAll(".board-column").forEach(function (column) {
      var count = column.querySelector("[data-count]");
      var shown = column.querySelectorAll(".board-card").length;
      var change = shown - parseInt(count.dataset.shown, 10);
      count.textContent = String(parseInt(count.dataset.total, 10) + change);
    });
  }

  function moved(event) {
    if (event.from === event.to) return;
    var card = event.item;
    var target = event.to.dataset.status;
    var body = new FormData();
    body.append("company_id", card.dataset.company);
    body.append("status", target);
    fetch("/board/move", {
      method: "POST",
      body: body,
      headers: { "X-CSRF-Token": token, "HX-Request": "true" },
      credentials: "same-origin",
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      var menu = card.querySelector("select[name=status]");
      if (menu) menu.value = target;
      card.dataset.moved = target;
      recount();
      status.textContent = card.querySelector(".card-title").textContent + " → " +
        event.to.parentElement.querySelector("h2").firstChild.textContent.trim();
    }).catch(function () {
      event.from.insertBefore(card, event.from.children[event.oldIndex] || null);
      status.textContent = board.dataset.refused;
    });
  }

  board.querySelectorAll(".board-column [data-count]").forEach(function (count) {
    var column = count.closest(".board-column");
    count.dataset.total = count.textContent;
    count.dataset.shown = column.querySelectorAll(".board-card").length;
  });
  board.querySelectorAll(".board-cards").forEach(function (list) {
    // forceFallback: mouse and touch events instead of native drag and drop, alike in every
    // browser (and in tests that drive a real mouse).
    window.Sortable.create(list, { group: "board", animation: 120, forceFallback: true, onEnd: moved });
  });
})();
