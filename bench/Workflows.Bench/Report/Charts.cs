using Workflows.Bench.Scaling;

namespace Workflows.Bench.Report;

/// <summary>The scaling curves as PNG charts: median time (left axis) and SQL commands (right axis) against N, N on a log scale.</summary>
public static class Charts
{
    public static void Draw(ScalingResults results, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var curve in new[] { results.Get, results.Clones, results.Deletes, results.List }) Curve(curve, Path.Combine(folder, curve.Key + ".png"));
        Million(results.Million, Path.Combine(folder, "million.png"));
    }

    private static void Curve(Curve curve, string path)
    {
        var plot = new ScottPlot.Plot();
        var xs = curve.Points.Select(p => Math.Log10(p.X)).ToArray();
        var time = plot.Add.Scatter(xs, curve.Points.Select(p => p.MedianMs).ToArray());
        time.LegendText = "median time (ms)";
        time.LineWidth = 2;
        time.MarkerSize = 8;
        var commands = plot.Add.Scatter(xs, curve.Points.Select(p => p.Commands).ToArray());
        commands.LegendText = "SQL commands per request";
        commands.Axes.YAxis = plot.Axes.Right;
        commands.LinePattern = ScottPlot.LinePattern.Dashed;
        commands.MarkerSize = 8;
        plot.Axes.Bottom.SetTicks(xs, curve.Points.Select(p => p.X.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Bottom.Label.Text = curve.XLabel + " (log scale)";
        plot.Axes.Left.Label.Text = "median time (ms)";
        plot.Axes.Right.Label.Text = "SQL commands per request";
        plot.Axes.SetLimitsX(xs.Min() - 0.2, xs.Max() + 0.2);
        plot.Axes.SetLimitsY(0, curve.Points.Max(p => p.MedianMs) * 1.15, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, curve.Points.Max(p => p.Commands)) * 1.3, plot.Axes.Right);
        plot.Title(curve.Title);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, 760, 420);
    }

    private static void Million(MillionResult million, string path)
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Bars([million.BeforeMs, million.AfterMs]);
        plot.Axes.Bottom.SetTicks([0, 1], ["other workspace empty", $"other workspace: {million.Tasks:N0} tasks"]);
        plot.Axes.Left.Label.Text = "median time (ms)";
        plot.Axes.Margins(bottom: 0);
        plot.Title("GET workflow in a small workspace");
        plot.SavePng(path, 560, 380);
    }
}
