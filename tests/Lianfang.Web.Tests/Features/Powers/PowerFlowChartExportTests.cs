using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Infrastructure;
using A = DocumentFormat.OpenXml.Drawing;
using Wpg = DocumentFormat.OpenXml.Office2010.Word.DrawingGroup;
using Wps = DocumentFormat.OpenXml.Office2010.Word.DrawingShape;

namespace Lianfang.Web.Tests.Features.Powers;

/// <summary>The 权力运行流程图 in the Word and PDF exports of a power: the chart as native shapes, then the table of steps.</summary>
public abstract class PowerFlowChartExportTests(AppFixture f)
{
    private static readonly (string Key, string Name)[] Steps =
        [("accept", "受理"), ("review", "审查"), ("simple", "简易程序核查"), ("general", "一般程序集体研究"), ("decide", "作出决定"), ("issue", "送达归档")];

    private static readonly (string From, string To, string? Label, bool Back)[] Edges =
    [
        ("accept", "review", null, false), ("review", "simple", "简易", false), ("review", "general", "一般", false), ("simple", "decide", null, false),
        ("general", "decide", null, false), ("decide", "issue", null, false), ("review", "accept", "材料不全，退回补正", true),
    ];

    [Fact]
    public async Task The_Word_export_draws_the_chart_as_shapes_before_the_table_and_the_PDF_prints_it()
    {
        var w = await World.CreateAsync(f, "流程图");
        var office = await f.As(w.Users["party_office"]);
        var power = (await office.Post("/api/v1/powers", new { orgUnitId = w.U1, category = "Licensing", name = "医疗机构执业许可", subject = "卫健委" })
            .Expect(HttpStatusCode.Created)).Id();
        var steps = Steps.Select(s => new { key = s.Key, name = s.Name, actor = "医政医管处", conditions = $"{s.Name}的条件", timeLimit = "5个工作日" });
        var edges = Edges.Select(e => new { from = e.From, to = e.To, label = e.Label, back = e.Back });
        await office.Put($"/api/v1/powers/{power}/flow", new { steps, edges, version = await office.PowerVersionAsync(power) }).Expect(HttpStatusCode.OK);
        var campaign = (await f.Observer.Post("/api/v1/campaigns",
                new { name = "排查", year = 2026, schemeCode = "sanjiang-2019", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var unitList = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("orgUnitId").GetInt32() == w.U1 && l.GetProperty("postId").ValueKind == JsonValueKind.Null).Id();
        (string Step, string Text, string Level, string Name, string Color)[] points =
        [
            ("review", "审查中降低标准", "level1", "一级", "C62828"), ("decide", "决定环节吃拿卡要", "level2", "二级", "EF6C00"),
            ("decide", "违规加快审批", "level1", "一级", "C62828"),
        ];
        foreach (var p in points)
            await office.Post($"/api/v1/lists/{unitList}/risk-points",
                    new { categoryCode = "process", description = p.Text, levelCode = p.Level, powerId = power, flowStepKey = p.Step })
                .Expect(HttpStatusCode.Created);

        async Task<byte[]> Export(string format)
        {
            var res = await office.GetAsync($"/api/v1/powers/{power}/flow/export?format={format}");
            Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
            return await res.Content.ReadAsByteArrayAsync();
        }
        var docx = await Export("docx");
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            // the chart's markup is valid for Word 2013 (the form's tables are DocxWriter's and checked with the other forms)
            var invalid = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2013).Validate(doc)
                .Where(e => e.Path?.XPath?.Contains("w:tbl") != true).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(invalid.Count == 0, string.Join("\n", invalid));
            var body = doc.MainDocumentPart!.Document!.Body!;
            var group = Assert.Single(body.Descendants<Wpg.WordprocessingGroup>());
            // the chart comes first, the table of steps (条件 and the rest) after it
            Assert.Contains(body.Elements<Table>().First().ElementsBefore(), e => e.Descendants<Wpg.WordprocessingGroup>().Any());
            Assert.Contains("简易程序核查的条件", body.Elements<Table>().First().InnerText);
            var shapes = group.Elements<Wps.WordprocessingShape>().ToList();

            // one box per step, carrying the step's name; the box of a step holding a 一级 point is bordered red
            var boxes = shapes.Where(s => Fill(s) == "FFFFFF" && Props(s).GetFirstChild<A.PresetGeometry>()?.Preset?.Value == A.ShapeTypeValues.RoundRectangle)
                .ToList();
            Assert.Equal(Steps.Length, boxes.Count);
            var boxOf = Steps.ToDictionary(s => s.Key, s => Bounds(Assert.Single(boxes, b => b.Descendants<Paragraph>().First().InnerText == s.Name)));
            var review = Props(boxes.Single(b => Bounds(b) == boxOf["review"]));
            Assert.Equal("C62828", review.GetFirstChild<A.Outline>()!.GetFirstChild<A.SolidFill>()!.RgbColorModelHex!.Val!.Value);

            // each pinned point's text inside its step's box, beside a badge in its level's colour
            var badges = shapes.Where(s => Fill(s) is { } fill && fill != "FFFFFF").ToList();
            foreach (var p in points)
            {
                var label = Bounds(Assert.Single(shapes, s => Text(s) == p.Text));
                Assert.True(boxOf[p.Step].Contains(label.Left, label.Top), $"{p.Text} sits in its step's box");
                var badge = Assert.Single(badges, s => boxOf[p.Step].Contains(Bounds(s).Left, Bounds(s).Top)
                    && Math.Abs(Bounds(s).Middle - label.Middle) < Bounds(s).Height);
                Assert.Equal((p.Color, p.Name), (Fill(badge), Text(badge)));
            }

            // a polyline with an arrow per edge, from the border of its source box to its target's; only the back edge dashed
            var lines = shapes.Where(s => s.Descendants<A.CustomGeometry>().Any()).ToList();
            Assert.All(lines, l => Assert.Equal(A.LineEndValues.Triangle, l.Descendants<A.TailEnd>().Single().Type!.Value));
            string On((long X, long Y) point) => Steps.Single(s => boxOf[s.Key].Touches(point)).Key;
            var drawn = lines.Select(l => (On(Ends(l).Start), On(Ends(l).End), l.Descendants<A.PresetDash>().Any()));
            Assert.Equal(Edges.Select(e => (e.From, e.To, e.Back)).Order(), drawn.Order());
            Assert.Contains(shapes, s => Text(s) == "材料不全，退回补正");
        }

        var pdf = await Export("pdf");
        var keep = ExportReadBackTests.Artifacts();
        await File.WriteAllBytesAsync(Path.Combine(keep, $"power-flow-chart-{f.GetType().Name}.docx"), docx);
        await File.WriteAllBytesAsync(Path.Combine(keep, $"power-flow-chart-{f.GetType().Name}.pdf"), pdf);
        // the first page is the chart's: the steps and points printed there come from the drawing, the table starts on the next
        var chartPage = await PdfTextAsync(pdf, 1);
        Assert.All(Steps, s => Assert.Contains(s.Name, chartPage));
        Assert.All(points, p => Assert.Contains(p.Text, chartPage));
        Assert.DoesNotContain("办理主体", chartPage);
        Assert.Contains("办理主体", await PdfTextAsync(pdf, 2));
    }

