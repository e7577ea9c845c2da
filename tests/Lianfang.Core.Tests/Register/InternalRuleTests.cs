using Lianfang.Core.Register;

namespace Lianfang.Core.Tests.Register;

public class InternalRuleTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    private static InternalRuleFields F(string? name = "《公务接待管理办法》", RuleChange? change = RuleChange.New, DateOnly? on = null) =>
        new(name, change, on ?? new DateOnly(2026, 3, 1), " 卫办〔2026〕3号 ", null);

    [Fact]
    public void A_rule_keeps_its_fields_trimmed()
    {
        var r = new InternalRule(1, 2, F(), Today);
        Assert.Equal(("《公务接待管理办法》", RuleChange.New, new DateOnly(2026, 3, 1), "卫办〔2026〕3号"), (r.Name, r.Change, r.AdoptedOn, r.DocumentNumber));
        Assert.Equal("新建立", InternalRule.Label(r.Change));
        Assert.Equal("修订", InternalRule.Label(RuleChange.Revised));
    }

    [Theory]
    [InlineData("name", "  ", "New", "2026-03-01", "制度名称不能为空")]
    [InlineData("change", "《办法》", null, "2026-03-01", "请选择新建立或修订")]
    [InlineData("adoptedOn", "《办法》", "Revised", "2026-07-01", "不能晚于今天（2026-06-30）")]
    public void A_rule_without_what_the_summary_counts_is_refused_naming_the_field(string field, string name, string? change, string on, string message)
    {
        var e = Assert.Throws<DomainException>(() => new InternalRule(1, 2,
            F(name, change is null ? null : Enum.Parse<RuleChange>(change), DateOnly.Parse(on)), Today));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_rule_without_a_date_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => new InternalRule(1, 2, new InternalRuleFields("《办法》", RuleChange.New, null, null, null), Today));
        Assert.Equal("adoptedOn", e.Field);
    }

    [Fact]
    public void Setting_the_points_replaces_them_and_keeps_each_once()
    {
        var r = new InternalRule(1, 2, F(), Today);
        r.SetPoints([5, 6, 6]);
        Assert.Equal([5L, 6L], r.Points.Select(p => p.RiskPointId).Order());
        r.SetPoints([6, 7]);
        Assert.Equal([6L, 7L], r.Points.Select(p => p.RiskPointId).Order());
        r.SetPoints([]);
        Assert.Empty(r.Points);
    }
}
