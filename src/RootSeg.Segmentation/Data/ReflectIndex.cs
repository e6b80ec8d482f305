namespace RootSeg.Segmentation.Data;

/// <summary>
/// Maps an index outside [0, n) back inside by mirroring, in the two conventions the reference code mixes:
/// numpy's <c>np.pad(mode='reflect')</c> (used for tiles and the elastic padding) and scipy.ndimage's
/// <c>mode='reflect'</c> (used by the Gaussian filter).
/// </summary>
internal static class ReflectIndex
{
    /// <summary>
    /// numpy 'reflect': the edge sample is not repeated (d c b | a b c d | c b a); period 2(n - 1), so pads longer
    /// than the line reflect again, as numpy's repeated padding does.
    /// </summary>
    public static int Mirror(int index, int length)
    {
        if ((uint)index < (uint)length)
        {
            return index;
        }
        if (length == 1)
        {
            return 0;
        }
        var period = 2 * (length - 1);
        var m = index % period;
        if (m < 0)
        {
            m += period;
        }
        return m < length ? m : period - m;
    }

    /// <summary>
    /// scipy 'reflect' (numpy 'symmetric'): the edge sample is repeated (d c b a | a b c d | d c b a); period 2n.
    /// </summary>
    public static int Symmetric(int index, int length)
    {
        if ((uint)index < (uint)length)
        {
            return index;
        }
        var period = 2 * length;
        var m = index % period;
        if (m < 0)
        {
            m += period;
        }
        return m < length ? m : period - 1 - m;
    }
}
