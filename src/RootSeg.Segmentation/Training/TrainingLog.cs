using System.Text;
using RootSeg.Imaging.Files;

namespace RootSeg.Segmentation.Training;

/// <summary>Writes a run's log.csv: the header and one <see cref="EpochRecord"/> per finished epoch.</summary>
internal static class TrainingLog
{
    /// <summary>Rewrites the whole log atomically, so that it always matches the checkpoint beside it.</summary>
    public static void Write(string path, IEnumerable<EpochRecord> records)
    {
        var text = new StringBuilder().Append(EpochRecord.CsvHeader).Append('\n');
        foreach (var record in records)
        {
            text.Append(record.ToCsv()).Append('\n');
        }
        AtomicFile.WriteText(path, text.ToString());
    }
}
