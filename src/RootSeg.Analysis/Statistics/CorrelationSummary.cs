using System.Globalization;
using System.Text;
using System.Text.Json;
using RootSeg.Imaging.Files;

namespace RootSeg.Analysis.Statistics;

/// <summary>
/// What <c>rootseg correlate</c> reports for two joined measurements: Spearman's rank correlation, Pearson's r and
/// the least-squares line, as Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) report them between segmented root
/// length and manual root intensity, and the Bland-Altman bias and limits of agreement (<see cref="BlandAltman"/>),
/// which mean something only when both columns measure the same quantity in the same unit.
/// </summary>
/// <param name="Pairs">The joined measurements.</param>
/// <param name="Spearman">Spearman's rho with its p-value.</param>
/// <param name="Pearson">Pearson's r with its p-value.</param>
/// <param name="Regression">Least-squares fit of y on x; null when fewer than 2 pairs or all x are equal.</param>
public sealed record CorrelationSummary(PairedSamples Pairs, CorrelationResult Spearman, CorrelationResult Pearson, RegressionResult? Regression)
{
    /// <summary>Identifies the JSON layout.</summary>
    public const string JsonSchema = "rootseg.correlation/1";

    /// <summary>Computes all statistics for <paramref name="pairs"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 pairs.</exception>
    public static CorrelationSummary Compute(PairedSamples pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.X.Count < 2)
        {
            throw new ArgumentException(
                $"{pairs.XName} and {pairs.YName} share {pairs.X.Count} image(s) with values; at least 2 are needed", nameof(pairs));
        }
        var regression = pairs.X.Distinct().Count() >= 2 ? LinearRegression.Fit(pairs.X, pairs.Y) : (RegressionResult?)null;
        return new CorrelationSummary(pairs, Correlation.Spearman(pairs.X, pairs.Y), Correlation.Pearson(pairs.X, pairs.Y), regression);
    }

    /// <summary>Bias of y against x and the 95% limits of agreement (Bland and Altman 1986).</summary>
    public BlandAltmanResult Agreement => BlandAltman.Compute(Pairs.X, Pairs.Y);

    /// <summary>A few lines for a terminal.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"x: {Pairs.XName}\ny: {Pairs.YName}\nn: {Pairs.X.Count}");
        if (Pairs.Dropped.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({Pairs.Dropped.Count} image(s) left out for missing values)");
        }
        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Spearman rho: {Spearman.Coefficient:G6}  p: {Spearman.PValue:G4}\n");
        text.Append(CultureInfo.InvariantCulture, $"Pearson r: {Pearson.Coefficient:G6}  p: {Pearson.PValue:G4}\n");
        if (Regression is { } r)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"regression: y = {r.Intercept:G6} + {r.Slope:G6} x  r²: {r.RSquared:G6}  p: {r.PValue:G4}  SE slope: {r.StandardError:G4}  SE intercept: {r.InterceptStandardError:G4}\n");
        }
        else
        {
            text.Append("regression: none (all x values are equal)\n");
        }
        var a = Agreement;
        text.Append(CultureInfo.InvariantCulture,
            $"Bland-Altman (y - x): bias {a.Bias:G6}  limits of agreement {a.LowerLimit:G6} to {a.UpperLimit:G6}\n");
        return text.ToString();
    }

    /// <summary>The statistics as JSON (undefined values as null).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", JsonSchema);
            json.WriteString("x", Pairs.XName);
            json.WriteString("y", Pairs.YName);
            json.WriteNumber("n", Pairs.X.Count);
            json.WriteStartArray("dropped");
            foreach (var key in Pairs.Dropped)
            {
                json.WriteStringValue(key);
            }
            json.WriteEndArray();
            json.WriteStartObject("spearman");
            Number(json, "rho", Spearman.Coefficient);
            Number(json, "p", Spearman.PValue);
            json.WriteEndObject();
            json.WriteStartObject("pearson");
            Number(json, "r", Pearson.Coefficient);
            Number(json, "p", Pearson.PValue);
            json.WriteEndObject();
            if (Regression is { } r)
            {
                json.WriteStartObject("regression");
                Number(json, "slope", r.Slope);
                Number(json, "intercept", r.Intercept);
                Number(json, "r_squared", r.RSquared);
                Number(json, "p", r.PValue);
                Number(json, "stderr", r.StandardError);
                Number(json, "intercept_stderr", r.InterceptStandardError);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("regression");
            }
            var a = Agreement;
            json.WriteStartObject("bland_altman");
            json.WriteString("difference", "y - x");
            Number(json, "bias", a.Bias);
            Number(json, "sd", a.StandardDeviation);
            Number(json, "lower_limit", a.LowerLimit);
            Number(json, "upper_limit", a.UpperLimit);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> through a temporary file.</summary>
    public void SaveJson(string path) => AtomicFile.WriteText(path, ToJson());

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
