using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Lianfang.Core.Schemes;
using Lianfang.Web.Tests.Infrastructure;
using static Lianfang.Web.Tests.Features.Forms.FormsWorld;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// Issue 21: a unit's own Word/Excel form. The built-in forms download as templates that, uploaded unchanged, export the
/// same text; a template with another layout puts every value where it says; bad templates are refused with the reason;
/// versions are kept and an export says which it used; a copied scheme carries its forms.
/// </summary>
public abstract class FormTemplateTests(AppFixture f)
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFixture, Task<Showcase>> Showcases = new();
    private Task<Showcase> ShowcaseAsync() => Showcases.GetValue(f, x => Showcase.CreateAsync(x, "龙胜县模板"));

    private static string Code(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..6]}";

    public static Task<HttpResponseMessage> UploadTemplate(HttpClient c, string scheme, byte[] bytes, string name, string code, string title,
        string? forScope = null, int? orgUnitId = null, string query = "")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx") ? Xlsx : Docx);
        content.Add(file, "file", name);
        content.Add(new StringContent(code), "code");
        content.Add(new StringContent(title), "title");
        if (forScope is not null) content.Add(new StringContent(forScope), "for");
        if (orgUnitId is not null) content.Add(new StringContent(orgUnitId.Value.ToString()), "orgUnitId");
        return c.PostAsync($"/api/v1/schemes/{scheme}/forms/templates{query}", content);
    }

    private static async Task<byte[]> BytesAsync(Task<HttpResponseMessage> request)
    {
        var res = await request;
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_built_in_form_downloaded_as_a_template_and_uploaded_unchanged_exports_the_same_text()
    {
        var s = await ShowcaseAsync();
        var office = await f.As(s.W.Users["party_office"]);
        var compared = 0;
        foreach (var item in s.Items)
            foreach (var form in item.Forms)
                foreach (var format in new[] { "docx", "xlsx" })
                {
                    Func<byte[], string> text = format == "docx" ? DocText.OfDocx : DocText.OfXlsx;
                    var template = await BytesAsync(office.GetAsync($"/api/v1/schemes/{item.Scheme}/forms/{form}/template?format={format}"));
                    Assert.Contains("{{风险点.", text(template));
                    var code = Code("same");
                    var saved = await UploadTemplate(office, item.Scheme, template, $"{form}.{format}", code, $"{form} 本单位式样").Expect(HttpStatusCode.Created);
                    Assert.Equal(form, saved.GetProperty("baseForm").GetString());
                    var builtIn = text(await ExportAsync(f.Observer, item.List, form, format));
                    var own = text(await ExportAsync(f.Observer, item.List, code, format));
                    Assert.True(builtIn == own, $"{item.Scheme}/{form}.{format}: the re-uploaded template differs from the built-in form\n{DocText.FirstDifference(builtIn, own)}");
                    compared++;
                }
        Assert.True(compared >= 24, $"only {compared} forms compared");
    }

    [Fact]
    public async Task A_unit_template_with_its_own_layout_puts_every_value_where_it_says_and_LibreOffice_reads_them()
    {
        var s = await ShowcaseAsync();
        var item = s.Items.First(i => i.Scheme == "shaoxing-health-2018"); // signed by the head and the leader, rows signed
        var office = await f.As(s.W.Users["party_office"]);
        var code = Code("county");
        var saved = await UploadTemplate(office, item.Scheme, UnitTemplates.CountyDocx(), "县式样.docx", code, "示范县岗位廉政风险登记表", "Department")
            .Expect(HttpStatusCode.Created);
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.Equal("annex1", saved.GetProperty("baseForm").GetString()); // the scheme's form for departments lends its wording

        var forms = await f.Observer.GetAsync($"/api/v1/lists/{item.List}/forms").Expect(HttpStatusCode.OK);
        var listed = forms.EnumerateArray().Single(x => x.GetProperty("code").GetString() == code);
        Assert.Equal("uploaded", listed.GetProperty("source").GetString());

        var docx = await ExportAsync(f.Observer, item.List, code, "docx");
        var scheme = Presets.Find(item.Scheme)!;
        var points = (await PointsAsync(f.Observer, item.List)).EnumerateArray().ToList();
        // the header row, then a row per point (and, as on the scheme's form, a blank row under each category with none)
        var rows = DocText.DocxRows(docx).Where(r => r.Length == 5).Skip(1).Where(r => r[1].Length > 0).ToList();
        Assert.Equal(points.Count, rows.Count);
        var list = await f.Observer.GetAsync($"/api/v1/lists/{item.List}").Expect(HttpStatusCode.OK);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var point = points.Single(p => row[1].Contains(p.GetProperty("description").GetString()!));
            var level = point.GetProperty("approvedLevelCode").ValueKind == JsonValueKind.String ? point.GetProperty("approvedLevelCode").GetString()! : point.GetProperty("levelCode").GetString()!;
            Assert.Equal(scheme.Level(level)!.Name, row[0]);
            Assert.Contains(point.GetProperty("measures")[0].GetProperty("text").GetString()!, row[3]);
            Assert.Equal((i + 1).ToString(), row[4]);
        }
        var text = DocText.OfDocx(docx);
        var unitId = list.GetProperty("orgUnitId").GetInt32();
        var unit = await f.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Name)));
        Assert.Contains($"单位：{unit}　　排查：2026年度排查（{item.Scheme}）", text);
        Assert.Matches(@"处室负责人：\S+　日期：\d{4}年\d{1,2}月\d{1,2}日　验证码：[A-Z0-9]{4,}", text); // the head signed at 处室审签
        Assert.DoesNotContain("{{", text);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
            Assert.Equal($"lianfang-template:{code}:v1", doc.PackageProperties.Keywords);

        // LibreOffice reads the same values in the template's order: 等级, 描述, 类别, 措施, 序号 along each row
        var txt = (await LibreOffice.ConvertAsync(LibreOffice.Text, "txt", new Dictionary<string, byte[]> { ["county.docx"] = docx }))["county.docx"];
        var lines = txt.Split('\n').Select(l => l.Trim()).ToList();
        foreach (var row in rows)
        {
            var at = lines.FindIndex(l => l == row[1].Split('\n')[0].Trim());
            Assert.True(at > 0, $"LibreOffice did not read “{row[1]}”");
            Assert.Equal(row[0], lines[at - 1]);
        }
        Directory.CreateDirectory(ExportReadBackTests.Artifacts());
        File.WriteAllBytes(Path.Combine(ExportReadBackTests.Artifacts(), "template-county.docx"), UnitTemplates.CountyDocx());
        File.WriteAllBytes(Path.Combine(ExportReadBackTests.Artifacts(), "template-county-filled.docx"), docx);

        // the trail records the export with the version it used
        var events = await f.Auditor.GetAsync("/api/v1/audit?entityType=FormTemplate").Expect(HttpStatusCode.OK);
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "Export"
            && e.GetProperty("changes").ToString().Contains(code));
    }

    [Fact]
    public async Task The_seeds_Excel_form_with_columns_swapped_a_new_title_and_an_extra_field_fills_each_value_where_the_unit_put_it()
    {
        var s = await ShowcaseAsync();
        var item = s.Items.First(i => i.Scheme == "shaoxing-health-2018");
        var office = await f.As(s.W.Users["party_office"]);
        var template = await BytesAsync(office.GetAsync($"/api/v1/schemes/{item.Scheme}/forms/annex1/template?format=xlsx"));
        var own = UnitTemplates.Rearranged(template, "示范县卫健委廉洁风险防控清单（县式样）", "排查：{{排查}}");
        var code = Code("county-xlsx");
        await UploadTemplate(office, item.Scheme, own, "县式样.xlsx", code, "县式样清单").Expect(HttpStatusCode.Created);
        var xlsx = await ExportAsync(f.Observer, item.List, code, "xlsx");
        var csv = LibreOffice.ParseCsv((await LibreOffice.ConvertAsync(LibreOffice.Csv, "csv", new Dictionary<string, byte[]> { ["own.xlsx"] = xlsx }))["own.xlsx"]);
        Assert.Contains(csv, r => r.Any(c => c.Contains("示范县卫健委廉洁风险防控清单（县式样）")));
        Assert.Contains(csv, r => r.Any(c => c.EndsWith($"\n排查：2026年度排查（{item.Scheme}）")));
        var header = csv.First(r => r.Contains("序号"));
        var (descriptionAt, measuresAt) = (Array.FindIndex(header, c => c.Contains("风险点描述")), Array.FindIndex(header, c => c.Contains("防控措施")));
        Assert.True(measuresAt < descriptionAt, "the unit put 防控措施 before the description");
        foreach (var point in (await PointsAsync(f.Observer, item.List)).EnumerateArray())
        {
            var row = csv.Single(r => r.Length > descriptionAt && r[descriptionAt].Contains(point.GetProperty("description").GetString()!));
            Assert.Contains(point.GetProperty("measures")[0].GetProperty("text").GetString()!, row[measuresAt]);
        }
    }

    [Fact]
    public async Task A_template_with_measure_fields_prints_a_line_per_measure_with_the_point_merged_over_them()
    {
        var s = await ShowcaseAsync();
        var item = s.Items.First(i => i.Scheme == "shaoxing-health-2018");
        var office = await f.As(s.W.Users["party_office"]);
        var code = Code("measures");
        await UploadTemplate(office, item.Scheme, UnitTemplates.CountyDocx(level: "{{措施.序号}}", measures: "{{措施.内容}}", seq: "{{措施.时限}}"), "措施.docx", code, "逐项措施表")
            .Expect(HttpStatusCode.Created);
        var docx = await ExportAsync(f.Observer, item.List, code, "docx");
        var points = (await PointsAsync(f.Observer, item.List)).EnumerateArray().ToList();
        var rows = DocText.DocxRows(docx).Where(r => r.Length == 5).Skip(1).Where(r => r[3].Length > 0).ToList();
        Assert.Equal(points.Sum(p => p.GetProperty("measures").GetArrayLength()), rows.Count);
        foreach (var p in points)
        {
            var measures = p.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
            var first = rows.FindIndex(r => r[3] == measures[0]);
            Assert.True(first >= 0, $"no line for “{measures[0]}”");
            Assert.Contains(p.GetProperty("description").GetString()!, rows[first][1]);
            for (var m = 1; m < measures.Count; m++)
            {
                Assert.Equal(measures[m], rows[first + m][3]);
                Assert.Equal((m + 1).ToString(), rows[first + m][0]);
                Assert.Equal("", rows[first + m][1]); // the description cell continues the merge
            }
        }
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Contains(doc.MainDocumentPart!.Document!.Body!.Descendants<W.VerticalMerge>(), v => v.Val?.Value == W.MergedCellValues.Continue);
    }

    [Fact]
    public async Task A_new_upload_under_the_same_code_is_the_next_version_and_exports_use_it()
    {
        var s = await ShowcaseAsync();
        var item = s.Items.First(i => i.Scheme == "shaoxing-health-2018");
        var office = await f.As(s.W.Users["party_office"]);
        var code = Code("versions");
        await UploadTemplate(office, item.Scheme, UnitTemplates.CountyDocx(), "v1.docx", code, "版本一").Expect(HttpStatusCode.Created);
        var second = await UploadTemplate(office, item.Scheme, UnitTemplates.CountyDocx(title: "示范县登记表（修订）"), "v2.docx", code, "版本二")
            .Expect(HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        var versions = (await office.GetAsync($"/api/v1/schemes/{item.Scheme}/forms/templates").Expect(HttpStatusCode.OK))
            .EnumerateArray().Where(t => t.GetProperty("code").GetString() == code).Select(t => t.GetProperty("version").GetInt32()).ToList();
        Assert.Equal([2, 1], versions);
        var docx = await ExportAsync(f.Observer, item.List, code, "docx");
        Assert.Contains("示范县登记表（修订）", DocText.OfDocx(docx));
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Equal($"lianfang-template:{code}:v2", doc.PackageProperties.Keywords);
        // the first version, as uploaded
        var first = await BytesAsync(office.GetAsync($"/api/v1/schemes/{item.Scheme}/forms/templates/{second.GetProperty("id").GetInt32() - 1}"));
        Assert.Contains("{{风险点.描述}}", DocText.OfDocx(first).Replace("{{风险点.\n", "{{风险点."), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_fills_the_upload_with_a_real_list_and_saves_nothing()
    {
        var s = await ShowcaseAsync();
        var item = s.Items.First(i => i.Scheme == "shaoxing-health-2018");
        var office = await f.As(s.W.Users["party_office"]);
        var code = Code("preview");
        var filled = await BytesAsync(UploadTemplate(office, item.Scheme, UnitTemplates.CountyDocx(), "预览.docx", code, "预览", query: $"?preview=true&listId={item.List}"));
        var description = (await PointsAsync(f.Observer, item.List))[0].GetProperty("description").GetString()!;
        Assert.Contains(description, DocText.OfDocx(filled));
        var templates = await office.GetAsync($"/api/v1/schemes/{item.Scheme}/forms/templates").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(templates.EnumerateArray(), t => t.GetProperty("code").GetString() == code);
        // without a list named, the latest list of the scheme with points
        var any = await BytesAsync(UploadTemplate(office, item.Scheme, UnitTemplates.CountyDocx(), "预览.docx", code, "预览", query: "?preview=true"));
        Assert.DoesNotContain("{{", DocText.OfDocx(any));
    }

    [Theory]
    [InlineData("unknown", "表格 1 第 2 行第 2 格：“{{风险点.描叙}}”不是可用的字段")]
    [InlineData("two-rows", "只能有一行逐条重复")]
    [InlineData("outside", "只能写在表格中逐条重复的那一行")]
    [InlineData("no-row", "没有逐条重复的行")]
    [InlineData("macro", "宏")]
    [InlineData("code", "内置表格")]
    public async Task A_bad_template_is_refused_with_the_reason_and_nothing_is_saved(string bad, string reason)
    {
        var s = await ShowcaseAsync();
        var office = await f.As(s.W.Users["party_office"]);
        var (bytes, name, code) = bad switch
        {
            "unknown" => (UnitTemplates.CountyDocx(description: "{{风险点.描叙}}"), "t.docx", Code("bad")),
            "two-rows" => (UnitTemplates.CountyDocx(secondRow: true), "t.docx", Code("bad")),
            "outside" => (UnitTemplates.CountyDocx(header: "单位：{{单位}} {{风险点.描述}}"), "t.docx", Code("bad")),
            "no-row" => (UnitTemplates.CountyDocx(description: "描述", level: "等级", measures: "措施", seq: "序号", category: "类别"), "t.docx", Code("bad")),
            "macro" => (UnitTemplates.WithMacros(UnitTemplates.CountyDocx()), "t.docx", Code("bad")),
            _ => (UnitTemplates.CountyDocx(), "t.docx", "annex1"),
        };
        var res = await UploadTemplate(office, "shaoxing-health-2018", bytes, name, code, "坏模板");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains(reason, await res.Content.ReadAsStringAsync());
        var templates = await office.GetAsync("/api/v1/schemes/shaoxing-health-2018/forms/templates").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(templates.EnumerateArray(), t => t.GetProperty("code").GetString() == code && t.GetProperty("title").GetString() == "坏模板");
    }

    [Fact]
    public async Task The_scheme_page_lists_the_forms_and_the_upload_shows_each_problem_then_saves_a_version()
    {
        var s = await ShowcaseAsync();
        var page = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        var doc = await page.GetAsync("/Forms/Templates?scheme=longsheng-2012");
        var link = doc.QuerySelector("a[href='/Forms/Templates?scheme=longsheng-2012&handler=BuiltIn&form=annex5&format=docx']");
        Assert.NotNull(link);
        Assert.Contains("{{风险点.", DocText.OfDocx(await (await page.Http.GetAsync(link.GetAttribute("href"))).Content.ReadAsByteArrayAsync()));
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<HttpResponseMessage> Post(byte[] bytes, string code, bool preview = false)
        {
            var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(code), "Input.Code" }, { new StringContent("页面上传"), "Input.Title" },
                { new ByteArrayContent(bytes), "file", "县式样.docx" },
            };
            if (preview) content.Add(new StringContent("true"), "preview");
            return await page.Http.PostAsync("/Forms/Templates?scheme=longsheng-2012", content);
        }
        var bad = await Post(UnitTemplates.CountyDocx(description: "{{风险点.描叙}}", secondRow: true), Code("page"));
        var errors = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync()).QuerySelectorAll("#template-errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("表格 1 第 2 行第 2 格：“{{风险点.描叙}}”不是可用的字段"));
        Assert.Contains(errors, e => e.Contains("只能有一行逐条重复"));

        var preview = await Post(UnitTemplates.CountyDocx(), Code("page"), preview: true);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType!.MediaType);
        await File.WriteAllBytesAsync(Path.Combine(ExportReadBackTests.Artifacts(), "template-county-preview.pdf"), await preview.Content.ReadAsByteArrayAsync());

        var code = Code("page");
        var saved = await Post(UnitTemplates.CountyDocx(), code);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await page.GetAsync("/Forms/Templates?scheme=longsheng-2012");
        var row = after.QuerySelectorAll("#forms tbody tr").Single(r => r.TextContent.Contains(code));
        Assert.Contains("单位上传", row.TextContent);
        Assert.Contains("第 1 版", row.TextContent);
    }

    [Fact]
    public async Task A_copied_scheme_carries_its_templates_and_other_units_do_not_see_them()
    {
        var s = await ShowcaseAsync();
        var office = await f.As(s.W.Users["party_office"]);
        var code = Code("carried");
        await UploadTemplate(office, "longsheng-2012", UnitTemplates.CountyDocx(), "t.docx", code, "随方案复制").Expect(HttpStatusCode.Created);
        var copy = $"copy-{Guid.NewGuid().ToString("N")[..6]}";
        await office.Post("/api/v1/schemes", new { basedOn = "longsheng-2012", code = copy, name = "本单位方案（复制）", orgUnitId = s.W.U1 }).Expect(HttpStatusCode.Created);
        var carried = await office.GetAsync($"/api/v1/schemes/{copy}/forms/templates").Expect(HttpStatusCode.OK);
        Assert.Contains(carried.EnumerateArray(), t => t.GetProperty("code").GetString() == code);

        // a unit elsewhere neither sees the template nor may give the unit forms
        var other = await World.CreateAsync(f, "模板他处");
        var stranger = await f.As(other.Users["party_office"]);
        var seen = await stranger.GetAsync("/api/v1/schemes/longsheng-2012/forms/templates").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(seen.EnumerateArray(), t => t.GetProperty("code").GetString() == code);
        var intruder = Code("x");
        var refused = await UploadTemplate(stranger, "longsheng-2012", UnitTemplates.CountyDocx(), "t.docx", intruder, "越权", orgUnitId: s.W.U1);
        Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{refused.StatusCode}");
        Assert.Contains("orgUnitId", await refused.Content.ReadAsStringAsync());
        var mine = await office.GetAsync("/api/v1/schemes/longsheng-2012/forms/templates").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(mine.EnumerateArray(), t => t.GetProperty("code").GetString() == intruder);
    }
}

