using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Review;

public class FilingTests
{
    private static RiskPoint Point(RiskList list, Scheme scheme, long id, string level)
    {
        var point = new RiskPoint(list, (int)id, scheme, new RiskPointContent(scheme.Categories[0].Code, $"风险点{id}", null, level, null, null, null,
            [new ControlMeasure("双人复核")], null, new Responsible()));
        typeof(RiskPoint).GetProperty(nameof(RiskPoint.Id))!.SetValue(point, id); // EF's key
        return point;
    }

    [Fact]
    public void Final_approval_files_the_points_of_the_levels_the_scheme_names_and_no_other()
    {
        var scheme = Presets.Find("shaoxing-2018")!; // 重要廉洁风险点防控清单报市纪委（监委）备案
        var list = new RiskList(new Campaign("排查", 2026, scheme, 1, new DateOnly(2026, 5, 31), null, Times.Now), ListScope.Department, 10, null, null);
        var filed = Filing.OnFinalApproval(scheme, list, [Point(list, scheme, 1, "important"), Point(list, scheme, 2, "general"), Point(list, scheme, 3, "important")],
            commissionId: 7, Times.Now).ToList();
        Assert.Equal([1L, 3L], filed.Select(f => f.RiskPointId));
        Assert.All(filed, f => Assert.Equal((7, "important", Times.Now), (f.CommissionId!.Value, f.LevelCode, f.FiledAt)));
    }

    [Fact]
    public void A_scheme_without_the_filing_rule_files_nothing()
    {
        var scheme = Presets.All.First(s => !s.Has(RuleKinds.Filing));
        var level = scheme.Levels[0].Code;
        var list = new RiskList(new Campaign("排查", 2026, scheme, 1, new DateOnly(2026, 5, 31), null, Times.Now), ListScope.Department, 10, null, null);
        Assert.Empty(Filing.OnFinalApproval(scheme, list, [Point(list, scheme, 1, level)], commissionId: 7, Times.Now));
    }
}
