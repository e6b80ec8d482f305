using System.Reflection;
using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

/// <summary>
/// Finds librootseg_torch.so for the P/Invoke calls: beside the assembly (where the build copies it), in the
/// application folder, in native/build of an enclosing repository checkout, then on the system search path.
/// When none loads, the exception lists every path tried with the loader's message.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string LibraryName = "rootseg_torch";
    private const string FileName = "librootseg_torch.so";

    /// <summary>Installs the resolver for this assembly; called once, before the first native call.</summary>
    internal static void Install() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == LibraryName ? Load(Candidates(assembly), FileName) : IntPtr.Zero;

    /// <summary>
    /// Loads the first of <paramref name="candidates"/> that exists and loads, else <paramref name="fallbackName"/>
    /// from the system library path.
    /// </summary>
    /// <exception cref="DllNotFoundException">Nothing loaded; the message lists every path tried and why it failed.</exception>
    internal static IntPtr Load(IEnumerable<string> candidates, string fallbackName)
    {
        var failures = new List<string>();
        foreach (var path in candidates)
        {
            if (!File.Exists(path))
            {
                failures.Add($"{path} (not found)");
                continue;
            }
            try
            {
                return NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                failures.Add($"{path} ({e.Message})");
            }
            catch (BadImageFormatException e)
            {
                failures.Add($"{path} ({e.Message})");
            }
        }
        if (NativeLibrary.TryLoad(fallbackName, out var handle))
        {
            return handle;
        }
        failures.Add($"{fallbackName} on the system library path (not loadable)");
        throw new DllNotFoundException(
            $"cannot load the native shim {fallbackName} (build it with scripts/setup); tried: {string.Join("; ", failures)}");
    }

    private static IEnumerable<string> Candidates(Assembly assembly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var folders = new List<string?> { Path.GetDirectoryName(assembly.Location), AppContext.BaseDirectory };
        foreach (var folder in folders.OfType<string>().Where(f => f.Length > 0))
        {
            var path = Path.GetFullPath(Path.Combine(folder, FileName));
            if (seen.Add(path))
            {
                yield return path;
            }
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "native", "CMakeLists.txt")))
            {
                var path = Path.Combine(dir.FullName, "native", "build", FileName);
                if (seen.Add(path))
                {
                    yield return path;
                }
                yield break;
            }
        }
    }
}
