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
        Assert.Equal(["items[1].gap"], (await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Quarterly", quarter = 3,
            items = new object[] { new { score = 25 }, new { score = 20 }, new { score = 25 }, new { score = 25 } } }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var q = await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Quarterly", quarter = 3, items = Items(25, 20, 25, 25) }).Expect(HttpStatusCode.Created);
        Assert.Equal(95, q.GetProperty("score").GetInt32());
        await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Annual", items = Items(25, 25, 25, 25) }).Expect(HttpStatusCode.Forbidden);
        await (await f.As(w.Users["staff"])).Post("/api/v1/assessments", new { orgUnitId = w.D1, year = 2026, kind = "Quarterly", quarter = 3, items = Items(25, 25, 25, 25) }).Expect(HttpStatusCode.Forbidden);

        var annual = await commission.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2026, kind = "Annual", items = Items(20, 10, 15, 14) }).Expect(HttpStatusCode.Created);
        Assert.Equal(("不及格", true), (annual.GetProperty("grade").GetString(), annual.GetProperty("needsRectification").GetBoolean()));
        var history = (await office.GetAsync($"/api/v1/assessments?orgUnitId={w.U1}").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["Annual", "Quarterly"], history.Select(h => h.GetProperty("kind").GetString()));
        Assert.Empty((await (await f.As(w.Users["dept_head"])).GetAsync($"/api/v1/assessments?orgUnitId={w.U1}").Expect(HttpStatusCode.OK)).EnumerateArray());

        var notice = await office.GetAsync($"/api/v1/assessments/{annual.Id()}/notice?format=docx");
        Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
        var text = (await LibreOffice.ConvertAsync(LibreOffice.Text, "txt", new Dictionary<string, byte[]> { ["notice.docx"] = await notice.Content.ReadAsByteArrayAsync() }))["notice.docx"];
        Assert.Contains("考核整改通知", text);
        Assert.Contains("得分 10/25", text);
        await office.GetAsync($"/api/v1/assessments/{q.Id()}/notice").Expect(HttpStatusCode.Conflict);
        await (await f.As((await f.OtherWorldAsync()).Users["commission"])).GetAsync($"/api/v1/assessments/{annual.Id()}/notice").Expect(HttpStatusCode.NotFound);

        var page = await PageClient.LoginAsync(f, w.Users["commission"]);
        var res = await page.SubmitAsync($"/Assessments?orgUnitId={w.U2}", new()
        {
            ["kind"] = "Annual", ["year"] = "2026", ["items[0].score"] = "25", ["items[1].score"] = "24", ["items[2].score"] = "23", ["items[3].score"] = "20",
        }, "#assessment-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("优秀", PageClient.Text(await page.GetAsync($"/Assessments?orgUnitId={w.U2}")));
    }
}

[Collection("sqlite")] public sealed class AssessmentTests_Sqlite(SqliteFixture f) : AssessmentTests(f);
[Collection("postgres")] public sealed class AssessmentTests_Postgres(PostgresFixture f) : AssessmentTests(f);
