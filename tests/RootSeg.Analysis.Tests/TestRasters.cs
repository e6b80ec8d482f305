using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Tests;

/// <summary>Small rasters drawn as text, for readable test cases.</summary>
internal static class TestRasters
{
    /// <summary>A mask from rows of text: '#' is 1, '.' is 0, digits are their value, 'u' is 255.</summary>
    public static Raster<byte> FromText(params string[] rows)
    {
        var raster = new Raster<byte>(rows[0].Length, rows.Length, stride: rows[0].Length + 3);
        for (var y = 0; y < rows.Length; y++)
        {
            Assert.Equal(rows[0].Length, rows[y].Length);
            for (var x = 0; x < rows[y].Length; x++)
            {
                raster[x, y] = rows[y][x] switch
                {
                    '#' => 1,
                    '.' => 0,
                    'u' => 255,
                    var c and >= '0' and <= '9' => (byte)(c - '0'),
                    var c => throw new ArgumentException($"unknown mask character '{c}'"),
                };
            }
        }
        return raster;
    }

    /// <summary>A zero mask of the given size.</summary>
    public static Raster<byte> Empty(int width, int height) => new(width, height);

    /// <summary>A float raster filled with <paramref name="value"/>.</summary>
    public static Raster<float> Filled(int width, int height, float value)
    {
        var raster = new Raster<float>(width, height);
        raster.Data.Fill(value);
        return raster;
    }

    /// <summary>A temporary folder deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rootseg-analysis-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
