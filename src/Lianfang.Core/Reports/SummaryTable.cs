using Lianfang.Core.Schemes;

namespace Lianfang.Core.Reports;

/// <summary>What the 汇总表 needs of one point: its category, the level that counts, its measures and supervision methods.</summary>
public sealed record SummaryPoint(string CategoryCode, string LevelCode, IReadOnlyList<string> Measures, int SupervisionMethods);

/// <summary>The points of one category × level in a row, and what their measures and supervision methods add up to.</summary>
public sealed record SummaryCell(string CategoryCode, string LevelCode, int Points, int Measures, int SupervisionMethods)
{
    public static IReadOnlyList<SummaryCell> Of(IEnumerable<SummaryPoint> points) =>
    [
        .. points.GroupBy(p => (p.CategoryCode, p.LevelCode)).Select(g => new SummaryCell(g.Key.CategoryCode, g.Key.LevelCode, g.Count(),
            g.Sum(p => p.Measures.Count), g.Sum(p => p.SupervisionMethods))),
    ];
}

/// <summary>
/// One row of the 汇总表: a unit or department (with its subtree), how many people took part in finding its risks, and
/// its points by category × level (counted in the database at scale), and the 制度 it set up or revised (records, see
/// <see cref="Register.InternalRule"/>). With the participants' keys the total row counts each person once across rows.
/// </summary>
/// <param name="OrgUnitId">the unit whose subtree the row counts (null for a unit's 本级 row, which is not a subtree)</param>
public sealed record SummaryInput(string Label, int Participants, IReadOnlyList<SummaryCell> Cells, IReadOnlyCollection<string>? ParticipantKeys = null,
    int? OrgUnitId = null, int NewRules = 0, int RevisedRules = 0)
{
    public SummaryInput(string label, IReadOnlyCollection<string> participants, IReadOnlyList<SummaryPoint> points, int newRules = 0, int revisedRules = 0)
        : this(label, participants.Distinct().Count(), SummaryCell.Of(points), participants, null, newRules, revisedRules) { }
}

public sealed record SummaryRow(string Label, int Participants, int Points, IReadOnlyDictionary<(string Category, string Level), int> Counts,
    int Measures, int SupervisionMethods, int NewSystems, int RevisedSystems, int? OrgUnitId = null)
{
    public int Count(string category, string level) => Counts.TryGetValue((category, level), out var n) ? n : 0;
}

public sealed record SummaryTable(
    IReadOnlyList<RiskCategoryDef> Categories, IReadOnlyList<RiskLevelDef> Levels, IReadOnlyList<SummaryRow> Rows, SummaryRow Total);

/// <summary>
/// 汇总表 (003 附件9) arithmetic: per row the participants, the points per category × level, measures, supervision
/// methods and the 制度 set up or revised; and the total row (participants counted once across rows).
/// </summary>
public static class Summary
{
    /// <param name="totalParticipants">People across all rows, each once; counted from the rows' participant keys when not given.</param>
    public static SummaryTable Compute(Scheme scheme, IEnumerable<SummaryInput> inputs, int? totalParticipants = null)
    {
        var list = inputs.ToList();
        var rows = list.Select(i => Row(i.Label, i.Participants, i.Cells, i.NewRules, i.RevisedRules) with { OrgUnitId = i.OrgUnitId }).ToList();
        var all = list.SelectMany(i => i.Cells).Where(c => c.Points > 0).ToList();
        var total = Row("总合计", totalParticipants ?? list.SelectMany(i => i.ParticipantKeys ?? []).Distinct().Count(), all,
            list.Sum(i => i.NewRules), list.Sum(i => i.RevisedRules));
        // The scheme's own categories and levels in order, then 未分类 / 未定级 only when some point is so.
        var categories = scheme.Categories.Where(c => !c.Optional || all.Any(p => p.CategoryCode == c.Code)).ToList();
        if (all.Any(p => p.CategoryCode == Scheme.UnclassifiedCode)) categories.Add(Scheme.Unclassified);
        var levels = scheme.Levels.OrderBy(l => l.Rank).ToList();
        if (all.Any(p => p.LevelCode == Scheme.UnratedCode)) levels.Add(scheme.Level(Scheme.UnratedCode)!);
        return new SummaryTable(categories, levels, rows, total);
    }

    private static SummaryRow Row(string label, int participants, IReadOnlyCollection<SummaryCell> cells, int newRules, int revisedRules)
    {
        var counts = cells.GroupBy(c => (c.CategoryCode, c.LevelCode)).ToDictionary(g => g.Key, g => g.Sum(c => c.Points));
        return new SummaryRow(label, participants, cells.Sum(c => c.Points), counts, cells.Sum(c => c.Measures), cells.Sum(c => c.SupervisionMethods),
            newRules, revisedRules);
    }
}
