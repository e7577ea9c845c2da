using System.Net;
using System.Net.Http.Headers;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Powers;

public abstract class PowerFormsTests(AppFixture f)
{
    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    internal static byte[] Annex2(string badScopeRow = "社会公开") => Corpus.Xlsx(new Corpus.Sheet("行政处罚")
        .Row(1, "行政职权目录分表（行政处罚类）")
        .Row(2, "单位：示范市卫健委")
        .Row(3, "序号", "项目名称", "实施主体", "实施依据", "公开形式", "公开范围", "公开时间", "收费(征收)依据和标准", "承办机构", "备注")
        .Row(4, "1", "对非法行医的处罚", "市卫健委", "《执业医师法》第三十九条", "政务网", "社会公开", "决定后7日内", "无", "综合监督执法局", null)
        .Row(5, "2", "对违规医疗广告的处罚", "市卫健委", "《医疗广告管理办法》", "公告栏", badScopeRow, null, null, "医政医管处", "会同市场监管"));

    [Fact]
    public async Task Annex2_imports_all_or_nothing_and_both_forms_export_so_that_LibreOffice_reads_them_back()
    {
        var w = await World.CreateAsync(f, "职权表");
        var office = await f.As(w.Users["party_office"]);
        var bad = await office.PostAsync($"/api/v1/org-units/{w.U1}/powers/import", File(Annex2("看情况"), "分表.xlsx")).Expect(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(bad.GetProperty("errors").EnumerateArray());
        Assert.Equal((5, "公开范围"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Empty((await office.GetAsync($"/api/v1/powers?orgUnitId={w.U1}").Expect(HttpStatusCode.OK)).EnumerateArray());
        await office.PostAsync($"/api/v1/org-units/{w.U1}/powers/import", File("not a zip"u8.ToArray(), "分表.xlsx")).Expect(HttpStatusCode.BadRequest);
        await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/org-units/{w.D1}/powers/import", File(Annex2(), "分表.xlsx")).Expect(HttpStatusCode.Forbidden);

        var dry = await office.PostAsync($"/api/v1/org-units/{w.U1}/powers/import?dryRun=true", File(Annex2(), "分表.xlsx")).Expect(HttpStatusCode.OK);
        Assert.Equal((0, 2), (dry.GetProperty("imported").GetInt32(), dry.GetProperty("parsed").GetInt32()));
        var done = await office.PostAsync($"/api/v1/org-units/{w.U1}/powers/import", File(Annex2(), "分表.xlsx")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, done.GetProperty("imported").GetInt32());
        await office.Post("/api/v1/powers", new { orgUnitId = w.U1, category = "Licensing", name = "医疗机构执业许可", subject = "市卫健委" }).Expect(HttpStatusCode.Created);

        async Task<byte[]> Export(string query) => await (await office.GetAsync($"/api/v1/org-units/{w.U1}/powers/export?{query}")).Content.ReadAsByteArrayAsync();
        var docx = new Dictionary<string, byte[]> { ["annex1.docx"] = await Export("form=annex1&format=docx"), ["annex2.docx"] = await Export("form=annex2&category=Penalty&format=docx") };
        var xlsx = new Dictionary<string, byte[]> { ["annex2.xlsx"] = await Export("form=annex2&format=xlsx") };
        // kept for people to look at (artifacts/ is not committed)
        var keep = ExportReadBackTests.Artifacts();
        foreach (var (name, bytes) in docx.Concat(xlsx)) await System.IO.File.WriteAllBytesAsync(Path.Combine(keep, $"powers-{name}"), bytes);
        var texts = await LibreOffice.ConvertAsync(LibreOffice.Text, "txt", docx);
        Assert.Contains("行政职权目录总表", texts["annex1.docx"]);
        Assert.Contains("行政许可(含非许可行政审批)", texts["annex1.docx"]);
        Assert.Contains("共2项", texts["annex1.docx"]);
        Assert.Contains("行政职权目录分表（行政处罚类）", texts["annex2.docx"]);
        Assert.Contains("《执业医师法》第三十九条", texts["annex2.docx"]);
        Assert.DoesNotContain("医疗机构执业许可", texts["annex2.docx"]);
        var rows = LibreOffice.ParseCsv((await LibreOffice.ConvertAsync(LibreOffice.Csv, "csv", xlsx))["annex2.xlsx"]);
        var header = rows.First(r => r.Contains("项目名称"));
        Assert.Equal(10, header.Count(c => c.Length > 0));
        Assert.Contains(rows, r => r.Contains("对违规医疗广告的处罚") && r.Contains("内部公开") || r.Contains("对违规医疗广告的处罚") && r.Contains("社会公开"));

        // the exported 分表 imports back as the same items into another unit
        var office2 = $"p{w.Tag[^6..]}.office2"; // 财政局's party office keeps its own catalog
        await f.CreateUser(new { userName = office2, password = LianfangApp.Password, grants = new[] { new { role = "party_office", orgUnitId = w.U2 } } }).Expect(HttpStatusCode.Created);
        var back = await (await f.As(office2)).PostAsync($"/api/v1/org-units/{w.U2}/powers/import?dryRun=true", File(xlsx["annex2.xlsx"], "分表.xlsx")).Expect(HttpStatusCode.OK);
        Assert.Equal(3, back.GetProperty("parsed").GetInt32());
    }
}

[Collection("sqlite")] public sealed class PowerFormsTests_Sqlite(SqliteFixture f) : PowerFormsTests(f);
[Collection("postgres")] public sealed class PowerFormsTests_Postgres(PostgresFixture f) : PowerFormsTests(f);
