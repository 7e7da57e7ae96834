using System.Numerics;

namespace GeoCredit.Core.Geofencing;

public sealed partial class ZoneIndex
{
    /// <summary>
    /// One level of the grid: cells of one size. Where the level's zones cover a compact area (a city) the cells
    /// are a dense row-major array of offsets, a few bytes per cell that stay in cache; where they are scattered
    /// (cities far apart on one level) only the occupied cells are kept, in an open-addressing hash table with
    /// linear probing. Either way the entries of a cell are contiguous in <see cref="Entries"/>.
    /// </summary>
    private sealed class GridLevel
    {
        // The finest cell is this many times the median zone size. On a city of fences 4 did best: at 2 a fence
        // lies in 2.25 cells on average and a query touches twice the memory; at 8 a cell holds too many fences.
        private const double CellsPerMedianZone = 4;
        private const double MinCellSize = 1e-5;
        private const double MaxBaseCellSize = 1;
        private const int LevelGrowth = 4;
        private const int MaxLevels = 16;

        // A dense directory may have this many cells per entry (or up to a few MB whatever the entries).
        private const int DenseCellsPerEntry = 8;
        private const int DenseMinimumCells = 1 << 20;

        // Cell coordinates stay within ±2^25 (360° over 1e-5°), so no packed key of a real cell equals this.
        private const long EmptyKey = long.MinValue;

        private readonly double _cellSize;
        private readonly double _invCellSize;

        // Dense directory: cell (column, row) holds Entries[_offsets[i] .. _offsets[i + 1]), i = row * columns +
        // column, counted from the origin cell.
        private readonly int[]? _offsets;
        private readonly int _originX;
        private readonly int _originY;
        private readonly int _columns;
        private readonly int _rows;

        // Sparse directory.
        private readonly Slot[] _slots = [];
        private readonly int _mask;
        private readonly int _shift;

        private GridLevel(double cellSize, List<int> ordinals, ShapeTable shapes)
        {
            _cellSize = cellSize;
            _invCellSize = 1 / cellSize;

            // Every (cell, zone) pair.
            var cellsOf = new List<(int X, int Y, int Ordinal)>(ordinals.Count * 2);
            var (minX, minY, maxX, maxY) = (int.MaxValue, int.MaxValue, int.MinValue, int.MinValue);
            foreach (var ordinal in ordinals)
            {
                var box = shapes.Shapes[ordinal].Envelope;
                var (x0, y0, x1, y1) = (Cell(box.MinX), Cell(box.MinY), Cell(box.MaxX), Cell(box.MaxY));
                (minX, minY) = (Math.Min(minX, x0), Math.Min(minY, y0));
                (maxX, maxY) = (Math.Max(maxX, x1), Math.Max(maxY, y1));
                for (var cx = x0; cx <= x1; cx++)
                {
                    for (var cy = y0; cy <= y1; cy++)
                    {
                        cellsOf.Add((cx, cy, ordinal));
                    }
                }
            }

            var (columns, rows) = ((long)maxX - minX + 1, (long)maxY - minY + 1);
            if (columns * rows <= Math.Max(DenseMinimumCells, (long)DenseCellsPerEntry * cellsOf.Count))
            {
                (_originX, _originY, _columns, _rows) = (minX, minY, (int)columns, (int)rows);
                (_offsets, Entries) = BuildDense(cellsOf, shapes);
                return;
            }

            // Sorted so that a cell's zones are contiguous and in ordinal order.
            var pairs = cellsOf.Select(c => (Key: Key(c.X, c.Y), c.Ordinal)).ToList();
            pairs.Sort();
            var cells = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                if (i == 0 || pairs[i].Key != pairs[i - 1].Key)
                {
                    cells++;
                }
            }

