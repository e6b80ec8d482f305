namespace RootSeg.Segmentation.Pipeline;

/// <summary>
/// A mask file as it was when it was measured: its length and last write time. An analysis records the stamps of
/// the masks it measured, and a rerun whose masks carry the same stamps has nothing to measure again.
/// </summary>
/// <param name="Size">Length in bytes.</param>
/// <param name="Ticks">Last write time, UTC ticks.</param>
public readonly record struct MaskStamp(long Size, long Ticks)
{
    /// <summary>The stamp of the file at <paramref name="path"/> now.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static MaskStamp Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path}: the mask is missing", path);
        }
        return new MaskStamp(info.Length, info.LastWriteTimeUtc.Ticks);
    }
}
