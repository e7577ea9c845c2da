using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.InternalRules;

/// <summary>制度 kept as records (name, date, new or revised, the points they answer), which the 汇总表 counts.</summary>
public abstract class InternalRulesTests(AppFixture f)
{
    private static async Task<List<long>> PointIdsAsync(HttpClient c, int list) =>
        [.. (await c.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray().Select(p => p.GetProperty("id").GetInt64())];

    private static async Task<JsonElement[]> RulesAsync(HttpClient c, int campaign, string query = "") =>
        [.. (await c.GetAsync($"/api/v1/internal-rules?campaignId={campaign}{query}").Expect(HttpStatusCode.OK)).EnumerateArray()];

    [Fact]
    public async Task The_party_office_records_rules_with_the_points_they_answer_and_the_summary_counts_them_and_leads_to_them()
    {
        var s = await WrittenList.CreateAsync(f, "制度");
        var office = await f.As(s.W.Users["party_office"]);
        var points = await PointIdsAsync(office, s.List);
        await office.Post("/api/v1/internal-rules", new
        {
            campaignId = s.Campaign, orgUnitId = s.W.D1, name = "《财务报销审批办法》", change = "New", adoptedOn = "2026-03-01",
            documentNumber = " 卫财〔2026〕1号 ", riskPointIds = points,
        }).Expect(HttpStatusCode.Created);
        await office.Post("/api/v1/internal-rules", new
            { campaignId = s.Campaign, orgUnitId = s.W.U1, name = "《公务接待管理规定》", change = "Revised", adoptedOn = "2026-04-01" }).Expect(HttpStatusCode.Created);
        // a department head records the rules of their own department
        await (await f.As(s.W.Users["dept_head"])).Post("/api/v1/internal-rules", new
            { campaignId = s.Campaign, orgUnitId = s.W.D1, name = "《票据审核规程》", change = "Revised", adoptedOn = "2026-04-02" }).Expect(HttpStatusCode.Created);

        var all = await RulesAsync(office, s.Campaign);
        Assert.Equal(3, all.Length);
        var expenses = all.Single(r => r.GetProperty("name").GetString() == "《财务报销审批办法》");
        Assert.Equal(("财务处", "新建立", "2026-03-01", "卫财〔2026〕1号"), (expenses.GetProperty("orgUnit").GetString(), expenses.GetProperty("changeName").GetString(),
            expenses.GetProperty("adoptedOn").GetString(), expenses.GetProperty("documentNumber").GetString()));
        Assert.Equal(["报销把关不严", "资金拨付中优亲厚友"], expenses.GetProperty("riskPoints").EnumerateArray().Select(p => p.GetProperty("description").GetString()).Order());
        Assert.Equal(2, (await RulesAsync(office, s.Campaign, "&change=Revised")).Length);
        Assert.Equal(2, (await RulesAsync(office, s.Campaign, $"&orgUnitId={s.W.D1}")).Length);
        Assert.Equal(["《公务接待管理规定》", "《票据审核规程》"], (await RulesAsync(f.Observer, s.Campaign, "&change=Revised")).Select(r => r.GetProperty("name").GetString()).Order());

        // 汇总表: 财务处 1 new and 1 revised, 卫健委's own 1 revised; the measures' words count for nothing
        await f.ApproveAsync(s.List);
        var summary = await f.Observer.GetAsync($"/api/v1/reports/summary?orgUnitId={s.W.U1}&campaignId={s.Campaign}").Expect(HttpStatusCode.OK);
        var rows = summary.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("label").GetString()!,
            r => (r.GetProperty("newSystems").GetInt32(), r.GetProperty("revisedSystems").GetInt32()));
        Assert.Equal((1, 1), rows["财务处"]);
        Assert.Equal((0, 1), rows["卫健委（本级）"]);
        Assert.Equal((0, 0), rows["办公室"]);

        // the page's figures lead to the 制度 behind them
        var page = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        var table = await page.GetAsync($"/Forms/Summary?campaignId={s.Campaign}&orgUnitId={s.W.U1}");
        var link = table.QuerySelector($"a[href='/InternalRules?campaignId={s.Campaign}&orgUnitId={s.W.D1}&change=New']");
        Assert.Equal("1", link?.TextContent);
        var listed = await page.GetAsync(link!.GetAttribute("href")!);
        var text = listed.QuerySelector("#rules")!.TextContent;
        Assert.Contains("《财务报销审批办法》", text);
        Assert.Contains("资金拨付中优亲厚友", text);
        Assert.DoesNotContain("《票据审核规程》", text);

        // a point deleted from its list is no longer one the rule answers
        var staff = await f.As(s.W.Users["staff"]);
        await f.App.WithDbAsync(db => db.RiskLists.Where(l => l.Id == s.List).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, Lianfang.Core.Register.ListStatus.Draft)));
        await staff.DeleteAsync($"/api/v1/lists/{s.List}/risk-points/{points[0]}").Expect(HttpStatusCode.NoContent);
        Assert.Single((await RulesAsync(office, s.Campaign)).Single(r => r.GetProperty("name").GetString() == "《财务报销审批办法》").GetProperty("riskPoints").EnumerateArray());
    }

    [Fact]
    public async Task Bad_or_foreign_input_is_refused_naming_the_field_and_nothing_is_recorded()
    {
        var s = await WrittenList.CreateAsync(f, "制度拒");
        var other = await WrittenList.CreateAsync(f, "制度外");
        var office = await f.As(s.W.Users["party_office"]);
        var points = await PointIdsAsync(office, s.List);
        var foreign = await PointIdsAsync(await f.As(other.W.Users["party_office"]), other.List);
        object Rule(string? name = "《采购内控办法》", string? change = "New", string adoptedOn = "2026-03-01", int? unit = null, IEnumerable<long>? ids = null) =>
            new { campaignId = s.Campaign, orgUnitId = unit ?? s.W.D1, name, change, adoptedOn, riskPointIds = ids ?? points };

        var tomorrow = f.App.Today.AddDays(1).ToString("yyyy-MM-dd");
        foreach (var (body, field) in new[]
                 {
                     (Rule(name: " "), "name"), (Rule(change: null), "change"), (Rule(adoptedOn: tomorrow), "adoptedOn"),
                     (Rule(ids: [points[0], foreign[0]]), "riskPointIds"), // another commission's point
                     (Rule(unit: s.W.D2), "riskPointIds"),                   // 财务处's points are not 办公室's to answer
                 })
            Assert.Equal([field], (await office.Post("/api/v1/internal-rules", body).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var refused = await office.Post("/api/v1/internal-rules", Rule(adoptedOn: tomorrow)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("不能晚于今天", refused.GetProperty("detail").GetString());
        foreach (var role in new[] { "staff", "leader_in_charge", "commission", "agency" })
            await (await f.As(s.W.Users[role])).Post("/api/v1/internal-rules", Rule()).Expect(HttpStatusCode.Forbidden);
        await (await f.As(other.W.Users["party_office"])).Post("/api/v1/internal-rules", Rule()).Expect(HttpStatusCode.NotFound);
        Assert.Empty(await RulesAsync(office, s.Campaign));

        var id = (await office.Post("/api/v1/internal-rules", Rule()).Expect(HttpStatusCode.Created)).Id();
        await (await f.As(other.W.Users["party_office"])).GetAsync($"/api/v1/internal-rules/{id}").Expect(HttpStatusCode.NotFound);
        Assert.Equal(["version"], (await office.Put($"/api/v1/internal-rules/{id}", Rule(name: "《采购内控办法》（修订）"))
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var read = (await office.GetAsync($"/api/v1/internal-rules/{id}").Expect(HttpStatusCode.OK)).GetProperty("version").GetInt32();
        var edit = new { campaignId = s.Campaign, name = "《采购内控办法》（2026）", change = "New", adoptedOn = "2026-03-01", riskPointIds = points.Take(1), version = read };
        var saved = await office.Put($"/api/v1/internal-rules/{id}", edit).Expect(HttpStatusCode.OK);
        await office.Put($"/api/v1/internal-rules/{id}", edit).Expect(HttpStatusCode.Conflict); // stale
        await (await f.As(s.W.Users["leader_in_charge"])).DeleteAsync($"/api/v1/internal-rules/{id}").Expect(HttpStatusCode.Forbidden);
        var kept = await office.GetAsync($"/api/v1/internal-rules/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal(("《采购内控办法》（2026）", 1, saved.GetProperty("version").GetInt32()),
            (kept.GetProperty("name").GetString(), kept.GetProperty("riskPoints").GetArrayLength(), kept.GetProperty("version").GetInt32()));

        // a closed campaign's 制度 no longer change
        await office.Post($"/api/v1/campaigns/{s.Campaign}/change", new { close = true, reason = "年度排查结束" }).Expect(HttpStatusCode.OK);
        await office.Put($"/api/v1/internal-rules/{id}", edit with { version = kept.GetProperty("version").GetInt32() }).Expect(HttpStatusCode.Conflict);
        await office.Post("/api/v1/internal-rules", Rule(name: "《新办法》")).Expect(HttpStatusCode.Conflict);
        await office.DeleteAsync($"/api/v1/internal-rules/{id}").Expect(HttpStatusCode.Conflict);
        Assert.Single(await RulesAsync(office, s.Campaign));
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient c, int campaign, int unit, byte[] xlsx, bool dryRun = false)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(xlsx), "file", "制度.xlsx" } };
        return c.PostAsync($"/api/v1/internal-rules/import?campaignId={campaign}&orgUnitId={unit}{(dryRun ? "&dryRun=true" : "")}", content);
    }

    [Fact]
    public async Task A_units_list_of_rules_imports_from_Excel_all_or_nothing_with_each_bad_row_named()
    {
        var s = await WrittenList.CreateAsync(f, "制度导入");
        var office = await f.As(s.W.Users["party_office"]);
        var bad = Forms.Corpus.Xlsx(new Forms.Corpus.Sheet("制度").Row(1, "2026年制度建设台账")
            .Row(2, "序号", "制度名称", "新建或修订", "印发日期", "文号", "单位（处室）")
            .Row(3, "1", "《财务报销审批办法》", "新建", "2026年3月1日", "卫财〔2026〕1号", "财务处")
            .Row(4, "2", "", "修订", "2026-04-01", null, null)
            .Row(5, "3", "《公务接待管理规定》", "废止", "2026-04-01", null, null)
            .Row(6, "4", "《印章管理办法》", "修订", "2099-01-01", null, null)
            .Row(7, "5", "《车辆管理办法》", "修订", "2026-04-02", null, "国库科"));
        var refused = await ImportAsync(office, s.Campaign, s.W.U1, bad).Expect(HttpStatusCode.UnprocessableEntity);
        var rows = refused.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(4, "制度名称"), (5, "新建或修订"), (6, "印发日期"), (7, "单位")], rows);
        Assert.Empty(await RulesAsync(office, s.Campaign));

        var good = Forms.Corpus.Xlsx(new Forms.Corpus.Sheet("制度")
            .Row(1, "制度名称", "类型", "印发（修订）日期", "文号", "单位", "备注")
            .Row(2, "《财务报销审批办法》", "新建立", "2026/3/1", "卫财〔2026〕1号", "财务处", null)
            .Row(3, "《公务接待管理规定》", "修订", "2026.4.1", null, null, "2026年修订"));
        Assert.Equal(2, (await ImportAsync(office, s.Campaign, s.W.U1, good, dryRun: true).Expect(HttpStatusCode.OK)).GetProperty("parsed").GetInt32());
        Assert.Empty(await RulesAsync(office, s.Campaign)); // a dry run saves nothing
        await ImportAsync(await f.As(s.W.Users["staff"]), s.Campaign, s.W.D1, good).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(2, (await ImportAsync(office, s.Campaign, s.W.U1, good).Expect(HttpStatusCode.OK)).GetProperty("imported").GetInt32());
        var all = await RulesAsync(office, s.Campaign);
        Assert.Equal([("《公务接待管理规定》", "卫健委", "Revised", "2026-04-01"), ("《财务报销审批办法》", "财务处", "New", "2026-03-01")],
            all.Select(r => (r.GetProperty("name").GetString(), r.GetProperty("orgUnit").GetString(), r.GetProperty("change").GetString(),
                r.GetProperty("adoptedOn").GetString())).OrderBy(x => x.Item1));
    }

    [Fact]
    public async Task The_pages_record_a_rule_say_what_is_wrong_in_chinese_and_delete_it()
    {
        var s = await WrittenList.CreateAsync(f, "制度页");
        var page = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        var api = await f.As(s.W.Users["party_office"]);
        var point = (await PointIdsAsync(api, s.List))[0];
        var index = await page.GetAsync($"/InternalRules?campaignId={s.Campaign}");
        Assert.Contains("本次排查尚未登记制度", PageClient.Text(index));
        Assert.NotNull(index.QuerySelector("a.nav-link[href='/InternalRules']"));
        var form = $"/InternalRules/Edit?campaignId={s.Campaign}&orgUnitId={s.W.D1}";
        var edit = await page.GetAsync(form);
        Assert.NotNull(edit.QuerySelector($"input[name='Input.RiskPointIds'][value='{point}']"));

        var bad = await page.SubmitAsync(form, new() { ["Input.OrgUnitId"] = s.W.D1.ToString(), ["Input.Name"] = "", ["Input.Change"] = "New",
            ["Input.AdoptedOn"] = "2026-03-01", ["Input.RiskPointIds"] = point.ToString() }, "#rule-form");
        Assert.Contains("制度名称不能为空", await bad.Content.ReadAsStringAsync());
        Assert.Empty(await RulesAsync(api, s.Campaign));

        var ok = await page.SubmitAsync(form, new() { ["Input.OrgUnitId"] = s.W.D1.ToString(), ["Input.Name"] = "《差旅费管理办法》", ["Input.Change"] = "Revised",
            ["Input.AdoptedOn"] = "2026-05-06", ["Input.DocumentNumber"] = "卫办〔2026〕9号", ["Input.RiskPointIds"] = point.ToString() }, "#rule-form");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var rule = Assert.Single(await RulesAsync(api, s.Campaign));
        Assert.Equal(("修订", 1), (rule.GetProperty("changeName").GetString(), rule.GetProperty("riskPoints").GetArrayLength()));
        var listed = (await page.GetAsync($"/InternalRules?campaignId={s.Campaign}")).QuerySelector("#rules")!.TextContent;
        Assert.Contains("《差旅费管理办法》", listed);
        Assert.Contains("卫办〔2026〕9号", listed);

        // the staff member sees the rule but may not record or change one
        var staff = await PageClient.LoginAsync(f, s.W.Users["staff"]);
        var seen = await staff.GetAsync($"/InternalRules?campaignId={s.Campaign}");
        Assert.Contains("《差旅费管理办法》", PageClient.Text(seen));
        Assert.Null(seen.QuerySelector("a[href^='/InternalRules/Edit']"));

        var deleted = await page.SubmitAsync($"/InternalRules/Edit?id={rule.Id()}", [], "#delete-form");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await RulesAsync(api, s.Campaign));
    }
}

[Collection("sqlite")] public sealed class InternalRulesTests_Sqlite(SqliteFixture f) : InternalRulesTests(f);
[Collection("postgres")] public sealed class InternalRulesTests_Postgres(PostgresFixture f) : InternalRulesTests(f);
