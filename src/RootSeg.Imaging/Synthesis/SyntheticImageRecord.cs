namespace RootSeg.Imaging.Synthesis;

/// <summary>One image written by <see cref="SyntheticDataset.Write"/>, as listed in its <c>truth.csv</c>.</summary>
/// <param name="Name">File stem shared by the photo and its annotation, for example <c>synth_0007</c>.</param>
/// <param name="Seed">The seed <see cref="RootPhotoSynthesizer.Generate(int)"/> drew the image from.</param>
/// <param name="TrueLength">Centre-line root length inside the picture, in pixels.</param>
/// <param name="MeanRootWidth">Length-weighted mean root diameter inside the picture, in pixels.</param>
/// <param name="RootPixels">Pixels marked as root in the annotation.</param>
public sealed record SyntheticImageRecord(string Name, int Seed, double TrueLength, double MeanRootWidth, long RootPixels);
