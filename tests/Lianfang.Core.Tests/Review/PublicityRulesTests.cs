using Lianfang.Core.Review;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Review;

/// <summary>The Publication rule's periods: 003's 单位内公示 lasts the scheme's days and ends before the next stage.</summary>
public class PublicityRulesTests
{
    private static readonly Scheme Longsheng = Presets.Find("longsheng-2012")!;
    private static readonly ReviewStageDef Stage = Longsheng.ListKind(ListScope.Unit).Stages.Single(s => s.Publicity);
    private static readonly DateOnly Today = new(2026, 6, 10);

    [Fact]
    public void A_publication_shorter_than_the_schemes_period_is_refused()
    {
        Assert.Equal(5, PublicityRules.Days(Longsheng));
        PublicityRules.EnsureLongEnough(Longsheng, Today, Today.AddDays(4));
        var e = Assert.Throws<DomainException>(() => PublicityRules.EnsureLongEnough(Longsheng, Today, Today.AddDays(3)));
        Assert.Equal("until", e.Field);
        Assert.Contains("公示期不少于 5 天", e.Message);
        PublicityRules.EnsureLongEnough(Presets.Find("lianyun-finance")!, Today, Today); // 002 names no period
    }

    [Fact]
    public void The_publicity_stage_passes_only_once_the_list_was_shown_and_the_period_is_over()
    {
        Assert.Contains("尚未在单位内公示", Assert.Throws<DomainException>(() => PublicityRules.EnsureEnded(Stage, null, null, Today)).Message);
        Assert.Contains("公示期至 2026-06-10", Assert.Throws<DomainException>(() => PublicityRules.EnsureEnded(Stage, Today.AddDays(-4), Today, Today)).Message);
        PublicityRules.EnsureEnded(Stage, Today.AddDays(-5), Today.AddDays(-1), Today);
    }
}
