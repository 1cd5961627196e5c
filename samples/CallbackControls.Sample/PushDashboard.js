// Page script of the push sample: the buttons place orders by callback; every page showing the orders hears
// of them through the CallbackControl's PushScript, this one included.
window.SamplePush = {
  showLatest: function (e) {
    // e.data is the text the server gave Notify, or null when the page caught up after being away.
    if (e.data !== null) { document.getElementById('Latest').textContent = e.data; }
  }
};
(function () {
  function place(count) {
    Place.callback(String(count)).catch(function () { /* shown in the control's status region */ });
  }
  document.getElementById('PlaceOne').addEventListener('click', function () { place(1); });
  document.getElementById('PlaceTen').addEventListener('click', function () { place(10); });
}());
