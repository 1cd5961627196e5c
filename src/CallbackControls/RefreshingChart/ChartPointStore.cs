using System;
using System.Collections;
using System.Collections.Generic;

namespace CallbackControls
{
    /// <summary>
    /// The storage behind a <see cref="ChartPointCollection"/>: X and Y in two growable arrays, so a series of
    /// a million values is two arrays rather than a million objects, and decimation and the axes read them
    /// straight. A <see cref="ChartPoint"/> exists only for a point that was added as one, or read back one by
    /// one (the indexer, enumeration); once it exists it is kept and it is the truth for that point (its X, Y,
    /// label, tooltip and colour), so code that changes a point it read back still changes the drawing.
    /// </summary>
    internal sealed class ChartPointStore : IList<ChartPoint>
    {
        private static readonly double[] NoValues = new double[0];

        private double[] _x = NoValues;
        private double[] _y = NoValues;

        // Null while no point exists as an object: the common case of a big series, read without a lookup.
        private ChartPoint[] _objects;
        private int _count;
        private int _version;

        public int Count => _count;

        public bool IsReadOnly => false;

        /// <summary>True when some point exists as an object (its label, tooltip or colour may matter).</summary>
        public bool HasObjects => _objects != null;

        public ChartPoint this[int index]
        {
            get
            {
                CheckIndex(index);
                // Materialised on demand and kept, so that a change made to it reaches the drawing.
                var objects = EnsureObjects();
                return objects[index] ?? (objects[index] = new ChartPoint(_x[index], _y[index]));
            }
            set
            {
                CheckIndex(index);
                EnsureObjects()[index] = value;
                _x[index] = value.X;
                _y[index] = value.Y;
                _version++;
            }
        }

        /// <summary>
        /// The values as the chart draws them: X and Y (the first <see cref="Count"/> entries count) and the
        /// point objects (null when there are none; a null entry is a point that has no object). Points that
        /// exist as objects are copied into the arrays first, since they may have changed since they were added.
        /// </summary>
        public void Read(out double[] x, out double[] y, out ChartPoint[] objects)
        {
            if (_objects != null)
            {
                for (int i = 0; i < _count; i++)
                {
                    var point = _objects[i];
                    if (point == null) continue;
                    _x[i] = point.X;
                    _y[i] = point.Y;
                }
            }
            x = _x;
            y = _y;
            objects = _objects;
        }

        /// <summary>The point object at an index, or null when the point exists only as values.</summary>
        public ChartPoint ObjectAt(int index) => _objects?[index];

        public void EnsureCapacity(int capacity)
        {
            if (capacity <= _x.Length) return;
            _x = Reallocate(_x, capacity);
            _y = Reallocate(_y, capacity);
            if (_objects != null) Array.Resize(ref _objects, capacity);
        }

        public void Append(double x, double y)
        {
            if (_count == _x.Length) Grow(_count + 1);
            _x[_count] = x;
            _y[_count] = y;
            _count++;
            _version++;
        }

        /// <summary>Appends many values at once; <paramref name="x"/> null numbers them from their position.</summary>
        public void AppendRange(double[] x, double[] y) => AppendRange(x, y, 0, y.Length);

        /// <summary>Appends y[start..start+count) with the matching x, or their positions when x is null.</summary>
        public void AppendRange(double[] x, double[] y, int start, int count)
        {
            int n = count;
            EnsureRoom(n);
            if (x != null)
            {
                Array.Copy(x, start, _x, _count, n);
            }
            else
            {
                for (int i = 0; i < n; i++) _x[_count + i] = _count + i;
            }
            Array.Copy(y, start, _y, _count, n);
            _count += n;
            _version++;
        }

        /// <summary>Appends dates (as OLE Automation dates, the X values of a date axis) and their values.</summary>
        public void AppendRange(DateTime[] x, double[] y)
        {
            int n = y.Length;
            EnsureRoom(n);
            for (int i = 0; i < n; i++) _x[_count + i] = ChartMath.ToOADate(x[i]);
            Array.Copy(y, 0, _y, _count, n);
            _count += n;
            _version++;
        }

        public void Add(ChartPoint item) => Insert(_count, item);

