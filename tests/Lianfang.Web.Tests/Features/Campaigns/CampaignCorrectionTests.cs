using System.Net;
using System.Text.Json;
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
        var audit = (await f.Admin.GetAsync("/api/v1/audit?entityType=Campaign&pageSize=200").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
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
    public async Task An_inspection_dated_in_the_future_is_recorded_only_as_planned()
    {
        var w = await World.CreateAsync(f, "日期");
        var agency = await f.As(w.Users["agency"]);
        var future = Lianfang.Web.Infrastructure.Clock.Today.AddDays(20);
        var done = await agency.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, date = future, record = "已检查" }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["date"], done.ErrorFields());
        Assert.Contains("尚未开展的检查请登记为计划", done.GetProperty("detail").GetString());
        Assert.Equal(["date"], (await agency.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, date = "2099-01-01", planned = true })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var planned = await agency.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, date = future, planned = true }).Expect(HttpStatusCode.Created);
        Assert.Equal("Planned", (await agency.GetAsync($"/api/v1/inspections/{planned.Id()}").Expect(HttpStatusCode.OK)).GetProperty("status").GetString());
    }
}

[Collection("sqlite")] public sealed class CampaignCorrectionTests_Sqlite(SqliteFixture f) : CampaignCorrectionTests(f);
[Collection("postgres")] public sealed class CampaignCorrectionTests_Postgres(PostgresFixture f) : CampaignCorrectionTests(f);
