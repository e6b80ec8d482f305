using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Augmentation;

public class ElasticDeformationTests
{
    [Fact]
    public void MatchesTheReferenceTransformOnAFixture()
    {
        var f = AugmentFixture.Load("elastic.json");
        int height = f.Int("height"), width = f.Int("width"), pad = f.Int("pad");
        var map = ElasticMap.FromNoise(height, width, pad, f.GetProperty("randx").Doubles(),
            f.GetProperty("randy").Doubles(), f.Double("sigma"), f.Double("alpha"));
        var photoValues = f.GetProperty("photo").Doubles();
        using var photo = new Raster<float>(width, height, 3);
        for (var i = 0; i < photoValues.Length; i++)
        {
            photo.Data[i] = (float)photoValues[i];
        }
        var labels = f.GetProperty("annotation").Ints();
        using var annotation = new Raster<byte>(width, height);
        for (var i = 0; i < labels.Length; i++)
        {
            annotation.Data[i] = (byte)labels[i];
        }

        using var outPhoto = ElasticDeformation.ApplyToPhoto(photo, map);
        using var outAnnotation = ElasticDeformation.ApplyToAnnotation(annotation, map);

        var expectedPhoto = f.GetProperty("outPhoto").Doubles();
        for (var i = 0; i < expectedPhoto.Length; i++)
        {
            Assert.True(Math.Abs(outPhoto.Data[i] - expectedPhoto[i]) <= 1e-5, $"photo sample {i}: {outPhoto.Data[i]} vs {expectedPhoto[i]}");
        }
        var expectedAnnotation = f.GetProperty("outAnnotation").Ints();
        Assert.Equal(expectedAnnotation, outAnnotation.Data.ToArray().Select(v => (int)v));
        Assert.NotEqual(labels, expectedAnnotation); // the fixture really deforms
    }

    [Fact]
    public void ReflectPaddingMatchesNumpy()
    {
        foreach (var c in AugmentFixture.Load("reflect_pad.json").GetProperty("cases").EnumerateArray())
        {
            int length = c.Int("length"), pad = c.Int("pad");
            var actual = Enumerable.Range(-pad, length + 2 * pad).Select(i => ReflectIndex.Mirror(i, length));
            Assert.Equal(c.GetProperty("output").Ints(), actual);
        }
    }

    [Fact]
    public void AlphaZeroIsTheIdentity()
    {
        var random = new SeededRandom(7);
        using var photo = RandomPhoto(23, 17, random);
        using var annotation = new Raster<byte>(23, 17);
        annotation[4, 5] = AnnotationLabels.Root;
        annotation[20, 16] = AnnotationLabels.Unlabelled;
        annotation[0, 0] = AnnotationLabels.Root;
        var map = ElasticMap.Create(17, 23, alpha: 0.0, sigma: 15.0, random, padding: 60);
        using var outPhoto = ElasticDeformation.ApplyToPhoto(photo, map);
        using var outAnnotation = ElasticDeformation.ApplyToAnnotation(annotation, map);
        Assert.Equal(photo.Data.ToArray(), outPhoto.Data.ToArray());
        Assert.Equal(annotation.Data.ToArray(), outAnnotation.Data.ToArray());
        Assert.Equal(17 * 23, map.Rows.Length);

        // The coordinates are pooled arrays: gone after Dispose, which may be called twice.
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.Cols.Length);
        map.Dispose();
    }

    [Fact]
    public void PhotoAndAnnotationAreDeformedAlike()
    {
        const int size = 64;
        using var photo = new Raster<float>(size, size, 3);
        using var annotation = new Raster<byte>(size, size);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var inside = (x - 30) * (x - 30) + (y - 34) * (y - 34) < 12 * 12;
                annotation[x, y] = inside ? AnnotationLabels.Root : AnnotationLabels.Background;
                for (var c = 0; c < 3; c++)
                {
                    photo[x, y, c] = inside ? 1f : 0f;
                }
            }
        }
        var deformation = new ElasticDeformation { Probability = 1.0 };
        var moved = 0;
        for (var seed = 0UL; seed < 4; seed++)
        {
            var map = deformation.Draw(size, size, new SeededRandom(seed))!;
            using var outPhoto = ElasticDeformation.ApplyToPhoto(photo, map);
            using var outAnnotation = ElasticDeformation.ApplyToAnnotation(annotation, map);
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    // Both are the same bilinear interpolation of the same disk: root exactly where the photo's
                    // interpolated brightness exceeds one half.
                    var bright = outPhoto[x, y, 0] > 0.5f;
                    Assert.Equal(bright, outAnnotation[x, y] == AnnotationLabels.Root);
                    moved += bright != (annotation[x, y] == AnnotationLabels.Root) ? 1 : 0;
                }
            }
        }
        Assert.True(moved > 50, $"only {moved} pixels changed: the deformation did not move the disk");
    }

    [Fact]
    public void UnlabelledPixelsStayExcluded()
    {
        const int size = 40;
        using var photo = new Raster<float>(size, size, 3);
        using var annotation = new Raster<byte>(size, size);
        for (var y = 10; y < 30; y++)
        {
            for (var x = 10; x < 30; x++)
            {
                annotation[x, y] = x < 20 ? AnnotationLabels.Unlabelled : AnnotationLabels.Root;
            }
        }
        var map = ElasticMap.Create(size, size, alpha: 300.0, sigma: 8.0, new SeededRandom(3));
        using var output = ElasticDeformation.ApplyToAnnotation(annotation, map);
        var values = output.Data.ToArray();
        Assert.All(values, v => Assert.True(v is AnnotationLabels.Background or AnnotationLabels.Root or AnnotationLabels.Unlabelled));
        Assert.Contains(AnnotationLabels.Unlabelled, values);
        Assert.Contains(AnnotationLabels.Root, values);
        // Unlabelled area grows (any touching tap) rather than shrinks: at least as many pixels as the input's
        // unlabelled area minus what the displacement pushes out of the tile.
        Assert.True(values.Count(v => v == AnnotationLabels.Unlabelled) > 150);
    }

    [Fact]
    public void ParametersFollowThePaper()
    {
        var deformation = new ElasticDeformation();
        Assert.Equal((200.0, 15.0), deformation.Parameters(0.0, 1.0));
        Assert.Equal((2500.0 * 0.4, 60.0), deformation.Parameters(1.0, 0.4));
        Assert.Throws<ArgumentOutOfRangeException>("scale", () => deformation.Parameters(1.5, 0.5));
    }

    private static Raster<float> RandomPhoto(int width, int height, SeededRandom random)
    {
        var photo = new Raster<float>(width, height, 3);
        for (var i = 0; i < photo.Data.Length; i++)
        {
            photo.Data[i] = (float)random.NextDouble();
        }
        return photo;
    }
}
