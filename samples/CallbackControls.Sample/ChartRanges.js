// Page script of the time-range sample: buttons call the chart's client object; nothing else is needed.
window.SampleChartRanges = {
  showState: function (e) {
    var data = e.result && e.result.data;
    // The sample count changes on every tick: it goes in a plain element. The live output says only what
    // the user changed (range, frequency), and only when it changed, so a screen reader is not told
    // something every 2 seconds.
    document.getElementById('Samples').textContent = data ? data.points + ' samples' : '';
    // The pressed button is the range the chart shows (a tick repeats it; a failed call changes nothing).
    if (data) {
      document.querySelectorAll('[data-range]').forEach(function (button) {
        button.setAttribute('aria-pressed', String(button.getAttribute('data-range') === data.range));
      });
    }
    SampleChartRanges.say(data ? 'Range ' + data.range + ', refreshing every ' + (Chart1.refreshFrequency / 1000 || 'never') + ' s' : '');
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
  SampleChartRanges.say('Stopped');
});
document.getElementById('Start').addEventListener('click', function () { Chart1.start(); });
document.getElementById('Frequency').addEventListener('change', function (event) {
  Chart1.setRefreshFrequency(Number(event.target.value));
});
