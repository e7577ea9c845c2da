using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Lianfang.Core.Schemes;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Lianfang.Web.Tests.Features.Forms.FormsWorld;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// Issue 17: every official form of the five presets, exported in Word and Excel, compared cell by cell with its seed
/// attachment (<see cref="SeedAttachments"/>); and the round trip through Word and Excel keeping what the forms do not print.
/// </summary>
public abstract partial class SeedFidelityTests(AppFixture f)
{
    // Read only by the tests that share it; the world is named 龙胜县… so 003's forms print the county's name as the seed does.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFixture, Task<Showcase>> Showcases = new();
    private Task<Showcase> ShowcaseAsync() => Showcases.GetValue(f, x => Showcase.CreateAsync(x, "龙胜县对照"));

    private static Scheme Scheme(string code) => Presets.Find(code)!;

    /// <summary>The printed category of each of the list's points, and whether its rows are signed one by one (001 注2).</summary>
    private async Task<ListContent> ContentAsync(Showcase.Item item, string form)
    {
        var scheme = Scheme(item.Scheme);
        var def = scheme.Forms.Single(x => x.Code == form);
        var points = (await PointsAsync(f.Observer, item.List)).EnumerateArray();
        return new ListContent(points.Select(p => def.CategoryName(scheme, p.GetProperty("categoryCode").GetString()!)).ToList(),
            RowsSigned: item.Scheme == "shaoxing-health-2018");
    }

    /// <summary>Both files compared with the seed; kept in artifacts/forms as seed-… for people to look at.</summary>
    private static List<string> CompareBoth(SeedAttachment seed, byte[] docx, byte[] xlsx, ListContent? content, string what)
    {
        var keep = Path.Combine(ExportReadBackTests.Artifacts(), $"seed-{what.Replace('/', '-')}");
        File.WriteAllBytes(keep + ".docx", docx);
        File.WriteAllBytes(keep + ".xlsx", xlsx);
        return
        [
            .. SeedComparison.Compare(seed, PrintedForm.FromDocx(docx), content, $"{what}.docx"),
            .. SeedComparison.Compare(seed, PrintedForm.FromXlsx(xlsx), content, $"{what}.xlsx"),
        ];
    }

    [Fact]
    public async Task Every_official_list_form_prints_its_seed_attachment_cell_by_cell_in_Word_and_Excel()
    {
        var s = await ShowcaseAsync();
        var diffs = new List<string>();
        var compared = new HashSet<SeedAttachment>();
        foreach (var item in s.Items)
            foreach (var form in item.Forms.Where(x => x != "detail"))
            {
                var seed = SeedAttachments.ListForms.Single(x => x.Scheme == item.Scheme && x.Form == form);
                var docx = await ExportAsync(f.Observer, item.List, form, "docx");
                var xlsx = await ExportAsync(f.Observer, item.List, form, "xlsx");
                diffs.AddRange(CompareBoth(seed, docx, xlsx, await ContentAsync(item, form), $"{item.Scheme}/{form}"));
                compared.Add(seed);
            }
        Assert.True(diffs.Count == 0, string.Join("\n", diffs));
        Assert.Equal(SeedAttachments.ListForms.Length, compared.Count);
    }

    [Fact]
    public async Task The_comparison_fails_on_a_cell_the_seed_prints_differently()
    {
        var s = await ShowcaseAsync();
        var item = s.Items.Single(i => i.Scheme == "sanjiang-2019" && i.Forms.Contains("annex3"));
        var docx = await ExportAsync(f.Observer, item.List, "annex3", "docx");
        var xlsx = await ExportAsync(f.Observer, item.List, "annex3", "xlsx");
        var content = await ContentAsync(item, "annex3");
        List<string> Both(SeedAttachment seed, string what) =>
        [
            .. SeedComparison.Compare(seed, PrintedForm.FromDocx(docx), content, $"{what}.docx"),
            .. SeedComparison.Compare(seed, PrintedForm.FromXlsx(xlsx), content, $"{what}.xlsx"),
        ];
        Assert.Empty(Both(SeedAttachments.Post004, "as printed"));

        // one wrong cell each: a header cell, a category, a line of an opinion cell, the line under the table, a field
        var header = SeedAttachments.Post004.Header.Select(r => r.ToArray()).ToArray();
        header[0][3] = header[0][3] with { Text = "防控办法" };
        var wrong = new[]
        {
            (SeedAttachments.Post004 with { Header = header }, "column header row 1"),
            (SeedAttachments.Post004 with { Categories = ["思想意识风险", .. SeedAttachments.Post004.Categories[1..]] }, "风险类别 column"),
            (SeedAttachments.Post004 with { Closing = [("单位审核意见", ["单位负责人签字：", "年月日"]), SeedAttachments.Post004.Closing[1]] }, "closing row 1"),
            (SeedAttachments.Post004 with { SignLines = [["责任人签字：", "填表日期：年月日"]] }, "line 1 under the table"),
            (SeedAttachments.Post004 with
                { Fields = [.. SeedAttachments.Post004.Fields.Take(2), [new SeedCell("", 1, Merge.Continue), new SeedCell("职责"), new SeedCell(null)]] },
                "header field row 3"),
            (SeedAttachments.Post004 with { Blank = ["1.", "2."] }, "rows of 工作流程风险 (no points)"),
        };
        foreach (var (seed, where) in wrong)
        {
            var diffs = Both(seed, "wrong");
            Assert.Contains(diffs, d => d.StartsWith($"wrong.docx {where}"));
            Assert.Contains(diffs, d => d.StartsWith($"wrong.xlsx {where}"));
        }
    }

