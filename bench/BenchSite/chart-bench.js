/* Hooks of the chart benchmark page: the time each update takes to apply (the new drawing parsed and
 * swapped in, then laid out), and counts of refreshes and errors for the soak. */
window.BenchChart = {
  applied: 0,
  errors: [],
  last: null,
  beforeResponse: function (e) {
    e.context = e.context || {};
    BenchChart._start = performance.now();
  },
  afterResponse: function (e) {
    var applied = performance.now();
    e.control.element.getBoundingClientRect(); // forces style and layout of the new drawing
    var laidOut = performance.now();
    BenchChart.applied += 1;
    BenchChart.last = { applyMs: applied - BenchChart._start, layoutMs: laidOut - applied, bytes: e.result.chart.length };
  },
  error: function (e) {
    BenchChart.errors.push(e.error.kind + ': ' + e.error.message);
  }
};
