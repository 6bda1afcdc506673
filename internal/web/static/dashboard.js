// The dashboard's monthly chart. Its data comes from the data-chart attribute (JSON written by
// the server), because the Content-Security-Policy allows no inline script. Tooltips render on
// the canvas (renderMode richText): ECharts' HTML tooltips use inline styles, which the policy
// also refuses.
(function () {
  "use strict";
  var el = document.getElementById("chart");
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(el.getAttribute("data-chart"));
  var chart = window.echarts.init(el, null, { renderer: "canvas" });
  var colors = ["#1d4f91", "#2e9d6a"];
  chart.setOption({
    color: colors,
    textStyle: { fontFamily: "Noto Sans CJK SC, Microsoft YaHei, sans-serif" },
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: 12, top: 34, bottom: 4, containLabel: true },
    xAxis: { type: "category", data: data.months, axisTick: { alignWithLabel: true }, axisLine: { lineStyle: { color: "#9aa5b5" } } },
    yAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#eef1f5" } } },
    series: data.series.map(function (s, i) {
      return i === 0
        ? { name: s.name, type: "bar", data: s.data, barMaxWidth: 22, itemStyle: { borderRadius: [3, 3, 0, 0] } }
        : { name: s.name, type: "line", data: s.data, smooth: true, symbolSize: 6, lineStyle: { width: 2 } };
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
