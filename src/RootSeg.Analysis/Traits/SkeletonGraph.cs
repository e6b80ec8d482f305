namespace RootSeg.Analysis.Traits;

/// <summary>
/// The links between 8-neighbouring skeleton pixels, each counted once, with redundant diagonal links dropped: a
/// diagonal link is kept only when neither of the two pixels orthogonally adjacent to both of its ends is skeleton.
/// </summary>
/// <remarks>
/// Without that rule an L-shaped corner of three pixels counts two orthogonal steps and the diagonal shortcut
/// between its ends, 2 + sqrt 2 pixels for a path of 2, and its end pixels look like branch points. Kimura et al.
/// 1999, "Accurate root length measurement by image analysis", Plant and Soil 216:117-127
/// (doi:10.1023/A:1004778925316), count orthogonal (No) and diagonal (Nd) connections of a thin skeleton; the pruned
/// graph gives those counts for skeletons that are 8-connected but not everywhere thin. Each kept link's length
/// (1 or sqrt 2) is shared half and half by its two pixels, so per-pixel lengths add up to the total.
/// </remarks>
internal sealed class SkeletonGraph
{
    private SkeletonGraph(int[] pixels, byte[] degree, double[] lengthShare, long orthogonal, long diagonal)
    {
        Pixels = pixels;
        Degree = degree;
        LengthShare = lengthShare;
        OrthogonalLinks = orthogonal;
        DiagonalLinks = diagonal;
    }

    /// <summary>Indices (y * width + x) of the skeleton pixels, in row-major order.</summary>
    public int[] Pixels { get; }

    /// <summary>Kept links at each skeleton pixel, parallel to <see cref="Pixels"/>.</summary>
    public byte[] Degree { get; }

    /// <summary>Each skeleton pixel's share of the length, in pixels, parallel to <see cref="Pixels"/>.</summary>
    public double[] LengthShare { get; }

    /// <summary>Kept orthogonal links (No).</summary>
    public long OrthogonalLinks { get; }

    /// <summary>Kept diagonal links (Nd).</summary>
    public long DiagonalLinks { get; }

    /// <summary>Total length in pixels: No + sqrt 2 Nd.</summary>
    public double LengthPixels => OrthogonalLinks + Math.Sqrt(2) * DiagonalLinks;

    /// <summary>Builds the graph of a row-major skeleton (non-zero = skeleton) of the given size.</summary>
    public static SkeletonGraph Build(ReadOnlySpan<byte> skeleton, int width, int height)
    {
        var slot = new int[skeleton.Length];
        var pixels = new List<int>();
        for (var i = 0; i < skeleton.Length; i++)
        {
            slot[i] = -1;
            if (skeleton[i] != 0)
            {
                slot[i] = pixels.Count;
                pixels.Add(i);
            }
        }
        var degree = new byte[pixels.Count];
        var share = new double[pixels.Count];
        long orthogonal = 0, diagonal = 0;
        var halfDiagonal = Math.Sqrt(2) / 2;

        void Link(int a, int b, double half)
        {
            degree[a]++;
            degree[b]++;
            share[a] += half;
            share[b] += half;
        }

        bool On(ReadOnlySpan<byte> s, int x, int y) => x >= 0 && x < width && y >= 0 && y < height && s[y * width + x] != 0;

        for (var k = 0; k < pixels.Count; k++)
        {
            var x = pixels[k] % width;
            var y = pixels[k] / width;
            // Forward neighbours only (right, down-left, down, down-right), so each link is seen once.
            if (On(skeleton, x + 1, y))
            {
                Link(k, slot[pixels[k] + 1], 0.5);
                orthogonal++;
            }
            if (On(skeleton, x, y + 1))
            {
                Link(k, slot[pixels[k] + width], 0.5);
                orthogonal++;
            }
            if (On(skeleton, x + 1, y + 1) && !On(skeleton, x + 1, y) && !On(skeleton, x, y + 1))
            {
                Link(k, slot[pixels[k] + width + 1], halfDiagonal);
                diagonal++;
            }
            if (On(skeleton, x - 1, y + 1) && !On(skeleton, x - 1, y) && !On(skeleton, x, y + 1))
            {
                Link(k, slot[pixels[k] + width - 1], halfDiagonal);
                diagonal++;
            }
        }
        return new SkeletonGraph(pixels.ToArray(), degree, share, orthogonal, diagonal);
    }

    /// <summary>
    /// Branch points: skeleton pixels with three or more kept links, where 8-connected clusters of such pixels count
    /// as one branch point (a junction drawn over two or more pixels is still one junction).
    /// </summary>
    public (long BranchPixels, long BranchPoints) CountBranches(int width, int height)
    {
        // Branch pixel index -> whether a cluster walk has reached it yet.
        var visited = new Dictionary<int, bool>();
        foreach (var (index, k) in Pixels.Select((p, k) => (p, k)))
        {
            if (Degree[k] >= 3)
            {
                visited[index] = false;
            }
        }
        long clusters = 0;
        var stack = new Stack<int>();
        foreach (var start in visited.Keys.ToArray())
        {
            if (visited[start])
            {
                continue;
            }
            clusters++;
            visited[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                int px = p % width, py = p / width;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = px + dx, ny = py + dy;
                        if (nx < 0 || nx >= width || ny < 0 || ny >= height)
                        {
                            continue;
                        }
                        var n = ny * width + nx;
                        if (visited.TryGetValue(n, out var seen) && !seen)
                        {
                            visited[n] = true;
                            stack.Push(n);
                        }
                    }
                }
            }
        }
        return (visited.Count, clusters);
    }
}
