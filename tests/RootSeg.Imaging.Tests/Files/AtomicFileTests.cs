using RootSeg.Imaging.Files;

namespace RootSeg.Imaging.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rootseg-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AWriteThatFailsPartWayLeavesTheOldFileAndNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "checkpoint.bin");
        AtomicFile.WriteText(path, "old");

        // As a full disk does: some bytes written, then the write fails.
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new IOException("No space left on device");
        }));

        Assert.Equal($"{path}: cannot be written: No space left on device", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void WritesReplaceWholeAndNameThePathOnError()
    {
        var path = Path.Combine(_folder, "a.txt");
        AtomicFile.WriteText(path, "first");
        AtomicFile.WriteBytes(path, "second é"u8);
        Assert.Equal("second é", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));

        var missing = Path.Combine(_folder, "absent", "b.txt");
        Assert.StartsWith($"{missing}: ", Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteText(missing, "x")).Message);
        Assert.StartsWith($"{_folder}: ", Assert.ThrowsAny<IOException>(() => AtomicFile.WriteText(_folder, "x")).Message);
        var underFile = Path.Combine(path, "c.txt");
        Assert.StartsWith($"{underFile}: ", Assert.ThrowsAny<IOException>(() => AtomicFile.WriteText(underFile, "x")).Message);
    }
}
