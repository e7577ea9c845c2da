using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Security;

/// <summary>
/// Every Excel export neutralises text that a spreadsheet would run as a formula (= + - @, tab, CR at the start), and
/// every download names its file per RFC 6266: <c>filename*=UTF-8''…</c> for the Chinese name plus an ASCII fallback.
/// </summary>
public abstract class ExportSafetyTests(MatrixFixture f)
{
    private const string Formula = "=HYPERLINK(\"http://example.invalid\",\"点我\")";

    [Fact]
    public async Task Texts_that_look_like_formulas_stay_text_in_every_xlsx_export_and_downloads_are_named_per_rfc_6266()
    {
        var w = await World.CreateAsync(f, "公式");
        var staff = await f.As(w.Users["staff"]);
        var office = await f.As(w.Users["party_office"]);
        var agency = await f.As(w.Users["agency"]);
        var commission = await f.As(w.Users["commission"]);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "公式排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.C, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var list = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("personId").ValueKind == System.Text.Json.JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        await staff.Post($"/api/v1/lists/{list}/risk-points", new
        {
            categoryCode = "power", description = Formula, manifestation = "+1 元", levelCode = "important",
            measures = new[] { new { text = "-双人复核" }, new { text = "@复核" } }, responsible = new { persons = new[] { "\t王芳" } },
        }).Expect(HttpStatusCode.Created);
        await staff.Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "Income", content = Formula }).Expect(HttpStatusCode.Created);
        var power = (await office.Post("/api/v1/powers", new { orgUnitId = w.U1, category = "Licensing", name = Formula, basis = "=1+1" }).Expect(HttpStatusCode.Created)).Id();
        await office.Put($"/api/v1/powers/{power}/flow", new
        {
            steps = new object[] { new { key = "a", name = Formula, actor = "+窗口" }, new { key = "b", name = "决定", actor = "-领导" } },
            edges = new object[] { new { from = "a", to = "b" } },
            version = await office.PowerVersionAsync(power),
        }).Expect(HttpStatusCode.OK);
        var items = Enumerable.Range(0, 4).Select(k => new { score = 10, gap = Formula, note = "=2+2" }).ToArray();
        await f.Observer.Post("/api/v1/campaigns", new { name = "上年排查", year = 2025, schemeCode = "longsheng-2012", rootOrgUnitId = w.U1, deadline = "2025-12-31" }).Expect(HttpStatusCode.Created);
        var assessment = (await commission.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2025, kind = "Annual", items }).Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var exports = new (HttpClient Client, string Url)[]
        {
            (staff, $"/api/v1/lists/{list}/export?format=xlsx"),
            (staff, $"/api/v1/lists/{list}/export?format=xlsx&form=detail"),
            (agency, $"/api/v1/people/{w.X1}/integrity-file/export?format=xlsx"),
            (office, $"/api/v1/org-units/{w.U1}/powers/export?form=annex1&format=xlsx"),
            (office, $"/api/v1/org-units/{w.U1}/powers/export?form=annex2&format=xlsx"),
            (office, $"/api/v1/powers/{power}/flow/export?format=xlsx"),
            (commission, $"/api/v1/reports/summary/export?orgUnitId={w.C}&campaignId={campaign}&format=xlsx"),
            (commission, $"/api/v1/reports/compare/export?orgUnitId={w.C}&campaignId={campaign}&format=xlsx"),
            (commission, $"/api/v1/assessments/{assessment}/notice?format=xlsx"),
        };
        var problems = new List<string>();
        var formulaTexts = 0;
        foreach (var (client, url) in exports)
        {
            var res = await client.GetAsync(url);
            if (res.StatusCode != HttpStatusCode.OK) { problems.Add($"{url}: {(int)res.StatusCode}"); continue; }
            var header = string.Join(",", res.Content.Headers.GetValues("Content-Disposition"));
            var cd = res.Content.Headers.ContentDisposition!;
            if (!header.Contains("filename*=UTF-8''")) problems.Add($"{url}: no filename* in “{header}”");
            if (cd.FileName is null || cd.FileName.Any(c => c > 0x7E)) problems.Add($"{url}: no ASCII fallback in “{header}”");
            if (cd.FileNameStar is null || !cd.FileNameStar.EndsWith(".xlsx") || !cd.FileNameStar.Any(c => c >= 0x4E00)) problems.Add($"{url}: Chinese name lost in “{header}”");

            using var doc = SpreadsheetDocument.Open(new MemoryStream(await res.Content.ReadAsByteArrayAsync()), false);
            var wb = doc.WorkbookPart!;
            var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var formats = wb.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList() ?? [];
            foreach (var sheet in wb.WorksheetParts)
                foreach (var cell in sheet.Worksheet.Descendants<Cell>())
                {
                    if (cell.CellFormula is not null) problems.Add($"{url}: {cell.CellReference} is a formula");
                    var text = cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
                        : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : null;
                    if (cell.DataType is null && cell.CellValue?.Text is { Length: > 0 } number && number[0] is '=' or '+' or '-' or '@')
                        problems.Add($"{url}: {cell.CellReference} holds “{number}” as a value");
                    if (text is not { Length: > 0 } || text[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r')) continue;
                    formulaTexts++;
                    // Text, and marked so that editing the cell in Excel keeps it text (the ' prefix).
                    var quoted = cell.StyleIndex is { } si && si.Value < formats.Count && formats[(int)si.Value].QuotePrefix?.Value == true;
                    if (!quoted) problems.Add($"{url}: {cell.CellReference} “{text}” is not marked as literal text");
                }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(formulaTexts >= 8, $"only {formulaTexts} formula-like texts were exported: the test did not reach them");
    }
}

[Collection("sqlite")] public sealed class ExportSafetyTests_Sqlite(MatrixFixture_Sqlite f) : ExportSafetyTests(f), IClassFixture<MatrixFixture_Sqlite>;
[Collection("postgres")] public sealed class ExportSafetyTests_Postgres(MatrixFixture_Postgres f) : ExportSafetyTests(f), IClassFixture<MatrixFixture_Postgres>;
