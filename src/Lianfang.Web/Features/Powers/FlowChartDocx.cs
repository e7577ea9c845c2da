using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Lianfang.Core.Powers;
using A = DocumentFormat.OpenXml.Drawing;
using Text = DocumentFormat.OpenXml.Wordprocessing.Text;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Wpg = DocumentFormat.OpenXml.Office2010.Word.DrawingGroup;
using Wps = DocumentFormat.OpenXml.Office2010.Word.DrawingShape;

namespace Lianfang.Web.Features.Powers;

/// <summary>
/// Puts the 权力运行流程图 into the Word form of a flow, ahead of its table of steps: the <see cref="FlowLayout"/> the page draws
/// as SVG, drawn again as native shapes (one group of text boxes, level badges and polyline arrows), so Word shows it as an
/// editable vector drawing and LibreOffice prints it into the PDF. The chart has a page of its own, turned whichever way shows
/// it larger; the table follows on the next page as the form lays it out.
/// </summary>
public static class FlowChartDocx
{
    private const long EmuPerPx = 9525, EmuPerTwip = 635;
    private const string Song = "宋体", FangSong = "仿宋", Latin = "Times New Roman"; // the forms' faces (DocxWriter)
    /// <summary>The title and the line under it above the chart (18 pt and 12 pt lines), with room to spare.</summary>
    private const long HeadTwips = 1400;
    /// <summary>Baseline below a line's top, in ems, for the CJK faces the forms print with (Noto CJK, 宋体).</summary>
    private const double Ascent = 1.16;

    public static byte[] WithChart(byte[] docx, FlowLayout layout)
    {
        if (layout.Steps.Count == 0) return docx;
        using var ms = new MemoryStream();
        ms.Write(docx);
        using (var doc = WordprocessingDocument.Open(ms, true))
        {
            var body = doc.MainDocumentPart!.Document!.Body!;
            var last = body.Elements<SectionProperties>().Last();
            var (size, margin) = (last.GetFirstChild<PageSize>()!, last.GetFirstChild<PageMargin>()!);
            long shortSide = Math.Min(size.Width!.Value, size.Height!.Value), longSide = Math.Max(size.Width.Value, size.Height.Value);
            var (sideMargins, topBottom) = ((long)margin.Left!.Value + margin.Right!.Value, (long)margin.Top!.Value + margin.Bottom!.Value);
            var (w, h) = (layout.Width, layout.Height - layout.BodyTop);
            // the scale at which the chart fills the page's width or height, never drawn larger than on screen
            double Fit(long pageWidth, long pageHeight) => Math.Min(1, Math.Min(
                (pageWidth - sideMargins) * EmuPerTwip / (w * EmuPerPx), (pageHeight - topBottom - HeadTwips) * EmuPerTwip / (h * EmuPerPx)));
            var (landscape, portrait) = (Fit(longSide, shortSide), Fit(shortSide, longSide));
            var upright = portrait > landscape;
            var scale = upright ? portrait : landscape;

            // The chart's section ends with the chart: same footer and margins, its own orientation.
            var section = (SectionProperties)last.CloneNode(true);
            var pageSize = section.GetFirstChild<PageSize>()!;
            pageSize.Width = (uint)(upright ? shortSide : longSide);
            pageSize.Height = (uint)(upright ? longSide : shortSide);
            pageSize.Orient = upright ? PageOrientationValues.Portrait : PageOrientationValues.Landscape;
            var table = body.Elements<Table>().First();
            var textWidth = (int)(pageSize.Width.Value - sideMargins);
            foreach (var stop in table.ElementsBefore().SelectMany(e => e.Descendants<TabStop>()))
                if (stop.Position?.Value > textWidth) stop.Position = textWidth; // the head line's right tab, on a narrower page
            var props = new ParagraphProperties(new SpacingBetweenLines { Before = "120", After = "0" },
                new Justification { Val = JustificationValues.Center }, section);
            table.InsertBeforeSelf(new Paragraph(props, new Run(new Drawing(Inline(layout, scale)))));
            doc.MainDocumentPart.Document.Save();
        }
        return ms.ToArray();
    }

