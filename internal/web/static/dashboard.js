// The dashboard's charts. Each chart element carries its data in data-chart (JSON written by the
// server), because the Content-Security-Policy allows no inline script; the data holds, for every
// bar and point, the link to the records it counts, so a click opens them. Tooltips render on the
// canvas (renderMode richText): ECharts' HTML tooltips use inline styles, which the policy also
// refuses. ECharts stays global (window.echarts), so echarts.getInstanceByDom finds a chart.
(function () {
  "use strict";

  // The org switch submits itself when a new org is chosen (the button stays for keyboards).
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  if (!window.echarts) { return; }
  var font = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif";
  var palette = ["#1d4f91", "#2e9d6a", "#d48806", "#8c3fa8"];
  var axisLine = { lineStyle: { color: "#9aa5b5" } };
  var splitLine = { lineStyle: { color: "#eef1f5" } };

  // vertical writes a category label top to bottom (竖排), so that twenty towns fit side by side.
  function vertical(s) { return s.split("").join("\n"); }

  function trend(d) {
    return {
      color: palette,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 6, right: 10, top: 32, bottom: 2, containLabel: true },
      xAxis: { type: "category", data: d.categories, triggerEvent: true, axisTick: { alignWithLabel: true }, axisLine: axisLine,
        axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: "value", minInterval: 1, splitLine: splitLine },
      series: d.series.map(function (s, i) {
        return i === 0
          ? { name: s.name, type: "bar", data: s.data, barMaxWidth: 24, itemStyle: { borderRadius: [3, 3, 0, 0] } }
          : { name: s.name, type: "line", data: s.data, smooth: true, symbolSize: 7, lineStyle: { width: 2 } };
      })
    };
  }

  function columns(d) {
    var s = d.series[0];
    return {
      color: [palette[0]],
      tooltip: { trigger: "item", renderMode: "richText" },
      grid: { left: 6, right: 10, top: 22, bottom: 2, containLabel: true },
      xAxis: { type: "category", data: d.categories, triggerEvent: true, axisTick: { show: false }, axisLine: axisLine,
        axisLabel: { interval: 0, fontSize: 12, lineHeight: 13, formatter: vertical } },
      yAxis: { type: "value", minInterval: 1, splitLine: splitLine },
      series: [{ name: s.name, type: "bar", data: s.data, barMaxWidth: 30, itemStyle: { borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: "top", fontSize: 11, color: "#374151" } }]
    };
  }

  function bars(d) {
    var s = d.series[0];
    return {
      color: [palette[1]],
      tooltip: { trigger: "item", renderMode: "richText" },
      grid: { left: 6, right: 34, top: 4, bottom: 2, containLabel: true },
      xAxis: { type: "value", minInterval: 1, splitLine: splitLine, axisLabel: { show: false } },
      yAxis: { type: "category", data: d.categories, inverse: true, triggerEvent: true, axisTick: { show: false }, axisLine: axisLine,
        axisLabel: { fontSize: 12 } },
      series: [{ name: s.name, type: "bar", data: s.data, barMaxWidth: 16, itemStyle: { borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: "right", fontSize: 11, color: "#374151" } }]
    };
  }

  var kinds = { trend: trend, columns: columns, bars: bars };
  var charts = [];
  document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
    var d = JSON.parse(el.getAttribute("data-chart"));
    var build = kinds[d.type];
    if (!build) { return; }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    var opt = build(d);
    opt.textStyle = { fontFamily: font };
    opt.animationDuration = 500;
    chart.setOption(opt);
    // A bar or point opens its records; so does its label on the category axis (small bars are
    // hard to hit), which opens the first series' records.
    chart.on("click", function (p) {
      var link = null;
      if (p.componentType === "series") {
        link = d.series[p.seriesIndex].links[p.dataIndex];
      } else if (p.componentType === "xAxis" || p.componentType === "yAxis") {
        var i = d.categories.indexOf(p.value);
        if (i >= 0) { link = d.series[0].links[i]; }
      }
      if (link) { window.location.href = link; }
    });
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
