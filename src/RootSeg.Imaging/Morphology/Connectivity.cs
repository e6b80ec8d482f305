namespace RootSeg.Imaging.Morphology;

/// <summary>Which neighbours join two foreground pixels into one component (scikit-image's 2-D connectivity).</summary>
public enum Connectivity
{
    /// <summary>Edge neighbours only (scikit-image <c>connectivity=1</c>, scipy's default cross).</summary>
    Four = 1,

    /// <summary>Edge and corner neighbours (scikit-image <c>connectivity=2</c>, a full 3x3 square).</summary>
    Eight = 2,
}
