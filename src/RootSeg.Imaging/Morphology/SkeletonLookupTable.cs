namespace RootSeg.Imaging.Morphology;

/// <summary>
/// The 256-entry thinning table of scikit-image 0.19.3's 2-D <c>skeletonize</c>
/// (<c>skimage/morphology/_skeletonize_cy.pyx</c>), generated here rather than typed in.
/// </summary>
/// <remarks>
/// A neighbourhood code sums, for each set neighbour, 1 (north-west), 2 (north), 4 (north-east), 8 (east),
/// 16 (south-east), 32 (south), 64 (south-west) and 128 (west). An entry is 1 when the centre may be removed in
/// the first sub-iteration only, 2 in the second only, 3 in both, 0 never.
/// The base rule is Zhang and Suen 1984 (doi:10.1145/357994.358023): 2 to 6 set neighbours (their B),
/// exactly one 0-to-1 transition around the ring (their A), and for the first sub-iteration
/// <c>N*E*S = 0</c> and <c>E*S*W = 0</c>, for the second <c>N*E*W = 0</c> and <c>N*S*W = 0</c>.
/// scikit-image's table departs from that rule in 25 entries, chiefly so that corner pixels of one-pixel-wide
/// staircases and 2-pixel end caps are thinned; those entries are listed in <see cref="Departures"/>, and a test
/// checks the generated table against the one extracted from scikit-image's source.
/// </remarks>
internal static class SkeletonLookupTable
{
    /// <summary>Neighbourhood codes where scikit-image's table differs from the Zhang-Suen rule, with its value.</summary>
    public static readonly IReadOnlyDictionary<int, byte> Departures = new Dictionary<int, byte>
    {
        [3] = 1, [6] = 1, [10] = 3, [11] = 1, [12] = 1, [14] = 1, [24] = 2, [26] = 2, [40] = 3, [48] = 0,
        [56] = 2, [96] = 2, [104] = 2, [108] = 2, [129] = 0, [130] = 3, [131] = 1, [134] = 1, [160] = 3,
        [161] = 1, [176] = 2, [192] = 2, [194] = 1, [198] = 1, [224] = 2,
    };

    /// <summary>The table, generated once (declared after the departures it reads).</summary>
    public static readonly byte[] Table = Build();

    /// <summary>Generates the table: the Zhang-Suen rule, then scikit-image's departures.</summary>
    public static byte[] Build()
    {
        var table = new byte[256];
        for (var code = 0; code < 256; code++)
        {
            table[code] = Departures.TryGetValue(code, out var value) ? value : ZhangSuen(code);
        }
        return table;
    }

    /// <summary>The Zhang-Suen removal class of one neighbourhood code (0 to 3).</summary>
    public static byte ZhangSuen(int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 255);
        int Bit(int k) => (code >> k) & 1;
        // The ring clockwise from north: N, NE, E, SE, S, SW, W, NW (their P2..P9).
        Span<int> ring = [Bit(1), Bit(2), Bit(3), Bit(4), Bit(5), Bit(6), Bit(7), Bit(0)];
        var set = 0;
        var transitions = 0;
        for (var k = 0; k < 8; k++)
        {
            set += ring[k];
            if (ring[k] == 0 && ring[(k + 1) % 8] == 1)
            {
                transitions++;
            }
        }
        if (set < 2 || set > 6 || transitions != 1)
        {
            return 0;
        }
        int n = ring[0], e = ring[2], s = ring[4], w = ring[6];
        var first = n * e * s == 0 && e * s * w == 0;
        var second = n * e * w == 0 && n * s * w == 0;
        return (byte)((first ? 1 : 0) + (second ? 2 : 0));
    }
}
