using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Filings;

public abstract class FilingsPagesTests(AppFixture f)
{
    [Rules.RuleEffect(Lianfang.Core.Schemes.RuleKinds.Filing)]
    [Fact]
    public async Task The_commission_sees_filed_points_of_its_units_and_nobody_else_does()
    {
        var (w, _, _) = await WrittenList.ApprovedAsync(f, "页面备案");
        var commission = await PageClient.LoginAsync(f, w.Users["commission"]);
        var text = PageClient.Text(await commission.GetAsync($"/Filings?orgUnitId={w.U1}"));
        Assert.Contains("资金拨付中优亲厚友", text);
        Assert.Contains("重要", text);
        Assert.DoesNotContain("报销把关不严", text); // 一般 points are not filed
        var other = await PageClient.LoginAsync(f, (await f.OtherWorldAsync()).Users["commission"]);
        Assert.DoesNotContain("资金拨付中优亲厚友", PageClient.Text(await other.GetAsync("/Filings")));
    }
}

[Collection("sqlite")] public sealed class FilingsPagesTests_Sqlite(SqliteFixture f) : FilingsPagesTests(f);
[Collection("postgres")] public sealed class FilingsPagesTests_Postgres(PostgresFixture f) : FilingsPagesTests(f);
