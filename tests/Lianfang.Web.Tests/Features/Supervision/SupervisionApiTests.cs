using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Supervision;

public abstract class SupervisionApiTests(AppFixture f)
{
    private static MultipartFormDataContent Pdf(string name = "整改台账.pdf")
    {
        var content = new ByteArrayContent("%PDF-1.4\n整改佐证\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [Fact]
    public async Task A_written_inquiry_gets_its_reply_its_finding_goes_overdue_and_clears_when_verified()
    {
        var s = await WrittenList.ApprovedAsync(f, "问询整改");
        var point = await s.ImportantPointAsync(f);
        var agency = await f.As(s.W.Users["agency"]);
        var head = await f.As(s.W.Users["dept_head"]);
        await (await f.As(s.W.Users["staff"])).Post("/api/v1/inspections", new { type = "Written", riskPointIds = new[] { point }, subject = "说明" }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["subject"], (await agency.Post("/api/v1/inspections", new { type = "Written", riskPointIds = new[] { point } }).Expect(HttpStatusCode.BadRequest)).ErrorFields());

        var inquiry = await agency.Post("/api/v1/inspections", new { type = "Written", riskPointIds = new[] { point }, subject = "请说明资金拨付双人复核的执行情况" })
            .Expect(HttpStatusCode.Created);
        Assert.Equal("Open", inquiry.GetProperty("status").GetString());
        var id = inquiry.Id();
        await (await f.As(s.W.Users["staff"])).Post($"/api/v1/inspections/{id}/complete", new { record = "我来答" }).Expect(HttpStatusCode.NotFound);
        await head.Post($"/api/v1/inspections/{id}/complete", new { record = "已执行双人复核，附 1–6 月台账" }).Expect(HttpStatusCode.OK);
        var done = await agency.GetAsync($"/api/v1/inspections/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal(("Done", "已执行双人复核，附 1–6 月台账"), (done.GetProperty("status").GetString(), done.GetProperty("record").GetString()));
        await (await f.As((await f.OtherWorldAsync()).Users["agency"])).GetAsync($"/api/v1/inspections/{id}").Expect(HttpStatusCode.NotFound);

        await agency.Post($"/api/v1/inspections/{id}/findings", new
        {
            description = "6 月有两笔拨付仅一人签字", riskPointId = point,
            rectification = new { ownerOrgUnitId = s.W.D1, ownerPersonId = s.W.X1, task = "补签并建立复核台账", deadline = f.App.Day(-1) },
        }).Expect(HttpStatusCode.BadRequest); // a deadline in the past
        await agency.Post($"/api/v1/inspections/{id}/findings", new
        {
            description = "6 月有两笔拨付仅一人签字", riskPointId = point,
            rectification = new { ownerOrgUnitId = s.W.D1, ownerPersonId = s.W.X1, task = "补签并建立复核台账", deadline = f.App.Day(0) },
        }).Expect(HttpStatusCode.Created);
        var rect = (await head.GetAsync("/api/v1/rectifications").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("task").GetString() == "补签并建立复核台账");
        var rid = rect.GetProperty("id").GetInt64();

        // time passes: the deadline was yesterday
        await f.App.WithDbAsync(async db =>
        {
            var r = await db.Rectifications.FindAsync(rid);
            db.Entry(r!).Property(x => x.Deadline).CurrentValue = f.App.Today.AddDays(-2);
            return await db.SaveChangesAsync();
        });
        await f.Admin.PostAsync("/api/v1/warnings/sweep", null).Expect(HttpStatusCode.OK);
        var overdue = Assert.Single(await agency.WarningsAsync("rectification-overdue"), w => w.GetProperty("targetId").GetInt64() == rid);
        Assert.Contains("2 天", overdue.GetProperty("message").GetString());
        Assert.Contains("王芳", overdue.GetProperty("assignee").GetString());
        Assert.True((await head.GetAsync($"/api/v1/rectifications/{rid}").Expect(HttpStatusCode.OK)).GetProperty("overdue").GetBoolean());

        Assert.Equal(["evidence"], (await head.Post($"/api/v1/rectifications/{rid}/submit", new { report = "已补签" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var fake = new MultipartFormDataContent { { new ByteArrayContent("not a pdf"u8.ToArray()), "file", "台账.pdf" } };
        Assert.Equal(["file"], (await head.PostAsync($"/api/v1/rectifications/{rid}/evidence", fake).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var evidence = await head.PostAsync($"/api/v1/rectifications/{rid}/evidence", Pdf()).Expect(HttpStatusCode.Created);
        Assert.Equal(64, evidence.GetProperty("sha256").GetString()!.Length);
        var download = await agency.GetAsync($"/api/v1/rectifications/{rid}/evidence/{evidence.Id()}");
        Assert.StartsWith("%PDF", await download.Content.ReadAsStringAsync());
        await head.Post($"/api/v1/rectifications/{rid}/submit", new { report = "已补签，台账建立" }).Expect(HttpStatusCode.OK);

        await head.Post($"/api/v1/rectifications/{rid}/verify", new { passed = true }).Expect(HttpStatusCode.Forbidden);
        var back = await agency.Post($"/api/v1/rectifications/{rid}/verify", new { passed = false, comment = "台账缺 5 月" }).Expect(HttpStatusCode.OK);
        Assert.Equal(("Open", 1), (back.GetProperty("status").GetString(), back.GetProperty("reopened").GetInt32()));
        Assert.Single(await agency.WarningsAsync("rectification-overdue"), w => w.GetProperty("targetId").GetInt64() == rid);
        await head.Post($"/api/v1/rectifications/{rid}/submit", new { report = "已补齐 5 月" }).Expect(HttpStatusCode.OK);
        await agency.Post($"/api/v1/rectifications/{rid}/verify", new { passed = true }).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(await agency.WarningsAsync("rectification-overdue"), w => w.GetProperty("targetId").GetInt64() == rid);
        await (await f.As((await f.OtherWorldAsync()).Users["agency"])).GetAsync($"/api/v1/rectifications/{rid}").Expect(HttpStatusCode.NotFound);
    }

    [Rules.RuleEffect(Lianfang.Core.Schemes.RuleKinds.LeaderInspections)]
    [Fact]
    public async Task A_leader_with_one_inspection_of_a_point_shows_short_on_the_scorecard()
    {
        var w = await World.CreateAsync(f, "一岗双责");
        var sun = (await f.Admin.Post("/api/v1/people", new { name = "孙伟", title = "副主任", orgUnitId = w.U1 }).Expect(HttpStatusCode.Created)).Id();
        var leaderUser = $"{w.Users["leader_in_charge"]}.p";
        await f.CreateUser(new { userName = leaderUser, password = LianfangApp.Password, personId = sun, grants = new[] { new { role = "leader_in_charge", orgUnitId = w.D1 } } })
            .Expect(HttpStatusCode.Created);
        // last year's scorecard: the year is over, so all its inspections are due (this year's counts its share so far, as the warning does)
        var year = f.App.Today.Year - 1;
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "排查", year, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = $"{year}-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var list = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var staff = await f.As(w.Users["staff"]);
        var p1 = (await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "power", description = "资金拨付", levelCode = "general", responsible = new { leader = "孙伟" },
                measures = new[] { new { text = "双人复核" } }, supervision = WrittenList.Supervision, elementsChecked = true })
            .Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "post", description = "票据审核", levelCode = "general", responsible = new { leader = "孙伟" },
                measures = new[] { new { text = "双人复核" } }, supervision = WrittenList.Supervision, elementsChecked = true })
            .Expect(HttpStatusCode.Created);
        await staff.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        foreach (var role in WrittenList.Reviewers)
            await (await f.As(w.Users[role])).Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);

        await (await f.As(leaderUser)).Post("/api/v1/inspections", new { type = "Talk", riskPointIds = new[] { p1 }, personId = w.X1, date = $"{year}-12-01",
                record = "与王芳谈话，提醒严格执行复核" })
            .Expect(HttpStatusCode.Created);
        var card = (await (await f.As(w.Users["party_office"])).GetAsync($"/api/v1/scorecard?orgUnitId={w.U1}&year={year}").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var sunRow = Assert.Single(card);
        Assert.Equal("孙伟", sunRow.GetProperty("leader").GetString());
        Assert.Equal(2, sunRow.GetProperty("shortCount").GetInt32());
        var talked = sunRow.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("pointId").GetInt64() == p1);
        Assert.Equal((1, 2, 2, true), (talked.GetProperty("inspections").GetInt32(), talked.GetProperty("required").GetInt32(), talked.GetProperty("due").GetInt32(),
            talked.GetProperty("short").GetBoolean()));
        // the person talked to sees the talk; a colleague does not
        Assert.Equal(1, (await staff.GetAsync("/api/v1/inspections").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_disposition_lands_in_the_persons_record_with_the_measures_its_form_allows()
    {
        var w = await World.CreateAsync(f, "四种形态");
        var agency = await f.As(w.Users["agency"]);
        Assert.Equal(["measure"], (await agency.Post("/api/v1/dispositions", new { personId = w.X1, form = 1, measure = "党纪重处分", reason = "违规收受礼品" })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await (await f.As(w.Users["dept_head"])).Post("/api/v1/dispositions", new { personId = w.X1, form = 1, measure = "谈话提醒", reason = "违规收受礼品" })
            .Expect(HttpStatusCode.Forbidden);
        await agency.Post("/api/v1/dispositions", new { personId = w.X1, form = 1, measure = "谈话提醒", reason = "违规收受礼品", decidedOn = f.App.Day(0) })
            .Expect(HttpStatusCode.Created);
        var record = (await agency.GetAsync($"/api/v1/people/{w.X1}/dispositions").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(("第一种形态", "谈话提醒"), (record[0].GetProperty("formName").GetString(), record[0].GetProperty("measure").GetString()));
        Assert.Single((await (await f.As(w.Users["staff"])).GetAsync($"/api/v1/people/{w.X1}/dispositions").Expect(HttpStatusCode.OK)).EnumerateArray());
        await (await f.As(w.Users["dept_head"])).GetAsync($"/api/v1/people/{w.X1}/dispositions").Expect(HttpStatusCode.NotFound);
        await (await f.As((await f.OtherWorldAsync()).Users["agency"])).GetAsync($"/api/v1/people/{w.X1}/dispositions").Expect(HttpStatusCode.NotFound);
    }
}

[Collection("sqlite")] public sealed class SupervisionApiTests_Sqlite(SqliteFixture f) : SupervisionApiTests(f);
[Collection("postgres")] public sealed class SupervisionApiTests_Postgres(PostgresFixture f) : SupervisionApiTests(f);
