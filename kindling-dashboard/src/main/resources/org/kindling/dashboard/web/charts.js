"use strict";
// Loss charts drawn by uPlot. Each chart element carries data-points (x values drawn) and data-series
// (lines drawn), so tests and people can read what a chart holds.
const Charts = (() => {
  const palette = ["#d9480f", "#0969da", "#1a7f37", "#8250df", "#bf3989", "#9a6700", "#1b7c83", "#57606a"];
  const all = new Set();

  // A log axis needs every value above zero; losses almost always are.
  function allPositive(data) {
    for (let i = 1; i < data.length; i++) {
      for (const v of data[i]) if (v != null && v <= 0) return false;
    }
    return true;
  }

  // Steps and epochs are whole numbers: ticks at 1, 2, 5, 10, 20, 50, ... never at 2.5.
  const wholeIncrs = [];
  for (let p = 1; p <= 1e9; p *= 10) wholeIncrs.push(p, 2 * p, 5 * p);

  class LossChart {
    constructor(el, xLabel) {
      this.el = el;
      this.xLabel = xLabel;
      this.plot = null;
      this.key = "";
      all.add(this);
    }

    // series: [{label, dash?, color?}], data: [xs, ys...] as uPlot takes it (null for a gap).
    update(series, data) {
      const log = allPositive(data);
      const key = JSON.stringify([series, log]);
      if (this.plot && key === this.key) {
        this.plot.setData(data);
      } else {
        this.key = key;
        if (this.plot) this.plot.destroy();
        this.el.replaceChildren();
        this.plot = new uPlot({
          width: this.width(), height: 260,
          scales: { x: { time: false }, y: { distr: log ? 3 : 1 } },
          axes: [{ label: this.xLabel, incrs: wholeIncrs }, { label: log ? "loss (log scale)" : "loss", size: 60 }],
          series: [{ label: this.xLabel }].concat(series.map((s, i) => ({
            label: s.label, stroke: s.color || palette[i % palette.length], width: 1.5,
            dash: s.dash, spanGaps: true,
          }))),
        }, data, this.el);
      }
      this.el.dataset.points = String(data[0].length);
      this.el.dataset.series = String(series.length);
    }

    width() {
      return Math.max(this.el.clientWidth, 320);
    }

    clear() {
      if (this.plot) this.plot.destroy();
      this.plot = null;
      this.key = "";
      this.el.replaceChildren();
      this.el.dataset.points = "0";
      this.el.dataset.series = "0";
    }
  }

  window.addEventListener("resize", () => {
    for (const c of all) if (c.plot) c.plot.setSize({ width: c.width(), height: 260 });
  });

  return { LossChart, palette };
})();