        public void Insert(int index, ChartPoint item)
        {
            if (index < 0 || index > _count) throw new ArgumentOutOfRangeException(nameof(index));
            if (_count == _x.Length) Grow(_count + 1);
            var objects = EnsureObjects();
            if (index < _count)
            {
                Array.Copy(_x, index, _x, index + 1, _count - index);
                Array.Copy(_y, index, _y, index + 1, _count - index);
                Array.Copy(objects, index, objects, index + 1, _count - index);
            }
            _x[index] = item.X;
            _y[index] = item.Y;
            objects[index] = item;
            _count++;
            _version++;
        }

        public void RemoveAt(int index)
        {
            CheckIndex(index);
            _count--;
            if (index < _count)
            {
                Array.Copy(_x, index + 1, _x, index, _count - index);
                Array.Copy(_y, index + 1, _y, index, _count - index);
                if (_objects != null) Array.Copy(_objects, index + 1, _objects, index, _count - index);
            }
            if (_objects != null) _objects[_count] = null;
            _version++;
        }

        /// <summary>Removes the first points at once (one copy, not one per point): a kept window sliding on.</summary>
        public void RemoveFirst(int count)
        {
            if (count <= 0) return;
            count = Math.Min(count, _count);
            _count -= count;
            Array.Copy(_x, count, _x, 0, _count);
            Array.Copy(_y, count, _y, 0, _count);
            if (_objects != null)
            {
                Array.Copy(_objects, count, _objects, 0, _count);
                Array.Clear(_objects, _count, count);
            }
            _version++;
        }

        public bool Remove(ChartPoint item)
        {
            int index = IndexOf(item);
            if (index < 0) return false;
            RemoveAt(index);
            return true;
        }

        public void Clear()
        {
            // The arrays are kept for the next fill; the objects go, so the series is read straight again.
            _count = 0;
            _objects = null;
            _version++;
        }

        // Points compare by reference (ChartPoint keeps object equality), and a point that was never an
        // object cannot be held by the caller, so only the objects are searched.
        public int IndexOf(ChartPoint item) => _objects == null || item == null ? -1 : Array.IndexOf(_objects, item, 0, _count);

        public bool Contains(ChartPoint item) => IndexOf(item) >= 0;

        public void CopyTo(ChartPoint[] array, int arrayIndex)
        {
            if (array == null) throw new ArgumentNullException(nameof(array));
            if (arrayIndex < 0 || array.Length - arrayIndex < _count) throw new ArgumentOutOfRangeException(nameof(arrayIndex));
            for (int i = 0; i < _count; i++) array[arrayIndex + i] = this[i];
        }

        public IEnumerator<ChartPoint> GetEnumerator()
        {
            int version = _version;
            for (int i = 0; i < _count; i++)
            {
                // Materialising a point for the caller is not a change; adding or removing one is.
                if (version != _version) throw new InvalidOperationException("The points changed while they were being enumerated.");
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private ChartPoint[] EnsureObjects() => _objects ?? (_objects = new ChartPoint[_x.Length]);

        /// <summary>
        /// Gives the value arrays back to <see cref="ChartArrayPool"/> and empties the store; called when
        /// the chart that drew them is done with the request.
        /// </summary>
        public void Release()
        {
            var x = _x;
            var y = _y;
            _x = NoValues;
            _y = NoValues;
            _objects = null;
            _count = 0;
            _version++;
            ChartArrayPool.Return(x);
            ChartArrayPool.Return(y);
        }

        private double[] Reallocate(double[] old, int capacity)
        {
            var fresh = ChartArrayPool.Rent(capacity);
            if (_count > 0) Array.Copy(old, fresh, _count);
            ChartArrayPool.Return(old);
            return fresh;
        }

        private void EnsureRoom(int more)
        {
            if (_x.Length - _count < more) Grow(checked(_count + more));
        }

        private void Grow(int needed)
        {
            // Doubling, as List<T> does, so adding one point at a time stays linear.
            int capacity = Math.Max(needed, _x.Length == 0 ? 4 : (int)Math.Min(int.MaxValue, 2L * _x.Length));
            EnsureCapacity(capacity);
        }

        private void CheckIndex(int index)
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}
