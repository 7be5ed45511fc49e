// Draws the dashboard charts of /stats from the JSON the page carries in
// <script id="stats-data">. Labels arrive in the reader's language; numbers
// are formatted by the browser for the page's language. Charts wait for the
// embedded fonts so that Lao and Vietnamese labels render in them.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  var el = document.getElementById("stats-data");
  if (!el || typeof Chart === "undefined") {
    return;
  }
  var d = JSON.parse(el.textContent);
  var css = getComputedStyle(document.documentElement);
  var accent = css.getPropertyValue("--accent").trim() || "#1f5fa8";
  var muted = css.getPropertyValue("--muted").trim() || "#888";
  var palette = [accent, "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#16a085", "#7f8c8d", "#2c3e50", "#e67e22", "#1abc9c"];

  function draw() {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.locale = d.locale;
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    var charts = [];
    function bar(id, s, horizontal) {
      var c = document.getElementById(id);
      if (!c || !s.labels) {
        return;
      }
      var sets = [{ label: d.text.kg, data: s.kg, backgroundColor: accent }];
      if (s.prev_kg) {
        sets.push({ label: d.text.prev_kg, data: s.prev_kg, backgroundColor: muted });
      }
      charts.push(new Chart(c, {
        type: "bar",
        data: { labels: s.labels, datasets: sets },
        options: { indexAxis: horizontal ? "y" : "x", responsive: true }
      }));
    }
    var m = document.getElementById("chart-months");
    if (m && d.months.labels) {
      charts.push(new Chart(m, {
        data: {
          labels: d.months.labels,
          datasets: [
            { type: "bar", label: d.text.kg, data: d.months.kg, backgroundColor: accent, yAxisID: "y" },
            { type: "line", label: d.text.cases, data: d.months.cases, borderColor: "#c0392b", backgroundColor: "#c0392b", yAxisID: "y1" }
          ]
        },
        options: {
          responsive: true,
          scales: { y: { position: "left", beginAtZero: true }, y1: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } }
        }
      }));
    }
    bar("chart-drugs", d.drugs, true);
    bar("chart-provinces", d.provinces, false);
    var a = document.getElementById("chart-agencies");
    if (a && d.agencies.labels) {
      charts.push(new Chart(a, {
        type: "doughnut",
        data: { labels: d.agencies.labels, datasets: [{ label: d.text.cases, data: d.agencies.cases, backgroundColor: palette }] },
        options: { responsive: true }
      }));
    }
    document.body.setAttribute("data-charts", String(charts.length));
  }
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(draw);
  } else {
    draw();
  }
})();