/// <summary>Templates as a unit makes them in Word: its own title and order, placeholders Word split over runs.</summary>
public static class UnitTemplates
{
    public static byte[] CountyDocx(string title = "示范县岗位廉政风险防控登记表（本县式样）", string header = "单位：{{单位}}　　排查：{{排查}}",
        string level = "{{风险点.等级}}", string description = "{{风险点.描述}}", string category = "{{风险点.类别}}",
        string measures = "{{风险点.防控措施}}", string seq = "{{风险点.序号}}", bool secondRow = false)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var table = new W.Table(new W.TableProperties(new W.TableBorders(
                    new W.TopBorder { Val = W.BorderValues.Single, Size = 4 }, new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 }, new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 }, new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 })),
                Row(["风险等级"], ["风险点描述"], ["风险类别"], ["防控措施"], ["序号"]),
                // Word keeps what was typed in pieces: "{{风险" in one run, "点.描述}}" in the next
                Row([level], Split(description), [category], Split(measures), [seq]));
            if (secondRow) table.Append(Row(["{{风险点.等级}}"], ["{{风险点.描述}}"], [""], [""], [""]));
            main.Document = new W.Document(new W.Body(
                Para(title), Para(header), Para("填表日期：{{填表日期}}"), table,
                Para("处室负责人：{{签字.处室负责人.签字人}}　日期：{{签字.处室负责人.日期}}　验证码：{{签字.处室负责人.验证码}}"),
                Para("（本县式样：风险等级在前，序号在后）")));
        }
        return ms.ToArray();
    }

    private static string[] Split(string s) => s.Length > 4 ? [s[..4], s[4..]] : [s];

    private static W.Paragraph Para(params string[] runs) => new(runs.Select(r => new W.Run(new W.Text(r) { Space = SpaceProcessingModeValues.Preserve })));

    private static W.TableRow Row(params string[][] cells) => new(cells.Select(c => new W.TableCell(Para(c))));

    /// <summary>
    /// A downloaded built-in Excel form as a unit rearranges it: its own title with an extra field under it, and the first two
    /// point columns of the table swapped (header and repeating row alike).
    /// </summary>
    public static byte[] Rearranged(byte[] xlsx, string title, string extraField)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            var book = doc.WorkbookPart!;
            var shared = book.SharedStringTablePart?.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            string TextOf(S.Cell c) => c.DataType?.Value == S.CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)]
                : c.DataType?.Value == S.CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
            void Put(S.Cell c, string text) => (c.DataType, c.CellValue, c.InlineString) = (S.CellValues.InlineString, null, new S.InlineString(new S.Text(text)));
            var sheet = book.WorksheetParts.First(p => p.Worksheet!.Descendants<S.Cell>().Any(c => TextOf(c).Contains("{{风险点.")));
            var cells = sheet.Worksheet!.Descendants<S.Cell>().ToList();
            Put(cells.First(c => TextOf(c) == "{{表名}}"), $"{title}\n{extraField}");
            var row = cells.Where(c => TextOf(c).StartsWith("{{风险点.")).ToList();
            var (a, b) = (row.First(c => TextOf(c).Contains("描述")), row.First(c => TextOf(c).Contains("防控措施")));
            string Column(S.Cell c) => new(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
            var header = cells.Where(c => TextOf(c).Length > 0 && !TextOf(c).Contains("{{") && (Column(c) == Column(a) || Column(c) == Column(b)))
                .GroupBy(c => ((S.Row)c.Parent!).RowIndex!.Value).Last(g => g.Count() == 2).ToList();
            foreach (var pair in new[] { (a, b), (header[0], header[1]) })
            {
                var (x, y) = (TextOf(pair.Item1), TextOf(pair.Item2));
                Put(pair.Item1, y);
                Put(pair.Item2, x);
            }
        }
        return ms.ToArray();
    }

    /// <summary>The same file with a VBA project inside, as a .docm renamed .docx would have.</summary>
    public static byte[] WithMacros(byte[] docx)
    {
        using var ms = new MemoryStream();
        ms.Write(docx);
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/vbaProject.bin").Open();
            entry.Write(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3, 4 });
        }
        return ms.ToArray();
    }
}

