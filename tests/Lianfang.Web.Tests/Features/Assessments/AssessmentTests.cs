using System.Net;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Assessments;

public abstract class AssessmentTests(AppFixture f)
{
    private static object[] Items(params int[] scores) => scores.Select(s => (object)new { score = s, gap = s < 25 ? "台账不全" : null, note = s < 20 ? "措施未落实" : null }).ToArray();

    [Fact]
    public async Task The_unit_checks_itself_quarterly_the_commission_grades_it_and_a_failing_grade_brings_a_notice()
    {
        var w = await World.CreateAsync(f, "考核");
        var office = await f.As(w.Users["party_office"]);
        var commission = await f.As(w.Users["commission"]);
        // the standards are the scheme's: before the units run one, there is nothing to assess against
        var unknown = await commission.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Annual", items = Items(25, 25, 25, 25) }).Expect(HttpStatusCode.Conflict);
        Assert.Contains("尚未开展排查，不知执行哪个方案的考核标准", unknown.GetProperty("detail").GetString());
        await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "longsheng-2012", rootOrgUnitId = w.C, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created);
        Assert.Equal(["items"], (await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Quarterly", quarter = 3, items = Items(25, 25, 25) })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["items[1].gap"], (await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Quarterly", quarter = 3,
            items = new object[] { new { score = 25 }, new { score = 20 }, new { score = 25 }, new { score = 25 } } }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var q = await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Quarterly", quarter = 3, items = Items(25, 20, 25, 25) }).Expect(HttpStatusCode.Created);
        Assert.Equal(95, q.GetProperty("score").GetInt32());
        await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Annual", items = Items(25, 25, 25, 25) }).Expect(HttpStatusCode.Forbidden);
        await (await f.As(w.Users["staff"])).Post("/api/v1/assessments", new { orgUnitId = w.D1, year = 2026, kind = "Quarterly", quarter = 3, items = Items(25, 25, 25, 25) }).Expect(HttpStatusCode.Forbidden);

        var annual = await commission.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Annual", items = Items(20, 10, 15, 14) }).Expect(HttpStatusCode.Created);
        Assert.Equal(("不及格", true), (annual.GetProperty("grade").GetString(), annual.GetProperty("needsRectification").GetBoolean()));
        await commission.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Annual", items = Items(25, 25, 25, 25) }).Expect(HttpStatusCode.Conflict);
        var history = (await office.GetAsync($"/api/v1/assessments?orgUnitId={w.U1}").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["Annual", "Quarterly"], history.Select(h => h.GetProperty("kind").GetString()));
        Assert.StartsWith("廉政风险防范管理工作领导重视", history[0].GetProperty("items")[0].GetProperty("criterion").GetString());
        Assert.Empty((await (await f.As(w.Users["dept_head"])).GetAsync($"/api/v1/assessments?orgUnitId={w.U1}").Expect(HttpStatusCode.OK)).EnumerateArray());

        var notice = await office.GetAsync($"/api/v1/assessments/{annual.Id()}/notice?format=docx");
        Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
        var text = (await LibreOffice.ConvertAsync(LibreOffice.Text, "txt", new Dictionary<string, byte[]> { ["notice.docx"] = await notice.Content.ReadAsByteArrayAsync() }))["notice.docx"];
        Assert.Contains("考核整改通知", text);
        Assert.Contains("得分 10/25", text);
        await office.GetAsync($"/api/v1/assessments/{q.Id()}/notice").Expect(HttpStatusCode.Conflict);
        await (await f.As((await f.OtherWorldAsync()).Users["commission"])).GetAsync($"/api/v1/assessments/{annual.Id()}/notice").Expect(HttpStatusCode.NotFound);

        var page = await PageClient.LoginAsync(f, w.Users["commission"]);
        var standards = PageClient.Text(await page.GetAsync($"/Assessments?orgUnitId={w.U2}"));
        Assert.Contains("考核标准（方案“龙胜县廉政风险防范管理", standards);
        Assert.Contains("未规定各项分值，预设各 25 分", standards);
        // each standard's score and gap analysis stay readable after saving
        var saved = await page.GetAsync($"/Assessments?orgUnitId={w.U1}");
        var items = saved.QuerySelectorAll(".lf-assessment-items details").Select(d => d.TextContent).ToList();
        Assert.Contains(items, t => t.Contains("20 / 25") && t.Contains("台账不全"));
        var res = await page.SubmitAsync($"/Assessments?orgUnitId={w.U2}", new()
        {
            ["kind"] = "Annual", ["year"] = "2026", ["items[0].score"] = "25", ["items[1].score"] = "24", ["items[2].score"] = "23", ["items[3].score"] = "20",
        }, "#assessment-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("优秀", PageClient.Text(await page.GetAsync($"/Assessments?orgUnitId={w.U2}")));
    }

    [Fact]
    public async Task A_finance_bureaus_leading_group_evaluates_each_post_at_year_end_and_the_result_goes_into_the_holders_file()
    {
        // 002: 领导小组……年底对各岗位工作开展情况进行综合评价……评价结果与绩效考核挂钩
        var w = await World.CreateAsync(f, "岗位考核");
        await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "lianyun-finance", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created);
        var office = await Review.WrittenList.GroupOfficeAsync(f, w);
        object Evaluation(int post, int score = 20, int? orgUnit = null, string kind = "Annual") =>
            new { orgUnitId = orgUnit ?? w.U1, year = 2026, kind, quarter = kind == "Quarterly" ? 4 : (int?)null, postId = post, items = Enumerable.Repeat(new { score }, 4).ToArray() };

        // the 领导小组 evaluates, not the party office, the commission, or the post's holder
        var notGroup = await (await f.As(w.Users["party_office"])).Post("/api/v1/assessments", Evaluation(w.P1)).Expect(HttpStatusCode.Forbidden);
        Assert.Contains("由本单位领导小组", notGroup.GetProperty("detail").GetString());
        await (await f.As(w.Users["commission"])).Post("/api/v1/assessments", Evaluation(w.P1)).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["kind"], (await (await f.As(w.Users["party_office"])).Post("/api/v1/assessments", Evaluation(w.P1, kind: "Quarterly")).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["postId"], (await office.Post("/api/v1/assessments", Evaluation(w.P2)).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        // the group's office reaches its own unit, not another's
        await office.Post("/api/v1/assessments", Evaluation(w.P2, orgUnit: w.U2)).Expect(HttpStatusCode.NotFound);

        var created = await office.Post("/api/v1/assessments", Evaluation(w.P1, 22)).Expect(HttpStatusCode.Created);
        Assert.Equal(("良好", false), (created.GetProperty("grade").GetString(), created.GetProperty("needsRectification").GetBoolean()));
        await office.Post("/api/v1/assessments", Evaluation(w.P1)).Expect(HttpStatusCode.Conflict);
        var row = Assert.Single((await office.GetAsync($"/api/v1/assessments?orgUnitId={w.U1}").Expect(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(("会计", "王芳", 88), (row.GetProperty("post").GetString(), row.GetProperty("person").GetString(), row.GetProperty("score").GetInt32()));
        Assert.StartsWith("岗位风险点查找准确", row.GetProperty("items")[0].GetProperty("criterion").GetString());

        // it goes into 王芳's 廉政档案, where her 年终考评 reads it
        var file = await (await f.As(w.Users["agency"])).GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.OK);
        var evaluation = Assert.Single(file.GetProperty("evaluations").EnumerateArray());
        Assert.Equal((2026, "会计", "良好"), (evaluation.GetProperty("year").GetInt32(), evaluation.GetProperty("post").GetString(), evaluation.GetProperty("grade").GetString()));

        // the page lists the unit's posts with what is still to evaluate, and the scheme's note on the preset standards
        var page = await PageClient.LoginAsync(f, $"g{w.Tag[^6..]}.office");
        var doc = await page.GetAsync($"/Assessments?orgUnitId={w.U1}");
        Assert.Contains("已评价", doc.QuerySelector("#post-assessments")!.TextContent);
        Assert.Contains("未列考核标准和分值", doc.QuerySelector("#assessment-standards")!.TextContent);
        Assert.NotNull(doc.QuerySelector("#assessment-form select[name=postId]"));
    }
}

[Collection("sqlite")] public sealed class AssessmentTests_Sqlite(SqliteFixture f) : AssessmentTests(f);
[Collection("postgres")] public sealed class AssessmentTests_Postgres(PostgresFixture f) : AssessmentTests(f);
