/*
 * CallbackControls RefreshingChart: the keyboard's walk along the drawn points, and the announcements of
 * new data (AnnounceUpdates). Loaded after the runtime and before RefreshingChart.js, which starts one
 * ChartAccessibility per chart; published as CallbackControls.RefreshingChartAccessibility.
 *
 * Keys (on the drawing's tab stop, div.cc-chart-keys, which a refresh keeps in place):
 *   - Left/Right move along a series, Home/End to its first/last point, Up/Down to the previous/next series
 *     (the point nearest in X); the first key picks the first series' latest point (Home: its first);
 *   - the points are the drawing's own: each drawn point's element (a marker or a column) and its tooltip
 *     (<title>, read as "series, x, y"); its X is worked out from where it is drawn and the X axis' mapping
 *     (data-x-axis on the plot), so nothing holds a second copy of the data;
 *   - the point is ringed in the drawing (g.cc-chart-focus) and read in the chart's polite region on the key
 *     press only: a refresh says nothing. A refresh keeps the series and the X: the point is found again in
 *     the new drawing by its X, or the nearest one left (a point gone off the start of a moving window
 *     gives the first one).
 *
 * Announcements (only with announceInterval in the options): the server writes the latest values on the
 * drawing's body (data-latest); a drawing whose text differs from the last one said is announced in the same
 * polite region, at once when the last announcement is at least announceInterval old, else when it is (the
 * newest text then). The text on the first paint is not news.
 */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (root.CallbackControls) { root.CallbackControls.RefreshingChartAccessibility = api; }
  if (typeof module === 'object' && module.exports) { module.exports = api; }
}(typeof window !== 'undefined' ? window : globalThis, function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var KEYS_CLASS = 'cc-chart-keys';
  var LIVE_CLASS = 'cc-chart-live';
  var FOCUS_CLASS = 'cc-chart-focus';
  var BODY_CLASS = 'cc-chart-body';
  var KEYS = { ArrowLeft: 1, ArrowRight: 1, ArrowUp: 1, ArrowDown: 1, Home: 1, End: 1 };

  /* ------------------------------------------------------------------------------------------
   * Points: what the keys walk (no DOM below this banner until the next one)
   * ---------------------------------------------------------------------------------------- */

  /** The first series with a point at or after `from`, going by `step` (1 or -1); -1 when there is none. */
  function seriesWithPoints(series, from, step) {
    for (var s = from; s >= 0 && s < series.length; s += step) {
      if (series[s].points.length > 0) { return s; }
    }
    return -1;
  }

  /** The index of the point whose X is nearest to x (the first of equals); a point beyond either end gives that end. */
  function nearest(points, x) {
    var best = 0;
    var distance = Infinity;
    for (var i = 0; i < points.length; i++) {
      var d = Math.abs(points[i].x - x);
      if (d < distance) { distance = d; best = i; }
    }
    return best;
  }

  /**
   * Where a key goes from `at` ({series, index}, or null before the first key); null for a key that is not
   * a move, or a drawing with no point. Moves stop at the ends: nothing wraps round.
   * @param {Array<{name: string, points: Array<{x: number}>}>} series
   */
  function move(series, at, key) {
    if (!Object.prototype.hasOwnProperty.call(KEYS, key)) { return null; }
    var first = seriesWithPoints(series, 0, 1);
    if (first < 0) { return null; }
    if (!at || !series[at.series] || !series[at.series].points.length) {
      // The latest point of a live series is what its reader wants first; Home asks for the oldest.
      return { series: first, index: key === 'Home' ? 0 : series[first].points.length - 1 };
    }
    var points = series[at.series].points;
    var index = Math.min(at.index, points.length - 1);
    switch (key) {
      case 'ArrowLeft': return { series: at.series, index: Math.max(0, index - 1) };
      case 'ArrowRight': return { series: at.series, index: Math.min(points.length - 1, index + 1) };
      case 'Home': return { series: at.series, index: 0 };
      case 'End': return { series: at.series, index: points.length - 1 };
      default: {
        var step = key === 'ArrowDown' ? 1 : -1;
        var next = seriesWithPoints(series, at.series + step, step);
        if (next < 0) { return { series: at.series, index: index }; }
        return { series: next, index: nearest(series[next].points, points[index].x) };
      }
    }
  }

  /**
   * The point of a new drawing that stands where `kept` ({series, x}) stood: the same series (or the
   * nearest one with points, when it has none or is gone) and the point nearest to its X.
   */
  function refind(series, kept) {
    if (!kept) { return null; }
    var s = Math.min(kept.series, series.length - 1);
    if (s < 0) { return null; }
    if (!series[s].points.length) {
      s = seriesWithPoints(series, s, -1);
      if (s < 0) { s = seriesWithPoints(series, kept.series, 1); }
      if (s < 0) { return null; }
    }
    return { series: s, index: nearest(series[s].points, kept.x) };
  }

  /** "CPU, 12:00:05, 42" from the tooltip "CPU: 12:00:05, 42"; a tooltip of the page's own is said after the series. */
  function reading(series, at) {
    var named = series[at.series];
    var text = named.points[at.index].text;
    var prefix = named.name + ': ';
    if (named.name && text.indexOf(prefix) === 0) { text = text.slice(prefix.length); }
    return named.name ? named.name + ', ' + text : text;
  }

  /* ------------------------------------------------------------------------------------------
   * Announcer: the latest values, at most once per interval, only when they changed
   * ---------------------------------------------------------------------------------------- */

  /**
   * @constructor
   * @param {number} interval the shortest time between two announcements, in ms
   * @param {function(string)} say puts a text in the polite region
   * @param {string|null} shown the text of the first paint (not news)
   */
  function UpdateAnnouncer(interval, say, shown) {
    this._interval = interval;
    this._say = say;
    this._said = shown;
    this._pending = null;
    this._last = null;
    this._timer = null;
  }

  /** A new drawing arrived with these latest values (null: none to tell). */
  UpdateAnnouncer.prototype.update = function (text) {
    if (text === null || text === undefined || text === this._said) {
      // Back to what was said (or nothing to say): what waited is no longer news.
      this._pending = null;
      return;
    }
    this._pending = text;
    var wait = this._last === null ? 0 : this._last + this._interval - Date.now();
    if (wait <= 0) {
      this._flush();
    } else if (this._timer === null) {
      var self = this;
      this._timer = setTimeout(function () { self._timer = null; self._flush(); }, wait);
    }
  };

  UpdateAnnouncer.prototype._flush = function () {
    if (this._pending === null) { return; }
    this._said = this._pending;
    this._pending = null;
    this._last = Date.now();
    this._say(this._said);
  };

  UpdateAnnouncer.prototype.dispose = function () {
    if (this._timer !== null) { clearTimeout(this._timer); this._timer = null; }
    this._pending = null;
  };

  /* ------------------------------------------------------------------------------------------
   * ChartAccessibility: the DOM side, one per chart element
   * ---------------------------------------------------------------------------------------- */

  /**
   * How the drawing maps X values to its coordinates, from the plot's data-x-axis ("min max start end x|y"):
   * a function from a point's element to its X, worked out from where the point is drawn. Null when the
   * drawing has none.
   */
  function xAxisOf(svg) {
    var plot = svg.querySelector('g.cc-chart-plot[data-x-axis]');
    var parts = plot ? plot.getAttribute('data-x-axis').split(' ') : [];
    if (parts.length !== 5) { return null; }
    var min = Number(parts[0]);
    var max = Number(parts[1]);
    var start = Number(parts[2]);
    var end = Number(parts[3]);
    var down = parts[4] === 'y';
    return function (element) {
      var box = element.getBBox();
      var at = down ? box.y + box.height / 2 : box.x + box.width / 2;
      // One X value: every point stands on it.
      return end === start ? min : min + (at - start) * (max - min) / (end - start);
    };
  }

  /** A drawn point's element, with its tooltip (<title>) as its text; null for an element without one. */
  function pointOf(element, xOf) {
    for (var child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (child.localName === 'title') { return { x: xOf(element), text: child.textContent, element: element }; }
    }
    return null;
  }

  /** The drawing's series, in order, each with its drawn points in order: its markers, or its columns. */
  function readSeries(svg) {
    var series = [];
    var xOf = svg && xAxisOf(svg);
    if (!xOf) { return series; }
    var groups = svg.querySelectorAll('g.cc-chart-series[data-name]');
    for (var g = 0; g < groups.length; g++) {
      var points = [];
      var elements = groups[g].querySelectorAll(':scope > rect, :scope > .cc-chart-markers > *');
      for (var e = 0; e < elements.length; e++) {
        var point = pointOf(elements[e], xOf);
        if (point) { points.push(point); }
      }
      series.push({ name: groups[g].getAttribute('data-name') || '', points: points });
    }
    return series;
  }

  /**
   * @constructor
   * @param {Element} element the chart's element (div[data-cc-control=refreshingchart])
   * @param {number} announceInterval the options' announceInterval (0 or absent: no announcements)
   */
  function ChartAccessibility(element, announceInterval) {
    this.element = element;
    this._region = element.querySelector('.' + LIVE_CLASS);
    // Where the keys stand: the series and the X, which a refresh keeps (the index would move with the data).
    this._kept = null;
    this._onKeyDown = this._keyDown.bind(this);
    this._onFocus = this._focused.bind(this);
    this._onBlur = this._blurred.bind(this);
    // Delegated to the chart's element, which a refresh never replaces.
    element.addEventListener('keydown', this._onKeyDown);
    element.addEventListener('focusin', this._onFocus);
    element.addEventListener('focusout', this._onBlur);
    var interval = Number(announceInterval) || 0;
    var body = element.querySelector('.' + BODY_CLASS);
    this._announcer = interval > 0 && this._region
      ? new UpdateAnnouncer(interval, this._say.bind(this), body ? body.getAttribute('data-latest') : null)
      : null;
  }

  ChartAccessibility.prototype._tabStop = function () {
    return this.element.querySelector('.' + KEYS_CLASS);
  };

  ChartAccessibility.prototype._say = function (text) {
    if (this._region) { this._region.textContent = text; }
  };

  ChartAccessibility.prototype._keyDown = function (event) {
    var stop = this._tabStop();
    if (!stop || event.target !== stop || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (!Object.prototype.hasOwnProperty.call(KEYS, event.key)) { return; }
    // The arrows and Home/End are the chart's here: the page does not scroll under them.
    event.preventDefault();
    var series = readSeries(stop.querySelector('svg'));
    var at = move(series, refind(series, this._kept), event.key);
    if (!at) { return; }
    this._kept = { series: at.series, x: series[at.series].points[at.index].x };
    this._ring(series[at.series].points[at.index].element);
    this._say(reading(series, at));
  };

  ChartAccessibility.prototype._focused = function (event) {
    var stop = this._tabStop();
    if (stop && event.target === stop) { this.drawingChanged(); }
  };

  ChartAccessibility.prototype._blurred = function (event) {
    var stop = this._tabStop();
    if (stop && event.target === stop) { this._ring(null); }
  };

  /**
   * A new drawing is in place (RefreshingChart.js calls this after every swap): the keys' point is found
   * again and ringed while the chart has focus, said nothing of; the latest values go to the announcer.
   */
  ChartAccessibility.prototype.drawingChanged = function () {
    var stop = this._tabStop();
    if (stop && this._kept) {
      var series = readSeries(stop.querySelector('svg'));
      var at = refind(series, this._kept);
      if (at) {
        this._kept = { series: at.series, x: series[at.series].points[at.index].x };
        var doc = this.element.ownerDocument;
        this._ring(doc && doc.activeElement === stop ? series[at.series].points[at.index].element : null);
      }
    }
    if (this._announcer) {
      var body = this.element.querySelector('.' + BODY_CLASS);
      this._announcer.update(body ? body.getAttribute('data-latest') : null);
    }
  };

  /**
   * Rings a point (null: removes the ring). Drawn last in the svg, above the series, as two strokes (a light
   * halo under a dark ring) so it shows on any series colour; the style sheet gives it system colours
   * in forced-colors mode.
   */
  ChartAccessibility.prototype._ring = function (point) {
    var stop = this._tabStop();
    var svg = stop && stop.querySelector('svg');
    if (!svg) { return; }
    var old = svg.querySelector('.' + FOCUS_CLASS);
    if (old) { old.parentNode.removeChild(old); }
    if (!point || typeof point.getBBox !== 'function') { return; }
    var box = point.getBBox();
    var doc = svg.ownerDocument;
    var ring = doc.createElementNS(SVG_NS, 'g');
    ring.setAttribute('class', FOCUS_CLASS);
    ring.setAttribute('aria-hidden', 'true');
    ring.setAttribute('fill', 'none');
    ring.setAttribute('pointer-events', 'none');
    // A column is outlined; a marker (or a point too small to see) gets a ring around its centre.
    var column = point.localName === 'rect' && !(point.parentNode && point.parentNode.classList.contains('cc-chart-markers'));
    var parts = [['cc-chart-focus-halo', '#ffffff', 5], ['cc-chart-focus-ring', '#1f5fa8', 2.5]];
    for (var i = 0; i < parts.length; i++) {
      var shape;
      if (column) {
        shape = doc.createElementNS(SVG_NS, 'rect');
        shape.setAttribute('x', box.x - 3);
        shape.setAttribute('y', box.y - 3);
        shape.setAttribute('width', box.width + 6);
        shape.setAttribute('height', box.height + 6);
      } else {
        shape = doc.createElementNS(SVG_NS, 'circle');
        shape.setAttribute('cx', box.x + box.width / 2);
        shape.setAttribute('cy', box.y + box.height / 2);
        shape.setAttribute('r', Math.max(box.width, box.height) / 2 + 4);
      }
      shape.setAttribute('class', parts[i][0]);
      shape.setAttribute('stroke', parts[i][1]);
      shape.setAttribute('stroke-width', parts[i][2]);
      ring.appendChild(shape);
    }
    svg.appendChild(ring);
  };

  ChartAccessibility.prototype.dispose = function () {
    this.element.removeEventListener('keydown', this._onKeyDown);
    this.element.removeEventListener('focusin', this._onFocus);
    this.element.removeEventListener('focusout', this._onBlur);
    if (this._announcer) { this._announcer.dispose(); }
  };

  return {
    ChartAccessibility: ChartAccessibility,
    UpdateAnnouncer: UpdateAnnouncer,
    move: move,
    refind: refind,
    reading: reading,
    nearest: nearest
  };
}));