            // At most half full, so that a miss ends after a probe or two.
            var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, cells * 2));
            _mask = capacity - 1;
            _shift = 64 - BitOperations.Log2((uint)capacity);
            _slots = new Slot[capacity];
            Array.Fill(_slots, new Slot(EmptyKey, 0, 0));
            Entries = new CellEntry[pairs.Count];
            for (var i = 0; i < pairs.Count;)
            {
                var start = i;
                var key = pairs[i].Key;
                for (; i < pairs.Count && pairs[i].Key == key; i++)
                {
                    Entries[i] = shapes.EntryOf(pairs[i].Ordinal);
                }

                Insert(key, start, i - start);
            }
        }

        public CellEntry[] Entries { get; }

        public static GridLevel[] Build(ShapeTable shapes)
        {
            var count = shapes.Shapes.Length;
            if (count == 0)
            {
                return [];
            }

            var sizes = new double[count];
            for (var i = 0; i < count; i++)
            {
                var box = shapes.Shapes[i].Envelope;
                sizes[i] = Math.Max(box.MaxX - box.MinX, box.MaxY - box.MinY);
            }

            var sorted = (double[])sizes.Clone();
            Array.Sort(sorted);
            var baseCell = Math.Clamp(CellsPerMedianZone * sorted[count / 2], MinCellSize, MaxBaseCellSize);

            // Each zone goes to the finest level whose cell is at least its size, so it spans at most 2 x 2 cells.
            var byLevel = new List<int>[MaxLevels];
            for (var i = 0; i < count; i++)
            {
                var (level, cell) = (0, baseCell);
                while (sizes[i] > cell && level < MaxLevels - 1)
                {
                    cell *= LevelGrowth;
                    level++;
                }

                (byLevel[level] ??= []).Add(i);
            }

            var levels = new List<GridLevel>();
            for (var level = 0; level < MaxLevels; level++)
            {
                if (byLevel[level] is { } ordinals)
                {
                    levels.Add(new GridLevel(baseCell * Math.Pow(LevelGrowth, level), ordinals, shapes));
                }
            }

            return [.. levels];
        }

        public bool TryGetCell(double x, double y, out int start, out int count) =>
            TryGetCell(Cell(x), Cell(y), out start, out count);

        private bool TryGetCell(int cx, int cy, out int start, out int count)
        {
            if (_offsets is { } offsets)
            {
                var (column, row) = (cx - _originX, cy - _originY);
                if ((uint)column >= (uint)_columns || (uint)row >= (uint)_rows)
                {
                    (start, count) = (0, 0);
                    return false;
                }

                var cell = (row * _columns) + column;
                start = offsets[cell];
                count = offsets[cell + 1] - start;
                return count > 0;
            }

            var key = Key(cx, cy);
            for (var slot = Hash(key); ; slot = (slot + 1) & _mask)
            {
                ref readonly var candidate = ref _slots[slot];
                if (candidate.Key == key)
                {
                    (start, count) = (candidate.Start, candidate.Count);
                    return true;
                }

                if (candidate.Key == EmptyKey)
                {
                    (start, count) = (0, 0);
                    return false;
                }
            }
        }

        /// <summary>Adds the zones of every cell the segment passes through whose envelope meets its box.</summary>
        public void CollectSegment(double ax, double ay, double bx, double by, HashSet<int> ordinals)
        {
            if (ax > bx)
            {
                (ax, ay, bx, by) = (bx, by, ax, ay);
            }

            var (minY, maxY) = (Math.Min(ay, by), Math.Max(ay, by));
            var (firstRow, lastRow) = (Cell(minY), Cell(maxY));

            // Column by column: the rows the segment spans within the column, one more either side because the
            // column's edges here are computed differently from the cell of a coordinate.
            for (var cx = Cell(ax); cx <= Cell(bx); cx++)
            {
                var (y0, y1) = (minY, maxY);
                if (bx > ax)
                {
                    var slope = (by - ay) / (bx - ax);
                    var from = Math.Max(ax, cx * _cellSize);
                    var to = Math.Min(bx, (cx + 1) * _cellSize);
                    (y0, y1) = (ay + ((from - ax) * slope), ay + ((to - ax) * slope));
                    (y0, y1) = (Math.Min(y0, y1), Math.Max(y0, y1));
                }

                var rowFrom = Math.Max(firstRow, Cell(y0) - 1);
                var rowTo = Math.Min(lastRow, Cell(y1) + 1);
                for (var cy = rowFrom; cy <= rowTo; cy++)
                {
                    CollectCell(cx, cy, ax, minY, bx, maxY, ordinals);
                }
            }
        }

        private void CollectCell(int cx, int cy, double minX, double minY, double maxX, double maxY,
            HashSet<int> ordinals)
        {
            if (!TryGetCell(cx, cy, out var start, out var count))
            {
                return;
            }

            foreach (ref readonly var entry in Entries.AsSpan(start, count))
            {
                if (entry.MaxX >= minX && entry.MinX <= maxX && entry.MaxY >= minY && entry.MinY <= maxY)
                {
                    ordinals.Add(entry.Ordinal);
                }
            }
        }

        private (int[] Offsets, CellEntry[] Entries) BuildDense(List<(int X, int Y, int Ordinal)> cellsOf,
            ShapeTable shapes)
        {
            // A counting sort by cell, keeping ordinal order within a cell.
            var offsets = new int[(_columns * _rows) + 1];
            foreach (var (x, y, _) in cellsOf)
            {
                offsets[((y - _originY) * _columns) + (x - _originX) + 1]++;
            }

            for (var i = 1; i < offsets.Length; i++)
            {
                offsets[i] += offsets[i - 1];
            }

            var next = (int[])offsets.Clone();
            var entries = new CellEntry[cellsOf.Count];
            foreach (var (x, y, ordinal) in cellsOf.OrderBy(c => c.Ordinal))
            {
                entries[next[((y - _originY) * _columns) + (x - _originX)]++] = shapes.EntryOf(ordinal);
            }

            return (offsets, entries);
        }

        private void Insert(long key, int start, int count)
        {
            var slot = Hash(key);
            while (_slots[slot].Key != EmptyKey)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = new Slot(key, start, count);
        }

        private int Cell(double v) => (int)Math.Floor(v * _invCellSize);

        private static long Key(int cx, int cy) => ((long)cx << 32) | (uint)cy;

        // Fibonacci hashing: the golden-ratio multiplier spreads neighbouring cells over the table (D. E. Knuth,
        // The Art of Computer Programming, vol. 3, §6.4).
        private int Hash(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);

        private readonly record struct Slot(long Key, int Start, int Count);
    }
}
