using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Lianfang.Core.Forms;
using Lianfang.Core.Schemes;
using Lianfang.Web.Office;
using Lianfang.Web.Tests.Infrastructure;
using static Lianfang.Web.Tests.Features.Forms.FormsWorld;

namespace Lianfang.Web.Tests.Features.Forms;

public abstract class ExportApiTests(AppFixture f)
{
    // Built once per database: the tests only read it (the round trips import as dry runs).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFixture, Task<Showcase>> Showcases = new();
    private Task<Showcase> ShowcaseAsync() => Showcases.GetValue(f, x => Showcase.CreateAsync(x, "往返"));

    /// <summary>The fields a form holds: the columns it has (category rows and level tags stand in for missing ones).</summary>
    private static (bool Measures, bool Supervision, bool Responsible, bool Approved, bool Sources) Carries(string scheme, string form)
    {
        var def = form == "detail" ? FormCatalog.Detail : Presets.Find(scheme)!.Forms.Single(x => x.Code == form);
        var fields = def.Columns.Select(FormColumns.Match).ToHashSet();
        return (fields.Contains(FormField.Measures), fields.Contains(FormField.Supervision) || fields.Contains(FormField.SupervisionFocus),
            fields.Contains(FormField.Responsible) || fields.Contains(FormField.Persons),
            fields.Contains(FormField.ApprovedLevel) || !fields.Contains(FormField.Level), fields.Contains(FormField.Sources));
    }

    [Fact]
    public async Task Every_form_exported_in_Word_and_Excel_imports_back_as_the_same_points()
    {
        var s = await ShowcaseAsync();
        var checkedForms = 0;
        foreach (var item in s.Items)
        {
            var originals = (await PointsAsync(f.Observer, item.List)).EnumerateArray().ToList();
            Assert.NotEmpty(originals);
            foreach (var form in item.Forms)
                foreach (var format in new[] { "docx", "xlsx" })
                {
                    var file = await ExportAsync(f.Observer, item.List, form, format);
                    var result = await Upload(item.Writer, item.Target, file, $"导出.{format}", dryRun: true).Expect(HttpStatusCode.OK);
                    var back = result.GetProperty("riskPoints").EnumerateArray().ToList();
                    var what = $"{item.Scheme}/{form}.{format}";
                    Assert.True(originals.Count == back.Count, $"{what}: {originals.Count} points exported, {back.Count} imported");
                    var carries = Carries(item.Scheme, form);
                    foreach (var o in originals)
                    {
                        var d = o.GetProperty("description").GetString();
                        var b = back.SingleOrDefault(x => x.GetProperty("description").GetString() == d);
                        Assert.True(b.ValueKind == JsonValueKind.Object, $"{what}: “{d}” did not come back");
                        AssertSame(what, "categoryCode", o, b);
                        AssertSame(what, "manifestation", o, b);
                        // a printed 审定 comes back as read but is never taken by the writer's import
                        if (carries.Approved) { AssertSame(what, "levelCode", o, b); Assert.Equal(JsonValueKind.Null, b.GetProperty("approvedLevelCode").ValueKind); }
                        else Assert.Equal(Effective(o), b.GetProperty("levelCode").GetString());
                        if (carries.Measures) AssertSame(what, "measures", o, b);
                        if (carries.Supervision) AssertSame(what, "supervision", o, b);
                        if (carries.Responsible) AssertSame(what, "responsible", o, b);
                        if (carries.Sources) AssertSame(what, "sources", o, b);
                    }
                    checkedForms++;
                }
        }
        Assert.Equal(2 * s.Items.Sum(i => i.Forms.Length), checkedForms);
    }

    private static string? Effective(JsonElement p) =>
        p.GetProperty("approvedLevelCode").ValueKind == JsonValueKind.String ? p.GetProperty("approvedLevelCode").GetString() : p.GetProperty("levelCode").GetString();

    private static void AssertSame(string what, string field, JsonElement original, JsonElement back) =>
        Assert.True(original.GetProperty(field).GetRawText() == back.GetProperty(field).GetRawText(),
            $"{what} “{original.GetProperty("description").GetString()}” {field}: {original.GetProperty(field).GetRawText()} ≠ {back.GetProperty(field).GetRawText()}");

