namespace RootSeg.Analysis.Depth;

/// <summary>
/// Depth profiles: the <see cref="DepthSample"/>s of many images added up per panel or tube, date and session
/// (<see cref="ProfileGroup"/>) and depth band, with root length density and rooting depth.
/// </summary>
/// <remarks>
/// Root length density (RLD) = root length / (imaged area x depth of field), the depth of field being the thickness
/// of soil an image is taken to see (see <see cref="Traits.RootTraitOptions.DepthOfFieldMm"/>), in cm of root per
/// cm³ of soil; root length intensity = root length / imaged area, in mm per cm², needs no such assumption. A band
/// between imaged bands of a profile that no image covers is left out of the rows (its RLD is unknown) and holds no
/// length for the rooting depth.
/// </remarks>
public sealed class DepthProfile
{
    private DepthProfile(IReadOnlyList<DepthBandRow> rows, IReadOnlyList<ProfileSummary> summaries)
    {
        Rows = rows;
        Summaries = summaries;
    }

    /// <summary>One row per profile and band holding imaged area, ordered by profile then depth.</summary>
    public IReadOnlyList<DepthBandRow> Rows { get; }

    /// <summary>One rooting-depth summary per profile, in profile order.</summary>
    public IReadOnlyList<ProfileSummary> Summaries { get; }

    /// <summary>Builds the profiles.</summary>
    /// <param name="samples">Samples of any number of images.</param>
    /// <param name="bands">The bands the samples' band indices refer to.</param>
    /// <param name="depthOfFieldMm">Depth of field for RLD, mm; finite and positive.</param>
    /// <exception cref="ArgumentException">A sample with a non-finite or negative length or area, or a bad depth of field.</exception>
    public static DepthProfile Build(IEnumerable<DepthSample> samples, DepthBands bands, double depthOfFieldMm)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(bands);
        if (!double.IsFinite(depthOfFieldMm) || depthOfFieldMm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depthOfFieldMm), depthOfFieldMm, "the depth of field must be finite and positive (mm)");
        }
        var cells = new SortedDictionary<(ProfileGroup Group, int Band), Cell>(Comparer<(ProfileGroup Group, int Band)>.Create(
            (a, b) => a.Group.CompareTo(b.Group) is var c and not 0 ? c : a.Band.CompareTo(b.Band)));
        var images = new Dictionary<ProfileGroup, HashSet<string>>();
        foreach (var s in samples)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(samples));
            if (!double.IsFinite(s.LengthMm) || s.LengthMm < 0 || !double.IsFinite(s.AreaMm2) || s.AreaMm2 < 0)
            {
                throw new ArgumentException($"{s.Image}: length {s.LengthMm} mm and area {s.AreaMm2} mm² must be finite and >= 0", nameof(samples));
            }
            var group = new ProfileGroup(s.Site, s.Date, s.Session);
            if (!cells.TryGetValue((group, s.Band), out var cell))
            {
                cells[(group, s.Band)] = cell = new Cell();
            }
            cell.Length += s.LengthMm;
            cell.Area += s.AreaMm2;
            cell.Images.Add(s.Image);
            if (!images.TryGetValue(group, out var set))
            {
                images[group] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            set.Add(s.Image);
        }
        var rows = cells.Select(kv => new DepthBandRow(kv.Key.Group, kv.Key.Band, bands.Top(kv.Key.Band), bands.Bottom(kv.Key.Band),
            kv.Value.Images.Count, kv.Value.Length, kv.Value.Area,
            // mm -> cm (/10), mm² -> cm² (/100), depth of field mm -> cm (/10).
            kv.Value.Area > 0 ? kv.Value.Length / 10 / (kv.Value.Area / 100 * depthOfFieldMm / 10) : double.NaN,
            kv.Value.Area > 0 ? kv.Value.Length / (kv.Value.Area / 100) : double.NaN)).ToList();
        var summaries = rows.GroupBy(r => r.Group).Select(g =>
        {
            var bandsOfGroup = g.Select(r => (r.TopMm, r.BottomMm, r.LengthMm)).ToArray();
            var rooted = g.Where(r => r.LengthMm > 0).ToArray();
            return new ProfileSummary(g.Key, images[g.Key].Count, g.Sum(r => r.LengthMm),
                RootingDepth.Compute(bandsOfGroup, 0.5), RootingDepth.Compute(bandsOfGroup, 0.95),
                rooted.Length == 0 ? double.NaN : rooted.Max(r => r.BottomMm));
        }).ToList();
        return new DepthProfile(rows, summaries);
    }

    private sealed class Cell
    {
        public double Length;
        public double Area;
        public readonly HashSet<string> Images = new(StringComparer.Ordinal);
    }
}
