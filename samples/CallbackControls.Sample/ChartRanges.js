// Page script of the time-range sample: buttons call the chart's client object; nothing else is needed.
window.SampleChartRanges = {
  showState: function (e) {
    var data = e.result && e.result.data;
    document.getElementById('State').textContent = data
      ? data.points + ' samples in range ' + data.range + ' (refreshing every ' + (Chart1.refreshFrequency / 1000 || 'never') + ' s)'
      : '';
  }
};
document.querySelectorAll('[data-range]').forEach(function (button) {
  button.addEventListener('click', function () {
    // callback() refreshes now; the chart's timer repeats this argument on every later tick.
    Chart1.callback(button.getAttribute('data-range')).catch(function () { /* shown by the chart's status region */ });
  });
});
document.getElementById('Stop').addEventListener('click', function () {
  Chart1.stop();
  document.getElementById('State').textContent = 'Stopped';
});
document.getElementById('Start').addEventListener('click', function () { Chart1.start(); });
document.getElementById('Frequency').addEventListener('change', function (event) {
  Chart1.setRefreshFrequency(Number(event.target.value));
});
