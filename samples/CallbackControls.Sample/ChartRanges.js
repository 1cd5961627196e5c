// Page script of the time-range sample: buttons call the chart's client object; nothing else is needed.
window.SampleChartRanges = {
  range: '',
  showState: function (e) {
    var data = e.result && e.result.data;
    // The sample count changes on every tick: it goes in a plain element. The live output says only what
    // the user changed (range, frequency, stop and start), and only when it changed, so a screen reader is
    // not told something every 2 seconds.
    document.getElementById('Samples').textContent = data ? data.points + ' samples' : '';
    // The pressed button is the range the chart shows (a tick keeps it; a failed call changes nothing).
    if (data) {
      SampleChartRanges.range = data.range;
      document.querySelectorAll('[data-range]').forEach(function (button) {
        button.setAttribute('aria-pressed', String(button.getAttribute('data-range') === data.range));
      });
    }
    SampleChartRanges.say(data ? SampleChartRanges.describe() : '');
  },
  /** What the chart does now, as the page's controls left it: never "refreshing" when it is not. */
  describe: function () {
    var range = SampleChartRanges.range ? 'Range ' + SampleChartRanges.range + ', ' : '';
    if (Chart1.refreshFrequency <= 0) { return range + 'not refreshing (choose how often under Every)'; }
    if (!Chart1.isRunning) { return range + 'stopped'; }
    return range + 'refreshing every ' + Chart1.refreshFrequency / 1000 + ' s';
  },
  say: function (text) {
    var state = document.getElementById('State');
    if (state.textContent !== text) { state.textContent = text; }
  }
};
document.querySelectorAll('[data-range]').forEach(function (button) {
  button.addEventListener('click', function () {
    // The range stays: every later tick sends tickArgument; callback() refreshes now with it.
    Chart1.tickArgument = button.getAttribute('data-range');
    Chart1.callback(Chart1.tickArgument).catch(function () { /* shown by the chart's status region */ });
  });
});
document.getElementById('Stop').addEventListener('click', function () {
  Chart1.stop();
  SampleChartRanges.say(SampleChartRanges.describe());
});
document.getElementById('Start').addEventListener('click', function () {
  Chart1.start();
  SampleChartRanges.say(SampleChartRanges.describe());
});
document.getElementById('Frequency').addEventListener('change', function (event) {
  Chart1.setRefreshFrequency(Number(event.target.value));
  SampleChartRanges.say(SampleChartRanges.describe());
});