    private static Wps.ShapeProperties Props(Wps.WordprocessingShape s) => s.GetFirstChild<Wps.ShapeProperties>()!;
    private static string? Fill(Wps.WordprocessingShape s) => Props(s).GetFirstChild<A.SolidFill>()?.RgbColorModelHex?.Val?.Value;
    private static string Text(Wps.WordprocessingShape s) => string.Concat(s.Descendants<Text>().Select(t => t.Text));
    private static Rect Bounds(Wps.WordprocessingShape s) => Rect.Of(Props(s).Transform2D!);

    /// <summary>The first and last point of a polyline, in the group's coordinates.</summary>
    private static ((long X, long Y) Start, (long X, long Y) End) Ends(Wps.WordprocessingShape line)
    {
        var origin = Props(line).Transform2D!.Offset!;
        var pts = line.Descendants<A.Point>().Select(p => (origin.X!.Value + long.Parse(p.X!.Value!), origin.Y!.Value + long.Parse(p.Y!.Value!))).ToList();
        return (pts[0], pts[^1]);
    }

    private sealed record Rect(long Left, long Top, long Width, long Height)
    {
        public static Rect Of(A.Transform2D t) => new(t.Offset!.X!, t.Offset.Y!, t.Extents!.Cx!, t.Extents.Cy!);
        public long Middle => Top + Height / 2;
        public bool Contains(long x, long y) => x >= Left && x <= Left + Width && y >= Top && y <= Top + Height;
        /// <summary>On the border, give or take the rounding of EMU and the gap SVG leaves for the arrow's tip.</summary>
        public bool Touches((long X, long Y) p)
        {
            const long slack = 20000;
            var inside = p.X >= Left - slack && p.X <= Left + Width + slack && p.Y >= Top - slack && p.Y <= Top + Height + slack;
            var onSide = Math.Abs(p.X - Left) < slack || Math.Abs(p.X - Left - Width) < slack;
            return inside && (onSide || Math.Abs(p.Y - Top) < slack || Math.Abs(p.Y - Top - Height) < slack);
        }
    }

    /// <summary>One page of a PDF as text, read by poppler's pdftotext (./test.sh installs poppler-utils).</summary>
    private static async Task<string> PdfTextAsync(byte[] pdf, int page)
    {
        var dir = Directory.CreateTempSubdirectory("lianfang-pdf-text-");
        try
        {
            var input = Path.Combine(dir.FullName, "chart.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            var psi = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-f", page.ToString(), "-l", page.ToString(), "-enc", "UTF-8", input, "-" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var text = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, $"pdftotext failed: {await p.StandardError.ReadToEndAsync()}");
            return text;
        }
        finally { dir.Delete(true); }
    }
}

[Collection("sqlite")] public sealed class PowerFlowChartExportTests_Sqlite(SqliteFixture f) : PowerFlowChartExportTests(f);
[Collection("postgres")] public sealed class PowerFlowChartExportTests_Postgres(PostgresFixture f) : PowerFlowChartExportTests(f);
