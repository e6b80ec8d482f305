namespace RootSeg.Analysis.Reports;

/// <summary>The report's inline style sheet (the page loads nothing from elsewhere).</summary>
internal static class ReportStyle
{
    // No '<', '>' or '&' here: the sheet is written as XML text, which would escape them, and HTML reads style
    // content raw.
    public const string Css = """
        body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        h1 { margin-bottom: 0.2em; }
        h2 { border-bottom: 2px solid #5a8f3c; padding-bottom: 0.2em; margin-top: 2em; }
        p.guide { background: #f3f7ef; border-left: 4px solid #5a8f3c; padding: 0.5em 0.8em; }
        p.missing { background: #fff4e5; border-left: 4px solid #e08a00; padding: 0.5em 0.8em; }
        table { border-collapse: collapse; margin: 0.8em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        div.charts { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; }
        figure { margin: 0.5em 0; }
        div.overlays { display: flex; flex-wrap: wrap; gap: 1em; }
        figure.overlay img { max-width: 520px; width: 100%; border: 1px solid #999; }
        span.key { margin-right: 1.5em; white-space: nowrap; }
        span.swatch { display: inline-block; width: 1em; height: 1em; border: 1px solid #444; vertical-align: middle; }
        footer { margin-top: 3em; color: #666; font-size: 0.9em; }
        """;
}
