// The dashboard's charts (reports/dashboard.py): each [data-chart] element draws the JSON the
// page holds beside it (json_script, so no inline script runs), with the vendored ECharts.
// The table under each chart carries the same numbers and stays the authoritative view.
(function () {
  "use strict";

  function bars(data) {
    var category = { type: "category", data: data.categories, axisLabel: { width: 96, overflow: "truncate" } };
    var value = { type: "value", minInterval: 1 };
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { show: data.series.length > 1, top: 0 },
      grid: { left: 8, right: 16, top: data.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: data.horizontal ? value : category,
      yAxis: data.horizontal ? Object.assign({ inverse: true }, category) : value,
      series: data.series.map(function (s) {
        return { type: "bar", name: s.name, data: s.data };
      }),
    };
  }

  function pie(data) {
    var s = data.series[0];
    return {
      tooltip: { trigger: "item", formatter: "{b}:{c}" + s.unit + "({d}%)" },
      legend: { type: "scroll", bottom: 0 },
      series: [{
        type: "pie",
        name: s.name,
        radius: ["35%", "65%"],
        top: 0,
        bottom: 32,
        data: data.categories
          .map(function (name, i) { return { name: name, value: s.data[i] }; })
          .filter(function (item) { return item.value > 0; }),
      }],
    };
  }

  function draw(el) {
    var data = JSON.parse(document.getElementById(el.dataset.chart).textContent);
    if (data.horizontal) {
      el.style.height = Math.max(240, 36 * data.categories.length + 60) + "px";
    }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(data.kind === "pie" ? pie(data) : bars(data));
    new ResizeObserver(function () { chart.resize(); }).observe(el);
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
