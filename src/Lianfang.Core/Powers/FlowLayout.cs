namespace Lianfang.Core.Powers;

/// <summary>A risk point pinned to a flow step, as the chart shows it.</summary>
public sealed record PinnedPoint(string Description, string LevelName, int Rank);

public enum TextAnchor { Start, Middle, End }

/// <summary>Text placed on the chart, already clipped to fit; Y is the baseline (as SVG places text), Size the font size.</summary>
public sealed record ChartText(string Text, double X, double Y, double Size, string Color, bool Bold = false, TextAnchor Anchor = TextAnchor.Start);

public readonly record struct ChartPoint(double X, double Y);

/// <summary>A step's box: its name and 办理主体·期限 on top, then its risk points worst first; the border takes the worst level's colour.</summary>
public sealed record StepBox(string Key, double X, double Y, double Width, double Height, string Border, double BorderWidth,
    ChartText Name, ChartText Detail, IReadOnlyList<PointBadge> Points, ChartText? More);

/// <summary>A pinned point: a badge in its level's colour holding the level's name, and the description beside it.</summary>
public sealed record PointBadge(int Rank, string Color, double X, double Y, double Width, double Height, ChartText Level, ChartText Description);

/// <summary>An edge as a polyline from one box's border to another's, the arrow at its end; a back edge (退回) is dashed.</summary>
public sealed record EdgeRoute(string From, string To, IReadOnlyList<ChartPoint> Route, bool Back, string Stroke, double StrokeWidth, ChartText? Label);

/// <summary>
/// The flowchart laid out once, in SVG user units, for every writer (the page's SVG, the Word export): steps top to bottom by
/// depth, branches side by side, back edges in lanes on the right. The title sits above <see cref="BodyTop"/>; a writer that
/// has a title of its own draws from there down.
/// </summary>
public sealed record FlowLayout(double Width, double Height, double BodyTop, ChartText Title, IReadOnlyList<StepBox> Steps, IReadOnlyList<EdgeRoute> Edges)
{
    public const double Margin = 24;
    private const double NodeWidth = 240, ColumnGap = 40, RowGap = 56, HeadHeight = 50, PointLine = 20, TitleHeight = 30, LaneSpace = 80;
    private const int MaxPointsShown = 4;

    /// <summary>Level colours: the top level red, the next orange (when there are three), the lowest blue.</summary>
    private static string LevelColor(int rank, int levelCount) => rank switch
    {
        1 => "#c62828",
        _ when rank >= levelCount => "#1565c0",
        _ => "#ef6c00",
    };

    /// <param name="points">The points pinned to each step, in the order they are shown (worst first).</param>
    public static FlowLayout Of(string title, PowerFlow flow, IReadOnlyDictionary<string, IReadOnlyList<PinnedPoint>> points, int levelCount)
    {
        var layers = flow.Layers();
        var rows = flow.Steps.GroupBy(s => layers[s.Key]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var columns = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Count));
        var width = Margin * 2 + columns * NodeWidth + (columns - 1) * ColumnGap + LaneSpace;
        var box = new Dictionary<string, (double X, double Y, double H)>();
        var y = Margin + TitleHeight;
        foreach (var row in rows)
        {
            var rowWidth = row.Count * NodeWidth + (row.Count - 1) * ColumnGap;
            var x = (width - LaneSpace - rowWidth) / 2.0;
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

        var edges = new List<EdgeRoute>();
        var backLane = 0;
        foreach (var e in flow.Edges)
        {
            if (!box.TryGetValue(e.From, out var a) || !box.TryGetValue(e.To, out var b)) continue;
            if (e.Back)
            {
                // upstream: out of the right side, up a lane beside the chart, into the target's right side
                var lane = width - 60 + backLane++ % 3 * 12;
                var label = e.Label is null ? null : new ChartText(e.Label, lane - 4, (a.Y + b.Y) / 2 + 24, 11, "#666", Anchor: TextAnchor.End);
                ChartPoint[] route = [new(a.X + NodeWidth, a.Y + 24), new(lane, a.Y + 24), new(lane, b.Y + 24), new(b.X + NodeWidth, b.Y + 24)];
                edges.Add(new EdgeRoute(e.From, e.To, route, true, "#888", 1, label));
                continue;
            }
            // across in the gap above the target's row, below the tallest box of the row before, never through a box beside the source
            var (x1, y1, x2, y2) = (a.X + NodeWidth / 2.0, a.Y + a.H, b.X + NodeWidth / 2.0, b.Y);
            var midY = y2 - RowGap / 2;
            edges.Add(new EdgeRoute(e.From, e.To, [new(x1, y1), new(x1, midY), new(x2, midY), new(x2, y2 - 1)], false, "#555", 1.4,
                e.Label is null ? null : new ChartText(e.Label, x2 + 6, midY - 4, 11, "#666")));
        }

        var steps = new List<StepBox>();
        foreach (var s in flow.Steps)
        {
            var (x, top, h) = box[s.Key];
            var pinned = points.GetValueOrDefault(s.Key) ?? [];
            var worst = pinned.Count == 0 ? 0 : pinned.Min(p => p.Rank);
            var badges = new List<PointBadge>();
            var line = top + HeadHeight + 10;
            foreach (var p in pinned.Take(MaxPointsShown))
            {
                var color = LevelColor(p.Rank, levelCount);
                badges.Add(new PointBadge(p.Rank, color, x + 10, line - 11, 30, 15,
                    new ChartText(Clip(p.LevelName, 2), x + 25, line, 10.5, "#fff", Anchor: TextAnchor.Middle),
                    new ChartText(Clip(p.Description, 14), x + 46, line, 11.5, "#222")));
                line += PointLine;
            }
            var more = pinned.Count > MaxPointsShown ? new ChartText($"另有 {pinned.Count - MaxPointsShown} 个风险点", x + 10, line, 11, "#666") : null;
            var detail = string.Join(" · ", new[] { s.Actor, s.TimeLimit }.Where(t => !string.IsNullOrWhiteSpace(t)));
            steps.Add(new StepBox(s.Key, x, top, NodeWidth, h, worst == 0 ? "#444" : LevelColor(worst, levelCount), worst == 0 ? 1.2 : 2.4,
                new ChartText(Clip(s.Name, 15), x + 10, top + 20, 14, "#222", Bold: true), new ChartText(Clip(detail, 20), x + 10, top + 39, 11.5, "#555"),
                badges, more));
        }
        return new FlowLayout(width, height, TitleHeight, new ChartText(title, Margin, Margin + 4, 15, "#222", Bold: true), steps, edges);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