    [Fact]
    public async Task Downloads_have_Chinese_file_names_and_the_right_types()
    {
        var s = await ShowcaseAsync();
        var res = await f.Observer.GetAsync($"/api/v1/lists/{s.Items[0].List}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(Xlsx, res.Content.Headers.ContentType!.MediaType);
        var disposition = res.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.EndsWith("市卫生计生委廉洁风险防控清单.xlsx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", res.Content.Headers.GetValues("Content-Disposition").Single());

        var forms = await f.Observer.GetAsync($"/api/v1/lists/{s.Items[0].List}/forms").Expect(HttpStatusCode.OK);
        Assert.Equal(["annex1", "detail"], forms.EnumerateArray().Select(x => x.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Unknown_forms_and_formats_are_refused_and_other_units_lists_are_not_found()
    {
        var s = await ShowcaseAsync();
        var list = s.Items[0].List;
        Assert.Equal(["form"], (await f.Observer.GetAsync($"/api/v1/lists/{list}/export?form=annex9").Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["format"], (await f.Observer.GetAsync($"/api/v1/lists/{list}/export?format=odt").Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var stranger = await f.As((await f.OtherWorldAsync()).Users["commission"]);
        await stranger.GetAsync($"/api/v1/lists/{list}/export").Expect(HttpStatusCode.NotFound);
        await stranger.GetAsync($"/api/v1/reports/summary/export?campaignId={s.LongshengCampaign}&orgUnitId={s.W.U1}").Expect(HttpStatusCode.NotFound);
        await (await f.As(s.W.Users["helper"])).GetAsync($"/api/v1/lists/{list}/export").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Formula_like_values_are_stored_as_literal_text_in_Excel()
    {
        var s = await ShowcaseAsync();
        var xlsx = await ExportAsync(f.Observer, s.Items[1].List, "detail", "xlsx");
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var wb = doc.WorkbookPart!;
        var strings = wb.SharedStringTablePart!.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList();
        var styles = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList();
        // the form's sheet (the file also carries its record on a very hidden one)
        var form = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id!);
        var cells = form.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        Assert.DoesNotContain(cells, c => c.CellFormula is not null);
        foreach (var value in new[] { Showcase.Formula, "-1 元的报销单", "@王芳" })
        {
            var cell = cells.Single(c => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString && strings[int.Parse(c.CellValue!.Text)] == value);
            Assert.True(styles[(int)cell.StyleIndex!.Value].QuotePrefix?.Value, $"{value} is not marked as literal text");
        }
    }

    [Fact]
    public async Task The_summary_counts_a_subtree_per_department_category_and_level()
    {
        var s = await Showcase.CreateAsync(f, "汇总计数"); // its own: the lists are approved here
        async Task<Grid> SummaryAsync() => XlsxReader.Read(new MemoryStream(await (await f.Observer.GetAsync(
            $"/api/v1/reports/summary/export?campaignId={s.LongshengCampaign}&orgUnitId={s.W.U1}&format=xlsx")).Content.ReadAsByteArrayAsync())).Single();
        // 王芳's list is a draft and the department's was returned: nothing is approved, so nothing is counted yet
        Assert.Equal(["财务处", "0", "0"], (await SummaryAsync()).Rows.Single(r => r[0] == "财务处").Cells.Take(3));
        await f.ApproveAsync([.. s.Items.Where(i => i.Scheme == "longsheng-2012").Select(i => i.List).Distinct()]);
        var grid = await SummaryAsync();
        var text = grid.Rows.Select(r => string.Join("|", r.Cells)).ToList();
        Assert.Contains(text, t => t.StartsWith("廉政风险识别、防控、监督汇总表（部门）")); // the county's name only for its own units
        // 财务处: 王芳's 5 points (4 rated in the three categories) and the department's 3; 王芳 and the head took part.
        var finance = grid.Rows.Single(r => r[0] == "财务处").Cells;
        var total = grid.Rows.Single(r => r[0] == "总合计").Cells;
        Assert.Equal("2", finance[1]);
        Assert.Equal("8", finance[2]);
        Assert.Equal(finance.Skip(1).ToArray(), total.Skip(1).ToArray());
        Assert.Equal("0", grid.Rows.Single(r => r[0] == "办公室").Cells[2]);
        var header = grid.Rows.First(r => r[0] == "填报单位（科室）").Cells;
        Assert.Equal(["填报单位（科室）", "参与查找人数（人）", "三类风险合计（个）"], header.Take(3));
        Assert.Contains("1．思想道德风险点", header);
    }
}

[Collection("sqlite")] public sealed class ExportApiTests_Sqlite(SqliteFixture f) : ExportApiTests(f);
[Collection("postgres")] public sealed class ExportApiTests_Postgres(PostgresFixture f) : ExportApiTests(f);
