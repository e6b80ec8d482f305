using System.Numerics;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Grows the centre lines of a root system: primary roots as random walks whose heading changes with a smoothly
/// varying curvature and bends downwards (gravitropism), tapering with length, and lateral roots that leave their
/// parent at an angle and bend down less.
/// </summary>
/// <remarks>
/// A simplified form of the architecture models of Pagès et al. 2004, "Root Typ: a generic model to depict and
/// analyse the root system architecture", Plant and Soil 258:103-119, doi:10.1023/B:PLSO.0000016540.47134.03
/// (axes grown step by step, deflected by gravitropism, branching at intervals, diameter decreasing with order).
/// The curvature follows an Ornstein-Uhlenbeck process, so the heading is continuous and its change is smooth.
/// </remarks>
internal sealed class RootSystemGrower
{
    /// <summary>Step along the centre line in pixels; short enough that the polyline looks smooth at any width.</summary>
    public const float Step = 2f;

    private const int MaxOrder = 2;
    private const int MaxPaths = 2000;

    private static readonly Vector3[] RootColours =
    [
        new(204, 190, 166), new(180, 160, 132), new(164, 144, 120), new(192, 182, 168), new(156, 136, 112),
    ];

    private readonly RootPhotoOptions _options;
    private readonly Random _random;
    private readonly float _minRadius;

    public RootSystemGrower(RootPhotoOptions options, int seed)
    {
        _options = options;
        _random = new Random(seed);
        _minRadius = (float)options.MinRootWidth / 2f;
    }

    /// <summary>Grows the whole system; primaries first, then laterals in the order they sprouted.</summary>
    public List<RootPath> Grow()
    {
        var paths = new List<RootPath>();
        var pending = new Queue<Sprout>();
        var primaries = _random.Next(_options.MinRoots, _options.MaxRoots + 1);
        for (var i = 0; i < primaries; i++)
        {
            pending.Enqueue(PrimarySprout());
        }
        while (pending.Count > 0 && paths.Count < MaxPaths)
        {
            paths.Add(GrowOne(pending.Dequeue(), pending));
        }
        return paths;
    }

    private Sprout PrimarySprout()
    {
        float width = _options.Width, height = _options.Height;
        // Most primaries enter from the top edge, as roots growing down past the tube do; the rest appear inside
        // the upper half, where a root comes out of the soil onto the glass.
        var fromTop = _random.NextDouble() < 0.6;
        var start = fromTop
            ? new Vector2((float)_random.Uniform(0, width), (float)-_random.Uniform(0, 8))
            : new Vector2((float)_random.Uniform(0, width), (float)_random.Uniform(0, 0.5 * height));
        var heading = MathF.PI / 2 + (float)Math.Clamp(_random.Gaussian(0, 0.45), -1.2, 1.2);
        var diameter = _random.Uniform(_options.MinRootWidth, _options.MaxRootWidth);
        return new Sprout(start, heading, (float)diameter / 2f, 0, LengthFor(0), Colour(null), Opacity());
    }

    private float LengthFor(int order)
    {
        var side = (float)Math.Max(_options.Width, _options.Height);
        return order switch
        {
            0 => side * (float)_random.Uniform(0.8, 1.6),
            1 => side * (float)_random.Uniform(0.12, 0.45),
            _ => side * (float)_random.Uniform(0.05, 0.2),
        };
    }

    private Vector3 Colour(Vector3? parent)
    {
        var basis = parent ?? RootColours[_random.Next(RootColours.Length)];
        // Mostly a shared shift: independent channel shifts of more than a few levels turn tan roots green or pink.
        var jitter = new Vector3((float)_random.Gaussian(0, 6)) + new Vector3((float)_random.Gaussian(0, 2),
            (float)_random.Gaussian(0, 2), (float)_random.Gaussian(0, 2));
        var brightness = (float)_random.Uniform(0.85, 1.05);
        return Vector3.Clamp(basis * brightness + jitter, Vector3.Zero, new Vector3(255));
    }

    private float Opacity() => (float)_random.Uniform(0.6, 1.0);

    private RootPath GrowOne(Sprout sprout, Queue<Sprout> pending)
    {
        var path = new RootPath { Order = sprout.Order, Colour = sprout.Colour, Opacity = sprout.Opacity };
        var taper = (float)_random.Uniform(0.3, 0.7);
        // Laterals are plagiogravitropic: they bend down far less than the primaries that carry them.
        var gravitropism = sprout.Order == 0 ? 0.008f : 0.0015f;
        var branchPerStep = (float)_options.BranchProbability * Step / 10f;
        var margin = sprout.Radius + 4f;
        var position = sprout.Start;
        var heading = sprout.Heading;
        var curvature = 0f;
        var entered = false;
        var steps = (int)MathF.Ceiling(sprout.Length / Step);
        for (var step = 0; step <= steps; step++)
        {
            var travelled = step * Step;
            var radius = MathF.Max(_minRadius, sprout.Radius * (1f - taper * travelled / sprout.Length));
            path.Points.Add(position);
            path.Radii.Add(radius);
            var inside = Inside(position, margin);
            if (inside)
            {
                entered = true;
            }
            else if (entered || step > 32)
            {
                break;
            }
            if (sprout.Order < MaxOrder && step > 3 && step < steps - 3 && _random.NextDouble() < branchPerStep)
            {
                var angle = _random.Sign() * (float)_random.Uniform(0.6, 1.4);
                var childRadius = MathF.Max(_minRadius, radius * (float)_random.Uniform(0.4, 0.7));
                pending.Enqueue(new Sprout(position, heading + angle, childRadius, sprout.Order + 1,
                    LengthFor(sprout.Order + 1), Colour(path.Colour), MathF.Min(1f, path.Opacity * 0.95f)));
            }
            curvature = 0.95f * curvature + (float)_random.Gaussian(0, 0.0025);
            // Gravitropism turns the heading towards straight down (+y) in proportion to how far it is off.
            heading += (curvature + gravitropism * MathF.Cos(heading)) * Step;
            position += Step * new Vector2(MathF.Cos(heading), MathF.Sin(heading));
        }
        return path;
    }

    private bool Inside(Vector2 p, float margin) =>
        p.X >= -margin && p.Y >= -margin && p.X <= _options.Width + margin && p.Y <= _options.Height + margin;

    private readonly record struct Sprout(
        Vector2 Start, float Heading, float Radius, int Order, float Length, Vector3 Colour, float Opacity);
}
