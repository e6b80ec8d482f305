using System.Diagnostics;
using RootSeg.Imaging.Codecs;

namespace RootSeg.Benchmarks;

/// <summary>
/// RootSeg's side of benchmarks/imread: reads one JPEG with <see cref="ImageFile.Read"/> (file read, TurboJPEG decode,
/// Exif orientation) after one untimed warm-up read, and prints one line of seconds per timed read.
/// </summary>
internal sealed class ImreadBenchmark : IBenchmark
{
    public string Name => "imread";

    public int Run(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[1], out var repeats) || repeats < 1)
        {
            Console.Error.WriteLine("usage: RootSeg.Benchmarks imread JPEG REPEATS");
            return 2;
        }
        var path = args[0];
        using (var warm = ImageFile.Read(path))
        {
            Console.Error.WriteLine($"imread: {path} is {warm.Width}x{warm.Height}x{warm.Channels}");
        }
        var seconds = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using (ImageFile.Read(path))
            {
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
        }
        Console.WriteLine("rootseg " + string.Join(' ', seconds.Select(s => s.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        return 0;
    }
}
