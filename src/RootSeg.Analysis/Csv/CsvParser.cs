using System.Text;

namespace RootSeg.Analysis.Csv;

/// <summary>Splits CSV text into records of fields (RFC 4180: doubled quotes inside quoted fields).</summary>
internal static class CsvParser
{
    /// <summary>The records of <paramref name="text"/>; a final line end does not start an empty record.</summary>
    /// <exception cref="FormatException">A quoted field is not closed, or text follows a closing quote.</exception>
    public static List<string[]> Split(string text, string source)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        var recordHasContent = false;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"' && field.Length == 0)
            {
                position = ReadQuoted(text, position, field, source, ref line);
                recordHasContent = true;
                if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"{source}: line {line}: text after a closing quote");
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    recordHasContent = true;
                    position++;
                    break;
                case '\r' or '\n':
                    position += c == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                    if (recordHasContent || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        records.Add(fields.ToArray());
                    }
                    fields.Clear();
                    field.Clear();
                    recordHasContent = false;
                    line++;
                    break;
                default:
                    field.Append(c);
                    position++;
                    break;
            }
        }
        if (recordHasContent || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }
        return records;
    }

    private static int ReadQuoted(string text, int start, StringBuilder field, string source, ref int line)
    {
        var openedOn = line;
        var position = start + 1;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"')
            {
                if (position + 1 < text.Length && text[position + 1] == '"')
                {
                    field.Append('"');
                    position += 2;
                    continue;
                }
                return position + 1;
            }
            if (c == '\n')
            {
                line++;
            }
            field.Append(c);
            position++;
        }
        throw new FormatException($"{source}: line {openedOn}: a quoted field is not closed");
    }
}