    [Fact]
    public async Task The_summary_and_the_power_catalog_print_their_seed_attachments_cell_by_cell()
    {
        var s = await Showcase.CreateAsync(f, "龙胜县汇总"); // its own: the lists are approved here
        var lists = s.Items.Where(i => i.Scheme == "longsheng-2012").Select(i => i.List).Distinct().ToArray();
        // approved as they stand, but rated first as submitting demands (a 未定级 point would add the summary a 未定级 column)
        await f.App.WithDbAsync(db => db.RiskPoints.Where(p => lists.Contains(p.ListId) && p.LevelCode == Lianfang.Core.Schemes.Scheme.UnratedCode)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.LevelCode, "level3")));
        await f.ApproveAsync(lists);
        async Task<byte[]> Get(string url)
        {
            var res = await f.Observer.GetAsync(url);
            Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
            return await res.Content.ReadAsByteArrayAsync();
        }
        var summary = $"/api/v1/reports/summary/export?campaignId={s.LongshengCampaign}&orgUnitId={s.W.U1}";
        var diffs = CompareBoth(SeedAttachments.Summary003, await Get(summary + "&format=docx"), await Get(summary + "&format=xlsx"), null,
            "longsheng-2012/annex9");

        var office = await f.As(s.W.Users["party_office"]);
        foreach (var (category, name) in new[] { ("Penalty", "对非法行医的处罚"), ("Penalty", "对违规医疗广告的处罚"), ("Licensing", "医疗机构执业许可") })
            await office.Post("/api/v1/powers", new { orgUnitId = s.W.U1, category, name, subject = "卫健委" }).Expect(HttpStatusCode.Created);
        var powers = $"/api/v1/org-units/{s.W.U1}/powers/export";
        var catalog = await Get(powers + "?form=annex1&format=docx");
        diffs.AddRange(CompareBoth(SeedAttachments.Powers003Catalog, catalog, await Get(powers + "?form=annex1&format=xlsx"), null,
            "longsheng-2012/powers-annex1"));
        diffs.AddRange(CompareBoth(SeedAttachments.Powers003Detail, await Get(powers + "?form=annex2&category=Penalty&format=docx"),
            await Get(powers + "?form=annex2&category=Penalty&format=xlsx"), null, "longsheng-2012/powers-annex2"));
        Assert.True(diffs.Count == 0, string.Join("\n", diffs));
        // the counts the seed leaves as ×××, and the items under their category
        var rows = PrintedForm.FromDocx(catalog).Rows.Select(r => string.Join("|", r.Select(c => c.Text))).ToList();
        Assert.Equal(["一|行政许可(含非许可行政审批)|共1项", "1||医疗机构执业许可", "二|行政处罚|共2项", "1||对非法行医的处罚", "2||对违规医疗广告的处罚", "三|行政征收|共0项"],
            rows.Skip(1).Take(6));
    }

    [Fact]
    public async Task The_sample_of_001_attachment_2_prints_as_the_seed_prints_its_row()
    {
        var w = await World.CreateAsync(f, "样表");
        var list = await ListAsync(f, await CampaignAsync(f, w, "shaoxing-health-2018"), "Department", w.D1);
        var sample = Scheme("shaoxing-health-2018").Samples.Single();
        var head = await f.As(w.Users["dept_head"]);
        await head.Post($"/api/v1/lists/{list}/risk-points", new
        {
            categoryCode = "power", description = sample.Description, levelCode = "important",
            measures = sample.Measures.Select(m => new { text = m }),
            supervision = new { focus = string.Join("\n", sample.Supervision.Select((x, i) => $"{i + 1}.{x}")) },
        }).Expect(HttpStatusCode.Created);
        foreach (var format in new[] { "docx", "xlsx" })
        {
            var file = await ExportAsync(f.Observer, list, "annex1", format);
            var form = format == "docx" ? PrintedForm.FromDocx(file) : PrintedForm.FromXlsx(file);
            Assert.Empty(SeedComparison.Compare(SeedAttachments.Health001, form, new ListContent(["权力运行廉洁风险"]), format));
            var row = form.Rows[form.HeaderStart + form.HeaderCount].Select(c => Numbered(c.Text)).ToList();
            // the seed numbers its lines “1. ” and “3.” alike; the export “1．”
            Assert.Equal(SeedAttachments.Health001SampleRow.Select(Numbered), row);
        }
    }

    private static string Numbered(string text) => SeedComparison.Words(ItemNumber().Replace(text, "$1."));

    [GeneratedRegex(@"(?m)^(\d+)[.．]\s*")] private static partial Regex ItemNumber();

    [Fact]
    public async Task An_export_edited_in_Word_or_Excel_imports_with_the_categories_and_measure_kinds_of_rows_left_as_they_were()
    {
        var w = await World.CreateAsync(f, "往返编辑");
        var campaign = await CampaignAsync(f, w, "shaoxing-2018");
        var staff = await f.As(w.Users["staff"]);
        var list = await ListAsync(f, campaign, "Post", w.D1, w.X1);
        // the text names no category: only the form's record knows them, and the kinds of the measures
        object Point(string category, string description, string measure, string kind) => new
        {
            categoryCode = category, description, levelCode = "general",
            measures = new[] { new { text = measure, kind }, new { text = "每季度抽查一次", kind = "工作流程" } },
            responsible = new { leader = "孙伟", persons = new[] { "王芳" } },
        };
        await staff.Post($"/api/v1/lists/{list}/risk-points", Point("decision", "大额支出未经集体研究即拨付", "修订资金拨付审批办法", "制度建设")).Expect(HttpStatusCode.Created);
        await staff.Post($"/api/v1/lists/{list}/risk-points", Point("conduct", "借出差之机游山玩水", "出差行程报备", "廉洁教育")).Expect(HttpStatusCode.Created);
        await staff.Post($"/api/v1/lists/{list}/risk-points", Point("mechanism", "固定资产长期无人盘点", "建立资产年度盘点制度", "制度建设")).Expect(HttpStatusCode.Created);
        var target = await ListAsync(f, await CampaignAsync(f, w, "shaoxing-2018", w.U1), "Post", w.D1, w.X1);

        foreach (var format in new[] { "docx", "xlsx" })
        {
            var exported = await ExportAsync(staff, list, "annex1", format);
            Assert.DoesNotContain("〔", string.Join("", PrintedForm.From(exported, format).Rows.SelectMany(r => r).Select(c => c.Text)));
            // untouched, and after an office suite (here LibreOffice) saved it again: everything comes back
            var saved = (await LibreOffice.ConvertAsync(format == "docx" ? "docx:MS Word 2007 XML" : "xlsx:Calc MS Excel 2007 XML", format,
                new Dictionary<string, byte[]> { ["清单." + format] = exported }))["清单." + format];
            foreach (var file in new[] { exported, Convert.FromBase64String(saved) })
            {
                var back = (await Upload(staff, target, file, "清单." + format, dryRun: true).Expect(HttpStatusCode.OK))
                    .GetProperty("riskPoints").EnumerateArray().ToList();
                Assert.Equal(["decision", "conduct", "mechanism"], back.Select(p => p.GetProperty("categoryCode").GetString()));
                Assert.Equal(["制度建设", "工作流程", "廉洁教育", "工作流程", "制度建设", "工作流程"], back.SelectMany(Kinds));
            }

            // the user rewrites the second row's description and adds a row of their own
            var edited = format == "docx" ? EditDocx(exported) : EditXlsx(exported);
            var result = await Upload(staff, target, edited, "清单." + format, dryRun: true).Expect(HttpStatusCode.OK);
            var points = result.GetProperty("riskPoints").EnumerateArray().ToList();
            Assert.Equal(["大额支出未经集体研究即拨付", "借出差之机游山玩水，公款旅游", "固定资产长期无人盘点", "招待费超标准报销"],
                points.Select(p => p.GetProperty("description").GetString()));
            Assert.Equal(["Recorded", "Unclassified", "Recorded", "Unclassified"],
                result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("categorySource").GetString()));
            Assert.Equal(["decision", "unclassified", "mechanism", "unclassified"], points.Select(p => p.GetProperty("categoryCode").GetString()));
            // the changed row is read as printed: its measures without the kinds the record kept for the old text
            Assert.Equal([["制度建设", "工作流程"], [null, null], ["制度建设", "工作流程"], [null]], points.Select(p => Kinds(p).ToArray()));
        }
    }

    private static IEnumerable<string?> Kinds(JsonElement p) => p.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("kind").GetString());

    private static byte[] EditDocx(byte[] file)
    {
        using var ms = new MemoryStream();
        ms.Write(file);
        using (var doc = WordprocessingDocument.Open(ms, true))
        {
            var table = doc.MainDocumentPart!.Document.Body!.Elements<W.Table>().Last();
            var rows = table.Elements<W.TableRow>().ToList();
            rows[2].Elements<W.TableCell>().ElementAt(1).Descendants<W.Text>().First().Text = "借出差之机游山玩水，公款旅游";
            var added = (W.TableRow)rows[^1].CloneNode(true);
            foreach (var (cell, text) in added.Elements<W.TableCell>().Zip(new[] { "4", "招待费超标准报销", "严格执行接待标准", "", "一般", "责任人员：王芳" }))
            {
                foreach (var p in cell.Elements<W.Paragraph>().Skip(1).ToList()) p.Remove();
                var para = cell.Elements<W.Paragraph>().First();
                foreach (var run in para.Elements<W.Run>().ToList()) run.Remove();
                para.Append(new W.Run(new W.Text(text)));
            }
            table.Append(added);
        }
        return ms.ToArray();
    }

    private static byte[] EditXlsx(byte[] file)
    {
        using var ms = new MemoryStream();
        ms.Write(file);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            var wb = doc.WorkbookPart!;
            var strings = wb.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToList();
            var ws = ((WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<S.Sheet>().First().Id!)).Worksheet;
            string Text(S.Cell c) => c.DataType?.Value == S.CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text)] : c.InnerText;
            var rows = ws.GetFirstChild<S.SheetData>()!.Elements<S.Row>().ToList();
            var second = rows.Single(r => r.Elements<S.Cell>().Any(c => Text(c) == "借出差之机游山玩水"));
            var cell = second.Elements<S.Cell>().ElementAt(1);
            (cell.DataType, cell.CellValue, cell.InlineString) = (S.CellValues.InlineString, null, new S.InlineString(new S.Text("借出差之机游山玩水，公款旅游")));

            // a row typed under the last one: what lies below moves down a row, merged ranges too
            var last = rows.Last(r => r.Elements<S.Cell>().FirstOrDefault() is { } a && Regex.IsMatch(Text(a), @"^\d+$"));
            var index = last.RowIndex!.Value + 1;
            string Down(string reference) => Regex.Replace(reference, @"([A-Z]+)(\d+)",
                x => int.Parse(x.Groups[2].Value) is var n && n >= index ? $"{x.Groups[1].Value}{n + 1}" : x.Value);
            foreach (var later in rows.Where(r => r.RowIndex!.Value >= index))
            {
                later.RowIndex = later.RowIndex!.Value + 1;
                foreach (var c in later.Elements<S.Cell>()) c.CellReference = Down(c.CellReference!.Value!);
            }
            foreach (var m in ws.Descendants<S.MergeCell>()) m.Reference = Down(m.Reference!.Value!);
            var added = new S.Row { RowIndex = index };
            foreach (var (text, i) in new[] { "4", "招待费超标准报销", "严格执行接待标准", "", "一般", "责任人员：王芳" }.Select((t, i) => (t, i)))
                added.Append(new S.Cell
                {
                    CellReference = $"{(char)('A' + i)}{index}", DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(text)),
                });
            last.InsertAfterSelf(added);
        }
        return ms.ToArray();
    }
}

[Collection("sqlite")] public sealed class SeedFidelityTests_Sqlite(SqliteFixture f) : SeedFidelityTests(f);
[Collection("postgres")] public sealed class SeedFidelityTests_Postgres(PostgresFixture f) : SeedFidelityTests(f);
