using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// The paper's augmentation of one training tile (Smith et al. 2020, "Segmentation of roots in soil with U-Net",
/// Plant Methods 16:13, doi:10.1186/s13007-020-00563-0, in the order of its reference code): scale to [0, 1]; elastic
/// deformation of photo and annotation (p 0.9); Gaussian noise with sigma ~ |N(0, 0.09^2)|; salt-and-pepper with
/// intensity ~ |N(0, 0.008^2)|; horizontal flip of photo and annotation (p 0.5); min-max scaling to 8 bits; colour
/// jitter; scaling to [0, 1] again and shifting to [-0.5, 0.5]. The annotation's centre becomes the labels.
/// </summary>
/// <remarks>
/// Draws happen in that order from the given generator, so a tile's augmentation depends only on the generator's
/// state. Unlabelled annotation pixels travel with the photo through the deformation and the flip and come out as
/// 0 in the labelled mask.
/// </remarks>
public sealed record TileAugmenter
{
    /// <summary>The elastic deformation (the paper's parameters by default).</summary>
    public ElasticDeformation Elastic { get; init; } = new();

    /// <summary>The colour jitter (the paper's parameters by default).</summary>
    public ColorJitter Jitter { get; init; } = new();

    /// <summary>Standard deviation of the normal draw whose magnitude is the Gaussian noise's sigma (0.09).</summary>
    public double NoiseScale { get; init; } = 0.09;

    /// <summary>Standard deviation of the normal draw whose magnitude is the salt-and-pepper intensity (0.008).</summary>
    public double SaltAndPepperScale { get; init; } = 0.008;

    /// <summary>Probability of a horizontal flip (0.5).</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Augments one tile and writes the network's input and labels.</summary>
    /// <param name="photo">RGB input tile, InputSize square, 3 channels; not modified.</param>
    /// <param name="annotation">Its annotation (<see cref="AnnotationLabels"/>), same size, 1 channel; not modified.</param>
    /// <param name="geometry">Tile sizes.</param>
    /// <param name="random">The tile's own generator.</param>
    /// <param name="input">Receives 3 x InputSize x InputSize float32 values (CHW) in [-0.5, 0.5].</param>
    /// <param name="labels">Receives OutputSize^2 labels: 1 root, 0 otherwise.</param>
    /// <param name="labelled">Receives OutputSize^2 flags: 1 where annotated, 0 where unlabelled.</param>
    public void Augment(Raster<byte> photo, Raster<byte> annotation, TileGeometry geometry, SeededRandom random,
        Span<float> input, Span<byte> labels, Span<byte> labelled)
    {
        ArgumentNullException.ThrowIfNull(random);
        TileOutput.Check(photo, annotation, geometry, input, labels, labelled);
        var size = geometry.InputSize;
        using var unit = new Raster<float>(size, size, 3);
        IntensityScaling.ToUnit(photo, unit);

        var deformedPhoto = unit;
        var deformedAnnotation = annotation;
        using var map = Elastic.Draw(size, size, random);
        if (map is not null)
        {
            deformedPhoto = ElasticDeformation.ApplyToPhoto(unit, map);
            deformedAnnotation = ElasticDeformation.ApplyToAnnotation(annotation, map);
        }
        try
        {
            NoiseAugmentation.AddGaussianNoise(deformedPhoto, Math.Abs(random.NextGaussian(0.0, NoiseScale)), random);
            var saltAndPepper = Math.Min(1.0, Math.Abs(random.NextGaussian(0.0, SaltAndPepperScale)));
            NoiseAugmentation.AddSaltAndPepper(deformedPhoto, saltAndPepper, random);
            // The flip is drawn here but applied while writing the output: every later step works per pixel or on
            // whole-tile statistics, so flipping last gives the same tile without another copy.
            var flip = random.NextDouble() < FlipProbability;

            using var bytes = new Raster<byte>(size, size, 3);
            IntensityScaling.ToBytes(deformedPhoto, bytes);
            ColorJitter.Apply(bytes, Jitter.Draw(random));
            TileOutput.Write(bytes, deformedAnnotation, geometry, flip, input, labels, labelled);
        }
        finally
        {
            if (map is not null)
            {
                deformedPhoto.Dispose();
                deformedAnnotation.Dispose();
            }
        }
    }
}
