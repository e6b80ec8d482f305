namespace RootSeg.Segmentation.Data;

/// <summary>A photo and its annotation, found by their shared file stem.</summary>
/// <param name="Stem">The file name without its extension.</param>
/// <param name="PhotoPath">Full path of the photo.</param>
/// <param name="AnnotationPath">Full path of the annotation.</param>
public sealed record DatasetPair(string Stem, string PhotoPath, string AnnotationPath);