/// <summary>The text a reader sees in a Word file: paragraphs in order, line breaks as \n.</summary>
public static class DocText
{
    public static string OfDocx(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", doc.MainDocumentPart!.Document!.Body!.Descendants<W.Paragraph>().Select(Paragraph));
    }

    /// <summary>The text of every non-empty cell of every sheet a reader sees, a line per row ("5: A=… | C=…").</summary>
    public static string OfXlsx(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var shared = doc.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var lines = new List<string>();
        var shown = doc.WorkbookPart.Workbook!.Descendants<S.Sheet>().Where(x => x.State?.Value != S.SheetStateValues.VeryHidden) // the unprinted record is not read
            .Select(x => (WorksheetPart)doc.WorkbookPart.GetPartById(x.Id!.Value!));
        foreach (var part in shown)
            foreach (var row in part.Worksheet!.Descendants<S.Row>())
            {
                var cells = row.Elements<S.Cell>().Select(c => (Ref: System.Text.RegularExpressions.Regex.Replace(c.CellReference!.Value!, @"\d", ""),
                    Text: c.DataType?.Value == S.CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)]
                        : c.DataType?.Value == S.CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? ""))
                    .Where(c => c.Text.Length > 0).Select(c => $"{c.Ref}={c.Text}").ToList();
                if (cells.Count > 0) lines.Add($"{row.RowIndex}: {string.Join(" | ", cells)}");
            }
        return string.Join("\n", lines);
    }

    /// <summary>Every table row of the file as its cells' text.</summary>
    public static List<string[]> DocxRows(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document!.Body!.Descendants<W.TableRow>()
            .Select(r => r.Elements<W.TableCell>().Select(c => string.Join("\n", c.Elements<W.Paragraph>().Select(Paragraph))).ToArray()).ToList();
    }

    private static string Paragraph(W.Paragraph p) => string.Concat(p.Descendants().Select(e => e switch
    {
        W.Text t => t.Text, W.Break => "\n", W.TabChar => "\t", _ => "",
    }));

    public static string FirstDifference(string a, string b)
    {
        var (x, y) = (a.Split('\n'), b.Split('\n'));
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var (l, r) = (i < x.Length ? x[i] : "（无）", i < y.Length ? y[i] : "（无）");
            if (l != r) return $"line {i + 1}:\n  built-in: {l}\n  template: {r}";
        }
        return "";
    }
}

[Collection("sqlite")] public sealed class FormTemplateTests_Sqlite(SqliteFixture f) : FormTemplateTests(f);
[Collection("postgres")] public sealed class FormTemplateTests_Postgres(PostgresFixture f) : FormTemplateTests(f);
