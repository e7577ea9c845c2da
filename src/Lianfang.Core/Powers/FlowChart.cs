using System.Globalization;
using System.Security;
using System.Text;

namespace Lianfang.Core.Powers;

/// <summary>A risk point pinned to a flow step, as the chart shows it.</summary>
public sealed record PinnedPoint(string Description, string LevelName, int Rank);

/// <summary>
/// Draws a power flow as SVG: steps top to bottom by depth, branches side by side, back edges dashed on the right, and under
/// each step its risk points coloured by level. Attributes only (no inline style), so it renders under a strict CSP and prints.
/// </summary>
public static class FlowChart
{
    private const int NodeWidth = 240, ColumnGap = 40, RowGap = 56, HeadHeight = 50, PointLine = 20, MaxPointsShown = 4, Margin = 24;

    /// <summary>Level colours: the top level red, the next orange (when there are three), the lowest blue.</summary>
    public static string LevelColor(int rank, int levelCount) => rank switch
    {
        1 => "#c62828",
        _ when rank >= levelCount => "#1565c0",
        _ => "#ef6c00",
    };

    public static string Svg(string title, PowerFlow flow, IReadOnlyDictionary<string, IReadOnlyList<PinnedPoint>> points, int levelCount)
    {
        var layers = flow.Layers();
        var rows = flow.Steps.GroupBy(s => layers[s.Key]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var columns = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Count));
        var width = Margin * 2 + columns * NodeWidth + (columns - 1) * ColumnGap + 80;
        var box = new Dictionary<string, (double X, double Y, double H)>();
        double y = Margin + 30;
        foreach (var row in rows)
        {
            var rowWidth = row.Count * NodeWidth + (row.Count - 1) * ColumnGap;
            var x = (width - 80 - rowWidth) / 2.0;
            var rowHeight = 0.0;
            foreach (var s in row)
            {
                var shown = Math.Min(points.GetValueOrDefault(s.Key)?.Count ?? 0, MaxPointsShown + 1);
                var h = HeadHeight + shown * PointLine + (shown > 0 ? 8 : 0);
                box[s.Key] = (x, y, h);
                rowHeight = Math.Max(rowHeight, h);
                x += NodeWidth + ColumnGap;
            }
            y += rowHeight + RowGap;
        }
        var height = (int)Math.Max(y - RowGap + Margin, 120);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" ")
            .Append("font-family=\"Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif\" role=\"img\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-label=\"{Esc(title)} 权力运行流程图\">")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{Margin + 4}\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">{Esc(title)}</text>");
        if (flow.Steps.Count == 0)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{Margin + 40}\" font-size=\"13\" fill=\"#777\">尚未绘制流程</text>");

        var backLane = 0;
        foreach (var e in flow.Edges)
        {
            if (!box.TryGetValue(e.From, out var a) || !box.TryGetValue(e.To, out var b)) continue;
            if (e.Back)
            {
                // upstream: out of the right side, up a lane beside the chart, into the target's right side
                var lane = width - 60 + backLane++ % 3 * 12;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<path d=\"M{a.X + NodeWidth},{a.Y + 24} H{lane} V{b.Y + 24} H{b.X + NodeWidth}\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"5 4\" marker-end=\"url(#arrow)\" data-edge=\"{Esc(e.From)}-{Esc(e.To)}\"/>");
                if (e.Label is not null)
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lane - 4}\" y=\"{(a.Y + b.Y) / 2 + 24}\" font-size=\"11\" fill=\"#666\" text-anchor=\"end\">{Esc(e.Label)}</text>");
                continue;
            }
            var (x1, y1, x2, y2) = (a.X + NodeWidth / 2.0, a.Y + a.H, b.X + NodeWidth / 2.0, b.Y);
            var midY = y1 + (y2 - y1) / 2;
            svg.Append(CultureInfo.InvariantCulture,
                $"<path d=\"M{x1},{y1} V{midY} H{x2} V{y2 - 1}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\" data-edge=\"{Esc(e.From)}-{Esc(e.To)}\"/>");
            if (e.Label is not null)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x2 + 6}\" y=\"{midY - 4}\" font-size=\"11\" fill=\"#666\">{Esc(e.Label)}</text>");
        }

        foreach (var s in flow.Steps)
        {
            var (x, top, h) = box[s.Key];
            var pinned = points.GetValueOrDefault(s.Key) ?? [];
            var worst = pinned.Count == 0 ? 0 : pinned.Min(p => p.Rank);
            var border = worst == 0 ? "#444" : LevelColor(worst, levelCount);
            svg.Append(CultureInfo.InvariantCulture, $"<g data-step=\"{Esc(s.Key)}\">")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{top}\" width=\"{NodeWidth}\" height=\"{h}\" rx=\"6\" fill=\"#fff\" stroke=\"{border}\" stroke-width=\"{(worst == 0 ? 1.2 : 2.4)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10}\" y=\"{top + 20}\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">{Esc(Clip(s.Name, 15))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10}\" y=\"{top + 39}\" font-size=\"11.5\" fill=\"#555\">{Esc(Clip(string.Join(" · ", new[] { s.Actor, s.TimeLimit }.Where(t => !string.IsNullOrWhiteSpace(t))), 20))}</text>");
            var line = top + HeadHeight + 10;
            foreach (var p in pinned.Take(MaxPointsShown))
            {
                var color = LevelColor(p.Rank, levelCount);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 10}\" y=\"{line - 11}\" width=\"30\" height=\"15\" rx=\"3\" fill=\"{color}\" data-level-rank=\"{p.Rank}\"/>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 25}\" y=\"{line}\" font-size=\"10.5\" fill=\"#fff\" text-anchor=\"middle\">{Esc(Clip(p.LevelName, 2))}</text>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 46}\" y=\"{line}\" font-size=\"11.5\" fill=\"#222\">{Esc(Clip(p.Description, 14))}</text>");
                line += PointLine;
            }
            if (pinned.Count > MaxPointsShown)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10}\" y=\"{line}\" font-size=\"11\" fill=\"#666\">另有 {pinned.Count - MaxPointsShown} 个风险点</text>");
            svg.Append("</g>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
    private static string Esc(string text) => SecurityElement.Escape(text) ?? "";
}
