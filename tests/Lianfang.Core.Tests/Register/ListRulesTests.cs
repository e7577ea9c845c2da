using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Register;

/// <summary>000's five items and 责任领导 as the list rules check them before a list goes to review.</summary>
public class ListRulesTests
{
    private static readonly Scheme Shaoxing = Presets.Find("shaoxing-2018")!;
    private static readonly Scheme Finance = Presets.Find("lianyun-finance")!;

    private static RiskList List(Scheme s) => new(new Campaign("2026年度排查", 2026, s, 1, new DateOnly(2026, 5, 31), null, Times.Now), ListScope.Post, 10, 20, null);

    private static RiskPoint Point(RiskList list, int seq, string? leader = "孙伟", bool measures = true, bool supervision = true) =>
        new(list, seq, Shaoxing, new RiskPointContent("power", $"风险{seq}", null, "important", null, null, null,
            measures ? [new ControlMeasure("双人复核")] : null, supervision ? new SupervisionPath(Methods: ["查阅资料"]) : null,
            new Responsible(leader, "财务处", ["王芳"])));

    [Fact]
    public void Every_point_carries_the_five_items_before_it_is_submitted()
    {
        var list = List(Shaoxing);
        ListRules.EnsureRequiredItems(Shaoxing, [Point(list, 1)]);
        var e = Assert.Throws<DomainException>(() => ListRules.EnsureRequiredItems(Shaoxing, [Point(list, 1), Point(list, 2, measures: false, supervision: false)]));
        Assert.Equal("riskPoints", e.Field);
        Assert.Contains("第 2 条缺少防控措施、监督检查路径", e.Message);
        ListRules.EnsureRequiredItems(Finance, [Point(list, 2, measures: false, supervision: false)]); // 002 states no such rule
    }

    [Fact]
    public void The_agency_confirms_each_item_one_by_one()
    {
        var agency = Shaoxing.ListKind(ListScope.Post).Stages.Single(s => s.Actor == StageActor.Agency);
        var principal = Shaoxing.ListKind(ListScope.Post).Stages.Single(s => s.Actor == StageActor.Principal);
        Assert.True(ListRules.ChecksItems(Shaoxing, agency));
        Assert.False(ListRules.ChecksItems(Shaoxing, principal));
        var e = Assert.Throws<DomainException>(() => ListRules.EnsureChecked(Shaoxing, agency, ["description", "防控措施", "level"]));
        Assert.Equal("checkedItems", e.Field);
        Assert.EndsWith("尚未确认：监督检查路径、相关责任人", e.Message);
        Assert.Equal(["description", "measures", "supervision", "level", "responsible"],
            ListRules.EnsureChecked(Shaoxing, agency, ["相关责任人", "supervision", "level", "measures", "description"]));
    }

    [Fact]
    public void Every_point_names_a_leader_who_is_a_person_of_the_unit()
    {
        var list = List(Shaoxing);
        var people = new HashSet<string> { "孙伟", "陈刚" };
        ListRules.EnsureLeaders([Point(list, 1, "孙伟、陈刚")], people);
        var e = Assert.Throws<DomainException>(() => ListRules.EnsureLeaders([Point(list, 1, null), Point(list, 2, "孙伟，张三")], people));
        Assert.Equal("responsible.leader", e.Field);
        Assert.Contains("第 1 条未写明责任领导；第 2 条的责任领导“张三”不是本单位在册人员", e.Message);
        Assert.True(ListRules.NeedsLeader(Shaoxing, list));
        Assert.False(ListRules.NeedsLeader(Finance, List(Finance)));
    }
}
