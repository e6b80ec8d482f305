using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Morphology;

/// <summary>
/// Connected components of a binary image computed on its horizontal runs of foreground pixels: runs touching
/// across neighbouring rows are merged with union-find, so the work and memory grow with the number of runs,
/// not pixels (He et al. 2008, "A run-based two-scan labeling algorithm", doi:10.1109/TIP.2008.919369).
/// </summary>
/// <remarks>
/// Components are numbered 1, 2, ... in raster order of their first pixel, which is the numbering of
/// <c>scipy.ndimage.label</c> and <c>skimage.measure.label</c>: union keeps the earlier run as the root, and the
/// first run of a component in raster order holds its first pixel.
/// </remarks>
internal sealed class RunComponents
{
    private RunComponents(int[] rowStart, int[] start, int[] end, int[] label, long[] sizes)
    {
        RowStart = rowStart;
        Start = start;
        End = end;
        Label = label;
        Sizes = sizes;
    }

    /// <summary>Index of the first run of each row; entry <c>height</c> is the run count.</summary>
    public int[] RowStart { get; }

    /// <summary>First column of each run.</summary>
    public int[] Start { get; }

    /// <summary>One past the last column of each run.</summary>
    public int[] End { get; }

    /// <summary>Component label of each run, from 1.</summary>
    public int[] Label { get; }

    /// <summary>Pixels per label; entry 0 counts the background.</summary>
    public long[] Sizes { get; }

    /// <summary>Finds the runs and components of the nonzero pixels of <paramref name="mask"/>.</summary>
    public static RunComponents Find(Raster<byte> mask, Connectivity connectivity)
    {
        var (rowStart, start, end) = Runs(mask);
        var count = start.Length;
        var parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            parent[i] = i;
        }
        // With 8-connectivity runs that only touch diagonally also join: widen the overlap test by one column.
        var reach = connectivity == Connectivity.Eight ? 1 : 0;
        for (var y = 1; y < mask.Height; y++)
        {
            var a = rowStart[y - 1];
            var aEnd = rowStart[y];
            var b = rowStart[y];
            var bEnd = rowStart[y + 1];
            while (a < aEnd && b < bEnd)
            {
                if (start[a] < end[b] + reach && start[b] < end[a] + reach)
                {
                    Union(parent, a, b);
                }
                if (end[a] < end[b])
                {
                    a++;
                }
                else
                {
                    b++;
                }
            }
        }
        var label = new int[count];
        var labels = 0;
        for (var i = 0; i < count; i++)
        {
            var root = Find(parent, i);
            label[i] = root == i ? ++labels : label[root];
        }
        var sizes = new long[labels + 1];
        long foreground = 0;
        for (var i = 0; i < count; i++)
        {
            var length = end[i] - start[i];
            sizes[label[i]] += length;
            foreground += length;
        }
        sizes[0] = (long)mask.Width * mask.Height - foreground;
        return new RunComponents(rowStart, start, end, label, sizes);
    }

    private static (int[] RowStart, int[] Start, int[] End) Runs(Raster<byte> mask)
    {
        var rowStart = new int[mask.Height + 1];
        var start = new List<int>();
        var end = new List<int>();
        for (var y = 0; y < mask.Height; y++)
        {
            rowStart[y] = start.Count;
            ReadOnlySpan<byte> row = mask.Row(y);
            var x = 0;
            while (x < row.Length)
            {
                var first = row[x..].IndexOfAnyExcept((byte)0);
                if (first < 0)
                {
                    break;
                }
                x += first;
                var length = row[x..].IndexOf((byte)0);
                var stop = length < 0 ? row.Length : x + length;
                start.Add(x);
                end.Add(stop);
                x = stop;
            }
        }
        rowStart[mask.Height] = start.Count;
        return (rowStart, start.ToArray(), end.ToArray());
    }

    private static int Find(int[] parent, int i)
    {
        var root = i;
        while (parent[root] != root)
        {
            root = parent[root];
        }
        var node = i;
        while (parent[node] != root)
        {
            var next = parent[node];
            parent[node] = root;
            node = next;
        }
        return root;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra < rb)
        {
            parent[rb] = ra;
        }
        else if (rb < ra)
        {
            parent[ra] = rb;
        }
    }
}
