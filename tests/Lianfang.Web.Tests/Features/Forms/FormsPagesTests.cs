using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Lianfang.Web.Tests.Infrastructure;
using static Lianfang.Web.Tests.Features.Forms.FormsWorld;

namespace Lianfang.Web.Tests.Features.Forms;

public abstract class FormsPagesTests(AppFixture f)
{
    /// <summary>Posts the import page's form with a file, the way the browser (or htmx) sends it.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(PageClient page, int list, string handler, byte[] bytes, string name, bool htmx, string? hash = null)
    {
        var doc = await page.GetAsync($"/Forms/Import?id={list}");
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (hash is not null) content.Add(new StringContent(hash), "hash");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx") ? Xlsx : Docx);
        content.Add(file, "file", name);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/Forms/Import?id={list}&handler={handler}") { Content = content };
        if (htmx) request.Headers.Add("HX-Request", "true");
        return await page.Http.SendAsync(request);
    }

    private static async Task<IHtmlDocument> Html(HttpResponseMessage res) => new HtmlParser().ParseDocument(await res.Content.ReadAsStringAsync());

    [Fact]
    public async Task The_list_editor_offers_import_to_its_writer_and_the_forms_of_its_scheme_to_everyone_who_sees_it()
    {
        var w = await World.CreateAsync(f, "按钮");
        var list = await ListAsync(f, await CampaignAsync(f, w, "longsheng-2012"), "Person", w.D1, w.X1);
        var staff = await PageClient.LoginAsync(f, w.Users["staff"]);
        var edit = await staff.GetAsync($"/Lists/Edit?id={list}");
        Assert.NotNull(edit.QuerySelector($"a[href='/Forms/Import?id={list}']"));
        var exports = edit.QuerySelectorAll("a[href^='/Forms/Export']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/Forms/Export?id={list}&form=annex5&format=docx", exports);
        Assert.Contains($"/Forms/Export?id={list}&form=annex8&format=xlsx", exports);
        Assert.DoesNotContain(exports, e => e!.Contains("annex6")); // a department's form
        Assert.NotNull(edit.QuerySelector("a[href^='/Forms/Summary']"));

        var head = await PageClient.LoginAsync(f, w.Users["dept_head"]);
        var seen = await head.GetAsync($"/Lists/Edit?id={list}");
        Assert.Null(seen.QuerySelector($"a[href='/Forms/Import?id={list}']"));
        Assert.Contains("不得代替撰写", PageClient.Text(await head.GetAsync($"/Forms/Import?id={list}")));

        var file = await staff.Http.GetAsync($"/Forms/Export?id={list}&form=annex5&format=docx");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(Docx, file.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(" 个人廉政风险点查找表.docx", file.Content.Headers.ContentDisposition!.FileNameStar); // no 龙胜县 for a unit elsewhere
    }

    [Fact]
    public async Task The_import_page_previews_the_points_then_imports_them_on_confirmation()
    {
        var w = await World.CreateAsync(f, "页面导入");
        var list = await ListAsync(f, await CampaignAsync(f, w, "shaoxing-health-2018"), "Department", w.D1);
        var page = await PageClient.LoginAsync(f, w.Users["dept_head"]);
        var bytes = SeedForms.HealthListDocx();

        var preview = await PostFileAsync(page, list, "Preview", bytes, "清单.docx", htmx: true);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var fragment = await Html(preview);
        Assert.Null(fragment.QuerySelector("nav")); // a fragment for htmx, not a whole page
        var rows = fragment.QuerySelectorAll("table[aria-label='导入预览'] tbody tr");
        Assert.Equal(5, rows.Length);
        Assert.Contains("表格1 第 2 行", rows[0].TextContent);
        Assert.Contains("待补全", rows[0].TextContent);
        Assert.Contains("由文字推断", rows[1].TextContent);
        Assert.Contains("识别出 5 条风险点", PageClient.Text(fragment));
        var hash = fragment.QuerySelector("input[name=hash]")!.GetAttribute("value")!;
        Assert.Equal(0, (await PointsAsync(f.Observer, list)).GetArrayLength());

        var other = await PostFileAsync(page, list, "Import", SeedForms.HealthListXlsx(), "清单.xlsx", htmx: false, hash);
        Assert.Contains("与预览时的文件不同", PageClient.Text(await Html(other)));

        var done = await PostFileAsync(page, list, "Import", bytes, "清单.docx", htmx: false, hash);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/Lists/Edit?id={list}", done.Headers.Location!.OriginalString);
        Assert.Equal(5, (await PointsAsync(f.Observer, list)).GetArrayLength());
        var edit = PageClient.Text(await page.GetAsync($"/Lists/Edit?id={list}"));
        Assert.Contains("已从“清单.docx”导入 5 条风险点", edit);
        Assert.Contains("未分类", edit);
    }

    [Fact]
    public async Task A_bad_file_shows_every_problem_with_its_row_and_column_and_a_page_without_script_asks_for_the_file_again()
    {
        var w = await World.CreateAsync(f, "页面错误");
        var list = await ListAsync(f, await CampaignAsync(f, w, "shaoxing-health-2018"), "Department", w.D1);
        var page = await PageClient.LoginAsync(f, w.Users["dept_head"]);

        var bad = await Html(await PostFileAsync(page, list, "Preview", SeedForms.HealthListXlsx(levelOfRow7: "较高"), "清单.xlsx", htmx: false));
        var row = bad.QuerySelectorAll("table[aria-label='文件中的问题'] tbody tr").Single();
        Assert.Equal(["防控清单", "7", "风险等级"], row.QuerySelectorAll("td").Take(3).Select(td => td.TextContent));
        Assert.Null(bad.QuerySelector("button[formaction*='handler=Import']"));

        var good = await Html(await PostFileAsync(page, list, "Preview", SeedForms.HealthListXlsx(), "清单.xlsx", htmx: false));
        Assert.NotNull(good.QuerySelector("nav")); // the whole page
        Assert.Contains("请在上方再次选择同一文件", PageClient.Text(good));
        Assert.NotNull(good.QuerySelector("button[formaction*='handler=Import']"));

        var hostile = await Html(await PostFileAsync(page, list, "Preview", "PK\u0003\u0004junk"u8.ToArray(), "清单.docx", htmx: true));
        Assert.Contains("无法读取", PageClient.Text(hostile));
        Assert.Equal(0, (await PointsAsync(f.Observer, list)).GetArrayLength());
    }

    [Fact]
    public async Task Where_a_point_is_written_the_seeds_sample_row_shows_how_to_fill_it_in()
    {
        var w = await World.CreateAsync(f, "样表");
        var list = await ListAsync(f, await CampaignAsync(f, w, "shaoxing-health-2018"), "Department", w.D1);
        var doc = await (await PageClient.LoginAsync(f, w.Users["dept_head"])).GetAsync($"/Lists/Edit?id={list}");
        var sample = doc.QuerySelector("details.lf-sample")!;
        Assert.Contains("附件2 局廉洁风险防控清单（样表）", sample.QuerySelector("summary")!.TextContent);
        Assert.Contains("严格规范重大物资、设备采购", sample.TextContent);
        Assert.Contains("6. 实地查看物资使用情况。", sample.TextContent);
        // a scheme whose seed has no sample shows none
        var other = await ListAsync(f, await CampaignAsync(f, w, "longsheng-2012"), "Person", w.D1, w.X1);
        Assert.Null((await (await PageClient.LoginAsync(f, w.Users["staff"])).GetAsync($"/Lists/Edit?id={other}")).QuerySelector("details.lf-sample"));
    }

    [Fact]
    public async Task The_summary_page_shows_the_figures_of_the_chosen_unit_and_offers_the_files()
    {
        var w = await World.CreateAsync(f, "汇总页");
        var campaign = await CampaignAsync(f, w, "longsheng-2012");
        var person = await ListAsync(f, campaign, "Person", w.D1, w.X1);
        await Upload(await f.As(w.Users["staff"]), person, SeedForms.PersonalRegistrationXlsx(), "个人登记表.xlsx").Expect(HttpStatusCode.OK);
        await f.ApproveAsync(person); // the 汇总表 counts approved lists

        var page = await PageClient.LoginAsync(f, w.Users["principal"]);
        var doc = await page.GetAsync($"/Forms/Summary?campaignId={campaign}&orgUnitId={w.U1}");
        Assert.Contains("龙胜县廉政风险识别、防控、监督汇总表（部门）", PageClient.Text(doc));
        var finance = doc.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "财务处");
        Assert.Equal(["财务处", "1", "2"], finance.QuerySelectorAll("td").Take(3).Select(td => td.TextContent));
        // every figure leads to the points behind it: the register of that department, approved lists only
        var link = finance.QuerySelectorAll("td")[2].QuerySelector("a")!.GetAttribute("href")!;
        Assert.Contains("approved=true", link);
        var behind = await page.GetAsync(link.Replace("&amp;", "&"));
        Assert.Equal(2, behind.QuerySelectorAll("table tbody tr").Length);
        Assert.Contains("只看已审定", PageClient.Text(behind));
        Assert.NotNull(doc.QuerySelector("a[href$='format=xlsx']"));
        var xlsx = await page.Http.GetAsync($"/Forms/Summary?campaignId={campaign}&orgUnitId={w.U1}&format=xlsx");
        Assert.Equal(Xlsx, xlsx.Content.Headers.ContentType!.MediaType);

        await (await PageClient.LoginAsync(f, (await f.OtherWorldAsync()).Users["principal"])).GetAsync($"/Forms/Summary?campaignId={campaign}&orgUnitId={w.U1}", HttpStatusCode.NotFound);
    }
}

[Collection("sqlite")] public sealed class FormsPagesTests_Sqlite(SqliteFixture f) : FormsPagesTests(f);
[Collection("postgres")] public sealed class FormsPagesTests_Postgres(PostgresFixture f) : FormsPagesTests(f);