    private static Wp.Inline Inline(FlowLayout layout, double scale)
    {
        var px = EmuPerPx * scale;
        long E(double v) => (long)Math.Round(v * px);
        var (cx, cy) = (E(layout.Width), E(layout.Height - layout.BodyTop));
        var ids = 1u;
        var frame = new A.TransformGroup(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy },
            new A.ChildOffset { X = 0, Y = 0 }, new A.ChildExtents { Cx = cx, Cy = cy });
        var group = new Wpg.WordprocessingGroup(new Wpg.NonVisualGroupDrawingShapeProperties(), new Wpg.GroupShapeProperties(frame));

        // Chart coordinates below the title band, in EMU.
        long X(double x) => E(x);
        long Y(double y) => E(y - layout.BodyTop);
        int HalfPoints(double size) => Math.Max(2, (int)Math.Round(size * 0.75 * scale * 2));

        foreach (var e in layout.Edges)
        {
            long x0 = e.Route.Min(p => X(p.X)), y0 = e.Route.Min(p => Y(p.Y));
            long pw = Math.Max(1, e.Route.Max(p => X(p.X)) - x0), ph = Math.Max(1, e.Route.Max(p => Y(p.Y)) - y0);
            var path = new A.Path { Width = pw, Height = ph, Fill = A.PathFillModeValues.None };
            foreach (var (p, i) in e.Route.Select((p, i) => (p, i)))
            {
                var point = new A.Point { X = (X(p.X) - x0).ToString(), Y = (Y(p.Y) - y0).ToString() };
                path.Append(i == 0 ? new A.MoveTo(point) : new A.LineTo(point));
            }
            var line = new A.Outline(Solid(e.Stroke)) { Width = (int)Math.Max(3175, E(e.StrokeWidth)) };
            if (e.Back) line.Append(new A.PresetDash { Val = A.PresetLineDashValues.Dash });
            line.Append(new A.TailEnd { Type = A.LineEndValues.Triangle, Width = A.LineEndWidthValues.Medium, Length = A.LineEndLengthValues.Medium });
            group.Append(new Wps.WordprocessingShape(
                new Wps.NonVisualDrawingProperties { Id = ++ids, Name = $"连线 {e.From}→{e.To}" }, new Wps.NonVisualDrawingShapeProperties(),
                new Wps.ShapeProperties(Transform(x0, y0, pw, ph),
                    new A.CustomGeometry(new A.AdjustValueList(), new A.ShapeGuideList(), new A.AdjustHandleList(), new A.ConnectionSiteList(),
                        new A.Rectangle { Left = "0", Top = "0", Right = "r", Bottom = "b" }, new A.PathList(path)),
                    new A.NoFill(), line),
                new Wps.TextBodyProperties()));
            if (e.Label is not null) group.Append(Label(++ids, e.Label));
        }

        foreach (var s in layout.Steps)
        {
            // the box carries the step's name and 办理主体·期限 as its own text, so they move with it when edited in Word
            var inset = new Insets(E(s.Name.X - s.X), E(s.Name.Y - s.Name.Size * Ascent - s.Y), 0);
            group.Append(Box(++ids, $"环节 {s.Key}", X(s.X), Y(s.Y), E(s.Width), E(s.Height), 6 / Math.Min(s.Width, s.Height), "#fff", s.Border,
                E(s.BorderWidth), inset, A.TextAnchoringTypeValues.Top, JustificationValues.Left, Para(s.Name), Para(s.Detail)));
            foreach (var p in s.Points)
            {
                // centred a little high: the CJK faces' line box reaches further below the glyphs than above them
                group.Append(Box(++ids, $"风险等级 {p.Level.Text}", X(p.X), Y(p.Y), E(p.Width), E(p.Height), 3 / p.Height, p.Color, null, 0, new(0, 0, E(2)),
                    A.TextAnchoringTypeValues.Center, JustificationValues.Center, Para(p.Level)));
                group.Append(Label(++ids, p.Description));
            }
            if (s.More is not null) group.Append(Label(++ids, s.More));
        }

