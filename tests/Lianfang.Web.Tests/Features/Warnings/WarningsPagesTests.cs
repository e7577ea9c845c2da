using System.Net;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Warnings;

public abstract class WarningsPagesTests(AppFixture f)
{
    [Fact]
    public async Task Warnings_scorecard_and_disposition_pages_show_what_the_rules_and_records_say()
    {
        var s = await WrittenList.ApprovedAsync(f, "页面预警");
        await f.Admin.PostAsync("/api/v1/warnings/sweep", null).Expect(HttpStatusCode.OK);
        var office = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        var warnings = PageClient.Text(await office.GetAsync("/Warnings?rule=important-without-project"));
        Assert.Contains("重要风险点未立项监督", warnings);
        Assert.Contains("资金拨付中优亲厚友", warnings);
        Assert.Contains("管辖范围内的预警（供督办）", PageClient.Text(await office.GetAsync("/Inbox")));
        Assert.DoesNotContain("资金拨付中优亲厚友", PageClient.Text(await (await PageClient.LoginAsync(f, (await f.OtherWorldAsync()).Users["party_office"])).GetAsync("/Warnings")));

        Assert.Contains("一岗双责检查情况", PageClient.Text(await office.GetAsync("/Supervision/Scorecard")));

        var res = await office.SubmitAsync($"/Supervision/Dispositions?personId={s.W.X1}", new() { ["formAndMeasure"] = "1|谈话提醒", ["reason"] = "报销把关不严" }, "#disposition-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var staff = await PageClient.LoginAsync(f, s.W.Users["staff"]);
        var own = PageClient.Text(await staff.GetAsync($"/Supervision/Dispositions?personId={s.W.X1}"));
        Assert.Contains("第一种形态", own);
        Assert.Contains("谈话提醒", own);
        await (await PageClient.LoginAsync(f, s.W.Users["dept_head"])).GetAsync($"/Supervision/Dispositions?personId={s.W.X1}", HttpStatusCode.NotFound);
    }
}

[Collection("sqlite")] public sealed class WarningsPagesTests_Sqlite(SqliteFixture f) : WarningsPagesTests(f);
[Collection("postgres")] public sealed class WarningsPagesTests_Postgres(PostgresFixture f) : WarningsPagesTests(f);
