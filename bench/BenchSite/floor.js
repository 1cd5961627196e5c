/* The floor's client: on a country change, GET Cities.ashx and fill the city list with DOM nodes,
 * the way the CascadingDropDown does, without its runtime. A newer change aborts the older request. */
(function () {
  'use strict';
  var country = document.getElementById('Country');
  var city = document.getElementById('City');
  var pending = null;
  country.addEventListener('change', function () {
    if (pending) { pending.abort(); }
    city.textContent = '';
    city.disabled = true;
    if (!country.value) { return; }
    var controller = pending = new AbortController();
    fetch('Cities.ashx?country=' + encodeURIComponent(country.value), { credentials: 'same-origin', cache: 'no-store', signal: controller.signal })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (items) {
        var fragment = document.createDocumentFragment();
        for (var i = 0; i < items.length; i++) {
          var option = document.createElement('option');
          option.value = items[i][1];
          option.textContent = items[i][0];
          fragment.appendChild(option);
        }
        city.appendChild(fragment);
        city.disabled = items.length === 0;
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') { console.error('floor: ' + error.message); }
      });
  });
}());