        return new Wp.Inline(
            new Wp.Extent { Cx = cx, Cy = cy }, new Wp.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new Wp.DocProperties { Id = 1, Name = "权力运行流程图", Description = layout.Title.Text + " 权力运行流程图" },
            new Wp.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(group) { Uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 };

        // Text on its own, placed as SVG places it: at its baseline, from its start, middle or end.
        Wps.WordprocessingShape Label(uint id, ChartText t)
        {
            var width = t.Text.Sum(c => c < 0x2E80 ? 0.6 : 1.0) * t.Size + 4;
            var left = t.Anchor switch { TextAnchor.Middle => t.X - width / 2, TextAnchor.End => t.X - width, _ => t.X };
            var align = t.Anchor switch
            {
                TextAnchor.Middle => JustificationValues.Center, TextAnchor.End => JustificationValues.Right, _ => JustificationValues.Left,
            };
            return Box(id, t.Text, X(left), Y(t.Y - t.Size * Ascent), E(width), E(t.Size * 1.5), null, null, null, 0, default,
                A.TextAnchoringTypeValues.Top, align, Para(t));
        }

        Paragraph Para(ChartText t)
        {
            var fonts = new RunFonts { Ascii = Latin, HighAnsi = Latin, EastAsia = t.Bold ? Song : FangSong, Hint = FontTypeHintValues.EastAsia };
            var props = new RunProperties(fonts);
            if (t.Bold) props.Append(new Bold());
            var size = HalfPoints(t.Size).ToString();
            props.Append(new Color { Val = Hex(t.Color) }, new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
            var spacing = new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto };
            return new Paragraph(new ParagraphProperties(spacing), new Run(props, new Text(t.Text) { Space = SpaceProcessingModeValues.Preserve }));
        }
    }

    /// <summary>A shape with text: a rounded rectangle when it has a fill or a border, else a bare text box; text never wraps.</summary>
    private static Wps.WordprocessingShape Box(uint id, string name, long x, long y, long cx, long cy, double? corner, string? fill, string? border,
        long borderWidth, Insets inset, A.TextAnchoringTypeValues anchor, JustificationValues align, params Paragraph[] text)
    {
        // a rounded rectangle's corner radius is its adj share (of 100000) of the shorter side
        A.ShapeGuide[] radius = corner is { } c ? [new A.ShapeGuide { Name = "adj", Formula = $"val {(int)(Math.Min(c, 0.5) * 100000)}" }] : [];
        var geometry = new A.PresetGeometry(new A.AdjustValueList(radius))
            { Preset = corner is null ? A.ShapeTypeValues.Rectangle : A.ShapeTypeValues.RoundRectangle };
        var shape = new Wps.ShapeProperties(Transform(x, y, cx, cy), geometry, fill is null ? new A.NoFill() : Solid(fill),
            border is null ? new A.Outline(new A.NoFill()) : new A.Outline(Solid(border)) { Width = (int)borderWidth });
        foreach (var p in text) p.ParagraphProperties!.Append(new Justification { Val = align });
        return new Wps.WordprocessingShape(
            new Wps.NonVisualDrawingProperties { Id = id, Name = name }, new Wps.NonVisualDrawingShapeProperties(), shape,
            new Wps.TextBoxInfo2(new TextBoxContent(text)),
            new Wps.TextBodyProperties(new A.NoAutoFit())
            {
                Wrap = A.TextWrappingValues.None, LeftInset = (int)inset.Left, TopInset = (int)inset.Top, RightInset = 0, BottomInset = (int)inset.Bottom,
                Anchor = anchor,
            });
    }

    /// <summary>Space between a shape's border and its text, in EMU.</summary>
    private readonly record struct Insets(long Left, long Top, long Bottom);

    private static A.Transform2D Transform(long x, long y, long cx, long cy) =>
        new(new A.Offset { X = x, Y = y }, new A.Extents { Cx = cx, Cy = cy });

    private static A.SolidFill Solid(string css) => new(new A.RgbColorModelHex { Val = Hex(css) });

    /// <summary>"#c62828" or "#444" as DrawingML and WordprocessingML write colours: "C62828", "444444".</summary>
    internal static string Hex(string css)
    {
        var h = css.TrimStart('#');
        return (h.Length == 3 ? string.Concat(h.Select(c => $"{c}{c}")) : h).ToUpperInvariant();
    }
}
