using System.Globalization;
using System.Security;
using System.Text;

namespace Lianfang.Core.Powers;

/// <summary>
/// Draws a power flow's <see cref="FlowLayout"/> as SVG, with each step's risk points coloured by level. Attributes only
/// (no inline style), so it renders under a strict CSP and prints.
/// </summary>
public static class FlowChart
{
    public static string Svg(string title, PowerFlow flow, IReadOnlyDictionary<string, IReadOnlyList<PinnedPoint>> points, int levelCount)
    {
        var layout = FlowLayout.Of(title, flow, points, levelCount);
        var (width, height) = ((int)layout.Width, (int)layout.Height);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" ")
            .Append(CultureInfo.InvariantCulture, $"width=\"{width}\" height=\"{height}\" ")
            .Append("font-family=\"Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif\" role=\"img\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-label=\"{Esc(title)} 权力运行流程图\">")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" ")
            .Append("markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        Text(svg, layout.Title);
        if (layout.Steps.Count == 0)
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{FlowLayout.Margin}\" y=\"{FlowLayout.Margin + 40}\" font-size=\"13\" fill=\"#777\">尚未绘制流程</text>");

        foreach (var e in layout.Edges)
        {
            var d = string.Join(" ", e.Route.Select((p, i) => i == 0 ? F($"M{p.X},{p.Y}")
                : p.Y == e.Route[i - 1].Y ? F($"H{p.X}") : F($"V{p.Y}")));
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill=\"none\" stroke=\"{e.Stroke}\" ")
                .Append(e.Back ? "stroke-dasharray=\"5 4\"" : F($"stroke-width=\"{e.StrokeWidth}\""))
                .Append(CultureInfo.InvariantCulture, $" marker-end=\"url(#arrow)\" data-edge=\"{Esc(e.From)}-{Esc(e.To)}\"/>");
            if (e.Label is not null) Text(svg, e.Label);
        }

        foreach (var s in layout.Steps)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g data-step=\"{Esc(s.Key)}\">")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{s.X}\" y=\"{s.Y}\" width=\"{s.Width}\" height=\"{s.Height}\" rx=\"6\" fill=\"#fff\" ")
                .Append(CultureInfo.InvariantCulture, $"stroke=\"{s.Border}\" stroke-width=\"{s.BorderWidth}\"/>");
            Text(svg, s.Name);
            Text(svg, s.Detail);
            foreach (var p in s.Points)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{p.X}\" y=\"{p.Y}\" width=\"{p.Width}\" height=\"{p.Height}\" rx=\"3\" fill=\"{p.Color}\" data-level-rank=\"{p.Rank}\"/>");
                Text(svg, p.Level);
                Text(svg, p.Description);
            }
            if (s.More is not null) Text(svg, s.More);
            svg.Append("</g>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static void Text(StringBuilder svg, ChartText t) => svg
        .Append(CultureInfo.InvariantCulture, $"<text x=\"{t.X}\" y=\"{t.Y}\" font-size=\"{t.Size}\"")
        .Append(t.Bold ? " font-weight=\"bold\"" : "")
        .Append(CultureInfo.InvariantCulture, $" fill=\"{t.Color}\"")
        .Append(t.Anchor switch { TextAnchor.Middle => " text-anchor=\"middle\"", TextAnchor.End => " text-anchor=\"end\"", _ => "" })
        .Append(CultureInfo.InvariantCulture, $">{Esc(t.Text)}</text>");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    private static string Esc(string text) => SecurityElement.Escape(text) ?? "";
}
