using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Register;

public class CompletenessTests
{
    private static readonly Scheme Shaoxing = Presets.Find("shaoxing-2018")!;

    private static RiskList List() => new(new Campaign("2026年度排查", 2026, Shaoxing, 1, new DateOnly(2026, 5, 31), null, Times.Now), ListScope.Unit, 10, null, null);

    private static RiskPoint Point(RiskList list, int seq, string category, string level) =>
        new(list, seq, Shaoxing, new RiskPointContent(category, $"风险{seq}", null, level, null, null, null, null, null, null));

    [Fact]
    public void Unclassified_and_unrated_points_can_be_kept_as_drafts_but_block_submitting()
    {
        var list = List();
        var points = new[] { Point(list, 1, "decision", "general"), Point(list, 2, Scheme.UnclassifiedCode, "general"), Point(list, 3, "post", Scheme.UnratedCode) };
        Assert.Equal("未分类", Shaoxing.Category(points[1].CategoryCode)!.Name);
        Assert.Equal("未定级", Shaoxing.Level(points[2].LevelCode)!.Name);
        var e = Assert.Throws<DomainException>(() => Completeness.EnsureReadyToSubmit(points));
        Assert.Equal("riskPoints", e.Field);
        Assert.Contains("第 2 条风险点未分类", e.Message);
        Assert.Contains("第 3 条风险点未定级", e.Message);
        Completeness.EnsureReadyToSubmit(points.Take(1));
    }

    [Fact]
    public void A_custom_scheme_may_not_take_the_reserved_codes()
    {
        var bad = Shaoxing with { Code = "my-copy", Categories = [.. Shaoxing.Categories, new RiskCategoryDef { Code = Scheme.UnclassifiedCode, Name = "杂项" }] };
        Assert.Equal("categories", Assert.Throws<DomainException>(() => SchemeValidator.Validate(bad)).Field);
    }
}
