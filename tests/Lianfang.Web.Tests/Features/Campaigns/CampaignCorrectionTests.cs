using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Campaigns;

/// <summary>Mistakes in a campaign can be fixed: an impossible deadline is refused, a deadline moved and a campaign ended, each with its reason in the audit trail.</summary>
public abstract class CampaignCorrectionTests(AppFixture f)
{
    [Fact]
    public async Task A_campaign_is_due_in_its_year_is_rescheduled_and_closed_with_a_reason_and_its_lists_leave_the_inbox()
    {
        var w = await World.CreateAsync(f, "更正");
        var office = await f.As(w.Users["party_office"]);
        var typo = await office.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "1900-01-01" })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["deadline"], typo.ErrorFields());
        Assert.Contains("截止日期应在2026年或2027年内", typo.GetProperty("detail").GetString());
        var campaign = (await office.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.Created)).Id();

        // the party office that opened it moves the deadline, saying why; a department head may not
        await (await f.As(w.Users["dept_head"])).Post($"/api/v1/campaigns/{campaign}/change", new { deadline = "2026-06-30", reason = "延期" }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["reason"], (await office.Post($"/api/v1/campaigns/{campaign}/change", new { deadline = "2026-06-30" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["deadline"], (await office.Post($"/api/v1/campaigns/{campaign}/change", new { deadline = "2099-01-01", reason = "延期" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var moved = await office.Post($"/api/v1/campaigns/{campaign}/change", new { deadline = "2026-12-31", reason = "机构改革，延期至年底" }).Expect(HttpStatusCode.OK);
        Assert.Equal("2026-12-31", moved.GetProperty("deadline").GetString());
        var audit = (await f.Auditor.GetAsync("/api/v1/audit?entityType=Campaign&pageSize=200").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("entityId").GetString() == campaign.ToString() && e.GetProperty("action").GetString() != "Insert").ToList();
        var change = Assert.Single(audit);
        Assert.Equal(w.Users["party_office"], change.GetProperty("userName").GetString());
        Assert.Contains("机构改革，延期至年底", change.GetProperty("changes").GetString());
        Assert.Contains("2026-12-31", change.GetProperty("changes").GetString());

        // 王芳's list is in her 待办 until the campaign ends; then it is not, and the campaign stays ended
        var staff = await f.As(w.Users["staff"]);
        Assert.NotEmpty((await staff.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray());
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var res = await page.SubmitAsync($"/Campaigns/Detail?id={campaign}", new() { ["reason"] = "全部清单已审定", ["close"] = "true" }, "handler=Change");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var detail = PageClient.Text(await page.GetAsync($"/Campaigns/Detail?id={campaign}"));
        Assert.Contains("已结束", detail);
        Assert.Contains("结束原因：全部清单已审定", detail);
        Assert.Empty((await staff.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray());
        await office.Post($"/api/v1/campaigns/{campaign}/change", new { deadline = "2026-12-30", reason = "再延期" }).Expect(HttpStatusCode.Conflict);
        var listed = (await office.GetAsync("/api/v1/campaigns").Expect(HttpStatusCode.OK)).EnumerateArray().Single(c => c.Id() == campaign);
        Assert.Equal("Closed", listed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_list_waiting_at_a_stage_nobody_can_decide_is_named_on_the_progress_board_with_what_is_missing()
    {
        // 004: a 二级单位's list goes on to 分管校领导意见 — here nobody holds that role above 卫健委
        var w = await World.CreateAsync(f, "无人可办");
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "sanjiang-2019", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var unitList = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("scope").GetString() == "Unit" && l.GetProperty("orgUnitId").GetInt32() == w.U1).Id();
        var office = await f.As(w.Users["party_office"]);
        await office.Post($"/api/v1/lists/{unitList}/risk-points", new { categoryCode = "duty", description = "科研经费报销审核不严", likelihood = 3, harm = 2,
            measures = new[] { new { text = "报销双人审核" } }, responsible = new { leader = "孙伟" } }).Expect(HttpStatusCode.Created);
        await office.PostAsync($"/api/v1/lists/{unitList}/submit", null).Expect(HttpStatusCode.OK);
        await (await f.As(w.Users["principal"])).Post($"/api/v1/lists/{unitList}/review", Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);

        var stuck = Assert.Single((await office.GetAsync($"/api/v1/campaigns/{campaign}/progress").Expect(HttpStatusCode.OK)).GetProperty("stuck").EnumerateArray());
        Assert.Equal((unitList, "分管校领导意见"), (stuck.GetProperty("listId").GetInt32(), stuck.GetProperty("stage").GetString()));
        Assert.Contains("没有可以办理“分管校领导意见”的账号", stuck.GetProperty("why").GetString());
        var board = await (await PageClient.LoginAsync(f, w.Users["party_office"])).GetAsync($"/Campaigns/Progress?id={campaign}");
        Assert.Contains("分管校领导意见", board.QuerySelector("#stuck")!.TextContent);

        // once someone holds the role, the list is no longer stuck
        await f.CreateUser(new { userName = $"v{w.Tag[^6..]}.vice", password = LianfangApp.Password, grants = new[] { new { role = "leader_in_charge", orgUnitId = w.C } } })
            .Expect(HttpStatusCode.Created);
        Assert.Empty((await office.GetAsync($"/api/v1/campaigns/{campaign}/progress").Expect(HttpStatusCode.OK)).GetProperty("stuck").EnumerateArray());
    }

    [Fact]
    public async Task An_inspection_dated_in_the_future_is_recorded_only_as_planned()
    {
        var w = await World.CreateAsync(f, "日期");
        var agency = await f.As(w.Users["agency"]);
        var future = f.App.Today.AddDays(20);
        var done = await agency.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, date = future, record = "已检查" }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["date"], done.ErrorFields());
        Assert.Contains("尚未开展的检查请登记为计划", done.GetProperty("detail").GetString());
        Assert.Equal(["date"], (await agency.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, date = "2099-01-01", planned = true })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var planned = await agency.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, date = future, planned = true }).Expect(HttpStatusCode.Created);
        Assert.Equal("Planned", (await agency.GetAsync($"/api/v1/inspections/{planned.Id()}").Expect(HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_inspection_is_corrected_or_withdrawn_with_a_reason_by_its_inspector_and_a_withdrawn_one_counts_nowhere()
    {
        var w = await World.CreateAsync(f, "撤销检查");
        var agency = await f.As(w.Users["agency"]);
        var today = f.App.Today;
        var talk = (await agency.Post("/api/v1/inspections", new { type = "Talk", orgUnitId = w.D1, personId = w.X1, date = today, record = "谈话提醒" }).Expect(HttpStatusCode.Created)).Id();
        await (await f.As(w.Users["staff"])).Put($"/api/v1/inspections/{talk}", new { date = today.AddDays(-3), reason = "日期填错" }).Expect(HttpStatusCode.Forbidden); // she sees the talk, not hers to change
        Assert.Equal(["reason"], (await agency.Put($"/api/v1/inspections/{talk}", new { date = today.AddDays(-3) }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["date"], (await agency.Put($"/api/v1/inspections/{talk}", new { date = today.AddDays(3), reason = "日期填错" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await agency.Put($"/api/v1/inspections/{talk}", new { date = today.AddDays(-3), record = "谈话提醒，本人表示接受", reason = "日期填错" }).Expect(HttpStatusCode.OK);
        var corrected = await agency.GetAsync($"/api/v1/inspections/{talk}").Expect(HttpStatusCode.OK);
        Assert.Equal((today.AddDays(-3).ToString("yyyy-MM-dd"), "谈话提醒，本人表示接受"), (corrected.GetProperty("date").GetString(), corrected.GetProperty("record").GetString()));
        var trail = (await f.Auditor.GetAsync("/api/v1/audit?entityType=Inspection&pageSize=200").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("entityId").GetString() == talk.ToString() && e.GetProperty("action").GetString() == "Update").ToList();
        Assert.Contains(trail, e => e.GetProperty("changes").GetString()!.Contains("日期填错"));

        async Task<bool> Listed() => (await agency.GetAsync($"/api/v1/inspections?orgUnitId={w.D1}").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Any(i => i.Id() == talk);
        Assert.True(await Listed());
        Assert.Equal(["reason"], (await agency.Post($"/api/v1/inspections/{talk}/withdraw", new { }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await agency.Post($"/api/v1/inspections/{talk}/withdraw", new { reason = "谈话对象登记错误" }).Expect(HttpStatusCode.OK);
        await agency.GetAsync($"/api/v1/inspections/{talk}").Expect(HttpStatusCode.NotFound);
        Assert.False(await Listed());

        // one whose finding went to rectification is corrected, not withdrawn
        var visit = (await agency.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, record = "抽查" }).Expect(HttpStatusCode.Created)).Id();
        await agency.Post($"/api/v1/inspections/{visit}/findings", new { description = "台账缺失" }).Expect(HttpStatusCode.Created);
        var kept = await agency.Post($"/api/v1/inspections/{visit}/withdraw", new { reason = "误登记" }).Expect(HttpStatusCode.Conflict);
        Assert.Contains("请更正检查记录", kept.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_disposition_recorded_by_mistake_is_withdrawn_with_a_reason_and_leaves_the_integrity_file()
    {
        var w = await World.CreateAsync(f, "撤销处置");
        var agency = await f.As(w.Users["agency"]);
        var future = f.App.Today.AddDays(5);
        Assert.Equal(["decidedOn"], (await agency.Post("/api/v1/dispositions", new { personId = w.X1, form = 1, measure = "谈话提醒", reason = "报销把关不严", decidedOn = future })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var id = (await agency.Post("/api/v1/dispositions", new { personId = w.X1, form = 1, measure = "诫勉", reason = "登记错人" }).Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.Single((await agency.GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.OK)).GetProperty("dispositions").EnumerateArray());
        await (await f.As(w.Users["staff"])).Post($"/api/v1/dispositions/{id}/withdraw", new { reason = "不是我" }).Expect(HttpStatusCode.NotFound);
        await agency.Post($"/api/v1/dispositions/{id}/withdraw", new { reason = "对象登记错误，应为他人" }).Expect(HttpStatusCode.OK);
        Assert.Empty((await agency.GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.OK)).GetProperty("dispositions").EnumerateArray());
        var trail = (await f.Auditor.GetAsync("/api/v1/audit?entityType=Disposition&pageSize=200").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray();
        Assert.Contains(trail, e => e.GetProperty("entityId").GetString() == id.ToString() && e.GetProperty("changes").GetString()!.Contains("对象登记错误"));
    }

    [Fact]
    public async Task A_wrong_assessment_is_withdrawn_with_a_reason_and_recorded_again()
    {
        var w = await World.CreateAsync(f, "撤销考核");
        await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "longsheng-2012", rootOrgUnitId = w.U1, deadline = "2026-12-31" }).Expect(HttpStatusCode.Created);
        var commission = await f.As(w.Users["commission"]);
        object Annual(int score) => new { orgUnitId = w.U1, year = 2026, kind = "Annual", items = Enumerable.Repeat(new { score }, 4).ToArray() };
        var wrong = (await commission.Post("/api/v1/assessments", Annual(10)).Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await commission.Post("/api/v1/assessments", Annual(24)).Expect(HttpStatusCode.Conflict);
        await (await f.As(w.Users["party_office"])).Post($"/api/v1/assessments/{wrong}/withdraw", new { reason = "分数录错" }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["reason"], (await commission.Post($"/api/v1/assessments/{wrong}/withdraw", new { reason = " " }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await commission.Post($"/api/v1/assessments/{wrong}/withdraw", new { reason = "分数录错" }).Expect(HttpStatusCode.OK);
        await commission.Post($"/api/v1/assessments/{wrong}/withdraw", new { reason = "再撤" }).Expect(HttpStatusCode.NotFound);
        var right = await commission.Post("/api/v1/assessments", Annual(24)).Expect(HttpStatusCode.Created);
        Assert.Equal("优秀", right.GetProperty("grade").GetString());
        // the withdrawn 不及格 no longer has a notice; the page keeps it in the history, marked
        await commission.GetAsync($"/api/v1/assessments/{wrong}/notice").Expect(HttpStatusCode.NotFound);
        Assert.Equal([24 * 4], (await commission.GetAsync($"/api/v1/assessments?orgUnitId={w.U1}").Expect(HttpStatusCode.OK)).EnumerateArray().Select(a => a.GetProperty("score").GetInt32()));
        var page = PageClient.Text(await (await PageClient.LoginAsync(f, w.Users["commission"])).GetAsync($"/Assessments?orgUnitId={w.U1}"));
        Assert.Contains("已撤销", page);
        Assert.Contains("分数录错", page);
    }
}

[Collection("sqlite")] public sealed class CampaignCorrectionTests_Sqlite(SqliteFixture f) : CampaignCorrectionTests(f);
[Collection("postgres")] public sealed class CampaignCorrectionTests_Postgres(PostgresFixture f) : CampaignCorrectionTests(f);
