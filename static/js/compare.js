// The compare page's charts (Chart.js), matrix cell tooltips and slider read-outs. The numbers
// come from the <script type="application/json" id="compare-chart-data"> block that the server
// renders with the results, so after every htmx swap the charts are drawn again from the new block.
(function () {
  "use strict";
  var COLOURS = ["#1f5fbf", "#c0392b", "#1e7b34", "#9a6700", "#6b3fa0", "#0f7c8c"];

  function readData() {
    var block = document.getElementById("compare-chart-data");
    return block ? JSON.parse(block.textContent) : null;
  }

  function redraw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === "undefined") return;
    var old = Chart.getChart(canvas);
    if (old) old.destroy();
    new Chart(canvas, config);
  }

  function withAlpha(colour, alpha) {
    var value = parseInt(colour.slice(1), 16);
    return "rgba(" + (value >> 16) + "," + ((value >> 8) & 255) + "," + (value & 255) + "," + alpha + ")";
  }

  function drawRadar(data) {
    var select = document.getElementById("radar-pack");
    var pack = data.packs.find(function (p) { return p.key === (select && select.value); }) || data.packs[0];
    if (!pack) return;
    var ticked = Array.prototype.map.call(
      document.querySelectorAll("#radar-companies input:checked"), function (box) { return Number(box.value); });
    var companies = data.companies.filter(function (c) { return ticked.indexOf(c.id) >= 0; }).slice(0, data.radarMax);
    redraw("chart-radar", {
      type: "radar",
      data: {
        labels: pack.criteria,
        datasets: companies.map(function (company, index) {
          var colour = COLOURS[index % COLOURS.length];
          return { label: company.name, data: company.radar[pack.key], borderColor: colour,
                   backgroundColor: withAlpha(colour, 0.12), pointBackgroundColor: colour, spanGaps: true };
        })
      },
      options: { maintainAspectRatio: false, animation: false,
                 scales: { r: { min: pack.scale[0], max: pack.scale[1], ticks: { stepSize: 1 } } } }
    });
  }

  // Chart.js has no error bars of its own: draw ± one SD on each bar after the bars.
  var errorBars = {
    id: "pitchlabErrorBars",
    afterDatasetsDraw: function (chart, _args, options) {
      var meta = chart.getDatasetMeta(0);
      var y = chart.scales.y;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = "#14213d";
      ctx.lineWidth = 1.5;
      meta.data.forEach(function (bar, index) {
        var sd = options.sds[index];
        var total = chart.data.datasets[0].data[index];
        if (sd === null || total === null) return;
        var top = y.getPixelForValue(total + sd), bottom = y.getPixelForValue(total - sd);
        ctx.beginPath();
        ctx.moveTo(bar.x, top); ctx.lineTo(bar.x, bottom);
        ctx.moveTo(bar.x - 5, top); ctx.lineTo(bar.x + 5, top);
        ctx.moveTo(bar.x - 5, bottom); ctx.lineTo(bar.x + 5, bottom);
        ctx.stroke();
      });
      ctx.restore();
    }
  };

  function drawTotals(data) {
    redraw("chart-totals", {
      type: "bar",
      data: {
        labels: data.companies.map(function (c) { return c.name; }),
        datasets: [{ label: data.labels.total, data: data.companies.map(function (c) { return c.total; }),
                     backgroundColor: "#8fa8c8" }]
      },
      options: { maintainAspectRatio: false, animation: false,
                 scales: { y: { suggestedMax: Math.max.apply(null, data.companies.map(function (c) {
                   return (c.total || 0) + (c.sd || 0); })) } },
                 plugins: { legend: { display: false },
                            pitchlabErrorBars: { sds: data.companies.map(function (c) { return c.sd; }) } } },
      plugins: [errorBars]
    });
  }

  function drawStrip(data) {
    var points = [], totals = [];
    data.companies.forEach(function (company, index) {
      var count = company.evaluators.length;
      company.evaluators.forEach(function (evaluator, seat) {
        // Evaluators side by side around the company's position, so equal scores stay visible.
        points.push({ x: index + (seat - (count - 1) / 2) * 0.12, y: evaluator.total, name: evaluator.name });
      });
      if (company.total !== null) totals.push({ x: index, y: company.total });
    });
    var names = data.companies.map(function (c) { return c.name; });
    redraw("chart-strip", {
      type: "scatter",
      data: { datasets: [
        { label: data.labels.evaluatorTotal, data: points, backgroundColor: withAlpha(COLOURS[0], 0.7), pointRadius: 4 },
        { label: data.labels.total, data: totals, pointStyle: "line", pointRadius: 12, borderWidth: 3,
          borderColor: COLOURS[1], backgroundColor: COLOURS[1] }
      ] },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { x: { min: -0.5, max: names.length - 0.5,
                       // One tick per company, at its position, labelled with its name.
                       afterBuildTicks: function (axis) {
                         axis.ticks = names.map(function (_name, index) { return { value: index }; });
                       },
                       ticks: { autoSkip: false, maxRotation: 60,
                                callback: function (value) { return names[value] || ""; } } } },
        plugins: { tooltip: { callbacks: { label: function (item) {
          var name = item.raw.name ? item.raw.name + ": " : "";
          return name + item.raw.y.toFixed(2);
        } } } }
      }
    });
  }

  // The statistics in a cell's data-stats, in order, as named in the tooltip template.
  var CELL_STATS = ["mean", "median", "sd", "low", "high", "n", "na"];

  // Tooltips written out for thousands of cells were a third of the page, so the server sends
  // the numbers (data-stats, data-flags) and the translated template once; titles are made here.
  function writeCellTitles(labels) {
    var parts = labels.cellDetail.split(/%\((\w+)\)s/);  // text, name, text, name, ... text
    var slots = parts.map(function (part, index) {
      return index % 2 ? CELL_STATS.indexOf(part) : -1;
    });
    var cells = document.querySelectorAll("#compare-matrix td[data-stats]");
    for (var i = 0; i < cells.length; i++) {
      var values = cells[i].dataset.stats.split(" ");
      var text = "";
      for (var j = 0; j < parts.length; j++) text += slots[j] < 0 ? parts[j] : values[slots[j]];
      var flags = cells[i].dataset.flags;
      if (flags) flags.split(" ").forEach(function (flag) { text += " · " + labels.flags[flag]; });
      cells[i].title = text;
    }
  }

  function drawAll() {
    var data = readData();
    if (!data) return;
    writeCellTitles(data.labels);
    if (!data.companies.length) return;
    drawRadar(data);
    drawTotals(data);
    drawStrip(data);
  }

  function limitRadarChoice(event) {
    var box = event.target;
    var holder = document.getElementById("radar-companies");
    if (!holder || !holder.contains(box)) return;
    var max = Number(holder.dataset.max || 4);
    var ticked = holder.querySelectorAll("input:checked");
    var limit = document.getElementById("radar-limit");
    // Say why the fifth tick did not stay, instead of undoing it silently (issue 18).
    if (limit) limit.textContent = "";
    if (box.checked && ticked.length > max) {
      box.checked = false;
      if (limit) limit.textContent = limit.dataset.message;
    }
    var data = readData();
    if (data) drawRadar(data);
  }

  function showSliderValue(event) {
    var slider = event.target;
    if (!slider.matches || !slider.matches("input.weight-slider")) return;
    var output = slider.parentElement.querySelector("output");
    if (output) output.textContent = Number(slider.value).toString();
  }

  // Matrix cells: one tab stop for the whole matrix, arrow keys between cells, and the focused
  // cell's statistics written out beside the table, where a hover title cannot reach a keyboard
  // or a magnifier (issue 18).
  function cellDetail(cell) {
    var row = cell.parentElement;
    var heads = document.querySelectorAll("#compare-matrix thead tr:last-child > th");
    var head = heads[cell.cellIndex];
    var name = row.querySelector("th.name-col");
    var column = head ? head.querySelector("a.sort") : null;
    return (name ? name.textContent.trim() : "") + " · " + (column ? column.textContent.trim() : "") +
      ": " + (cell.title || cell.textContent.trim());
  }

  function firstCellTabbable() {
    var first = document.querySelector("#compare-matrix td.cell[data-stats]");
    if (first && !document.querySelector('#compare-matrix td.cell[tabindex="0"]')) first.tabIndex = 0;
  }

  function cellBeside(cell, key) {
    var row = cell.parentElement;
    var step = { ArrowLeft: -1, ArrowRight: 1 }[key];
    if (step) {
      for (var i = cell.cellIndex + step; i >= 0 && i < row.cells.length; i += step) {
        if (row.cells[i].matches("td.cell")) return row.cells[i];
      }
      return null;
    }
    var other = key === "ArrowUp" ? row.previousElementSibling : row.nextElementSibling;
    var found = other ? other.cells[cell.cellIndex] : null;
    return found && found.matches("td.cell") ? found : null;
  }

  function moveBetweenCells(event) {
    var cell = event.target;
    if (!cell.matches || !cell.matches("#compare-matrix td.cell")) return;
    var next = cellBeside(cell, event.key);
    if (!next) return;
    event.preventDefault();
    cell.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }

  function showCellDetail(event) {
    var cell = event.target;
    var holder = document.getElementById("cell-detail");
    if (holder && cell.matches && cell.matches("#compare-matrix td.cell")) holder.textContent = cellDetail(cell);
  }

  // The results region is not a live region (a whole matrix read out on every change); a short
  // status says the table changed, in a container that stays on the page.
  function announceResults() {
    var status = document.getElementById("compare-status");
    var source = document.querySelector("#compare-results [data-status]");
    if (status) status.textContent = source ? source.dataset.status : "";
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(); firstCellTabbable(); });
  document.addEventListener("keydown", moveBetweenCells);
  document.addEventListener("focusin", showCellDetail);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "compare-results") {
      drawAll();
      firstCellTabbable();
      announceResults();
    }
  });
  document.addEventListener("input", showSliderValue);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "radar-pack") {
      var data = readData();
      if (data) drawRadar(data);
    } else {
      limitRadarChoice(event);
    }
  });
})();
