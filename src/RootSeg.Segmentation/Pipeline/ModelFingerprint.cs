using System.Security.Cryptography;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>Names a model file by its full path and SHA-256, for <see cref="AnalysisOptions.ModelIdentity"/>.</summary>
public static class ModelFingerprint
{
    /// <summary>"PATH sha256:HEX" of <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read; the message names it.</exception>
    public static string Of(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            using var stream = File.OpenRead(path);
            return $"{Path.GetFullPath(path)} sha256:{Convert.ToHexStringLower(SHA256.HashData(stream))}";
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{path}: cannot be read: {e.Message}", e);
        }
    }
}
