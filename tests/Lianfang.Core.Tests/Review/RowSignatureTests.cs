using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Review;

public class RowSignatureTests
{
    private static readonly Scheme Health = Presets.Find("shaoxing-health-2018")!;

    private static (RiskList List, RiskPoint Point) Row(params string[] persons)
    {
        var list = new RiskList(new Campaign("排查", 2026, Health, 1, new DateOnly(2026, 5, 31), null, Times.Now), ListScope.Department, 10, null, null);
        var point = new RiskPoint(list, 1, Health, new RiskPointContent("post", "报销审核不严", null, "general", null, null, null, [new ControlMeasure("双人复核")], null,
            new Responsible(Persons: persons)));
        typeof(RiskPoint).GetProperty(nameof(RiskPoint.Id))!.SetValue(point, 5L);
        return (list, point);
    }

    [Fact]
    public void Every_person_a_row_names_signs_it_as_it_stands()
    {
        var people = new Dictionary<string, int> { ["王芳"] = 1, ["李明"] = 2 };
        var (list, point) = Row("王芳", "李明");
        Assert.Equal(["第 1 条待“王芳”签字", "第 1 条待“李明”签字"], RowSignature.Missing([point], [], people));
        var signed = new RowSignature(list, point, 1, "王芳", 11, Times.Now);
        Assert.Equal(["第 1 条待“李明”签字"], RowSignature.Missing([point], [signed], people));
        point.Update(Health, point.ToContent() with { Measures = [new ControlMeasure("双人复核"), new ControlMeasure("每月抽查")] });
        Assert.False(signed.Covers(point)); // changed after signing: to be signed again
        Assert.Equal(["第 1 条没有写明责任人员"], RowSignature.Missing([Row().Point], [], people));
        Assert.Equal(["第 1 条的责任人员“孙丽”不是本处室（单位）人员"], RowSignature.Missing([Row("孙丽").Point], [], people));
    }

    [Fact]
    public void A_self_check_of_a_post_in_a_department_is_final_while_a_leader_directly_under_the_unit_goes_to_the_committee()
    {
        var campaign = new Campaign("排查", 2026, Health, 1, new DateOnly(2026, 5, 31), null, Times.Now);
        var commission = new Lianfang.Core.Org.OrgUnit("纪委", Lianfang.Core.Org.OrgUnitKind.Commission, null, "0001");
        var unit = new Lianfang.Core.Org.OrgUnit("卫健委", Lianfang.Core.Org.OrgUnitKind.Unit, commission, "00010001");
        var staff = new RiskList(campaign, ListScope.Person, 10, 3, 7);
        typeof(RiskList).GetProperty(nameof(RiskList.OrgUnit))!.SetValue(staff, new Lianfang.Core.Org.OrgUnit("财务处", Lianfang.Core.Org.OrgUnitKind.Department, unit, "000100010001"));
        Assert.True(Workflow.Submit(Health, staff).Final);
        var leader = new RiskList(campaign, ListScope.Person, 9, 4, 8);
        typeof(RiskList).GetProperty(nameof(RiskList.OrgUnit))!.SetValue(leader, unit);
        Assert.Equal("committee", Workflow.Submit(Health, leader).NextStage!.Code);
    }
}
