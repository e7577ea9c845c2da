using Lianfang.Core.Reports;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Reports;

public class SummaryTests
{
    private static readonly Scheme Longsheng = Presets.Find("longsheng-2012")!;

    private static SummaryPoint P(string category, string level, int methods = 0, params string[] measures) => new(category, level, measures, methods);

    [Fact]
    public void Rows_count_points_per_category_and_level_and_the_total_adds_them_up()
    {
        var table = Summary.Compute(Longsheng,
        [
            new("办公室", ["p1", "p2", "u9"], [P("morality", "level1", 2, "建立公务接待管理办法", "严格执行请销假制度"), P("morality", "level3"), P("system", "level2", 1, "修订财务管理制度")],
                newRules: 1, revisedRules: 1),
            new("财务股", ["p3", "u9"], [P("duty", "level2", 0, "完善内控流程", "定期轮岗")], revisedRules: 1),
            new("后勤股", [], []),
        ]);

        var office = table.Rows[0];
        Assert.Equal((3, 3), (office.Participants, office.Points));
        Assert.Equal(1, office.Count("morality", "level1"));
        Assert.Equal(1, office.Count("morality", "level3"));
        Assert.Equal(0, office.Count("duty", "level1"));
        Assert.Equal((3, 3, 1, 1), (office.Measures, office.SupervisionMethods, office.NewSystems, office.RevisedSystems));

        Assert.Equal(0, table.Rows[2].Points);
        var total = table.Total;
        Assert.Equal("总合计", total.Label);
        Assert.Equal(4, total.Participants); // u9 signed in two rows, counted once
        Assert.Equal(4, total.Points);
        Assert.Equal(5, total.Measures);
        Assert.Equal((1, 2), (total.NewSystems, total.RevisedSystems)); // 制度 records, not words in the measures
        Assert.Equal(table.Rows.Sum(r => r.Points), total.Points);
        Assert.Equal(["morality", "duty", "system"], table.Categories.Select(c => c.Code)); // optional categories only when used
        Assert.Equal(["level1", "level2", "level3"], table.Levels.Select(l => l.Code));
    }

    [Fact]
    public void Optional_unclassified_and_unrated_points_get_columns_only_when_present()
    {
        var table = Summary.Compute(Longsheng, [new("窗口", ["p1"], [P("efficiency", "level2"), P(Scheme.UnclassifiedCode, Scheme.UnratedCode)])]);
        Assert.Contains(table.Categories, c => c.Code == "efficiency");
        Assert.Contains(table.Categories, c => c.Code == Scheme.UnclassifiedCode);
        Assert.Contains(table.Levels, l => l.Code == Scheme.UnratedCode);
        Assert.Equal(1, table.Total.Count(Scheme.UnclassifiedCode, Scheme.UnratedCode));
    }
}
