using System.Text.RegularExpressions;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Reports;

/// <summary>What the 汇总表 needs of one point: its category, the level that counts, its measures and supervision methods.</summary>
public sealed record SummaryPoint(string CategoryCode, string LevelCode, IReadOnlyList<string> Measures, int SupervisionMethods);

/// <summary>The points of one category × level in a row, and what their measures and supervision methods add up to.</summary>
public sealed record SummaryCell(string CategoryCode, string LevelCode, int Points, int Measures, int SupervisionMethods, int NewSystems, int RevisedSystems)
{
    public static IReadOnlyList<SummaryCell> Of(IEnumerable<SummaryPoint> points) =>
    [
        .. points.GroupBy(p => (p.CategoryCode, p.LevelCode)).Select(g => new SummaryCell(g.Key.CategoryCode, g.Key.LevelCode, g.Count(),
            g.Sum(p => p.Measures.Count), g.Sum(p => p.SupervisionMethods),
            g.Sum(p => p.Measures.Count(m => Summary.SystemChange(m) == Summary.SystemChangeKind.New)),
            g.Sum(p => p.Measures.Count(m => Summary.SystemChange(m) == Summary.SystemChangeKind.Revised)))),
    ];
}

/// <summary>
/// One row of the 汇总表: a unit or department (with its subtree), how many people took part in finding its risks, and
/// its points by category × level (counted in the database at scale). With the participants' keys the total row
/// counts each person once across rows.
/// </summary>
/// <param name="OrgUnitId">the unit whose subtree the row counts (null for a unit's 本级 row, which is not a subtree)</param>
public sealed record SummaryInput(string Label, int Participants, IReadOnlyList<SummaryCell> Cells, IReadOnlyCollection<string>? ParticipantKeys = null,
    int? OrgUnitId = null)
{
    public SummaryInput(string label, IReadOnlyCollection<string> participants, IReadOnlyList<SummaryPoint> points)
        : this(label, participants.Distinct().Count(), SummaryCell.Of(points), participants) { }
}

public sealed record SummaryRow(string Label, int Participants, int Points, IReadOnlyDictionary<(string Category, string Level), int> Counts,
    int Measures, int SupervisionMethods, int NewSystems, int RevisedSystems, int? OrgUnitId = null)
{
    public int Count(string category, string level) => Counts.TryGetValue((category, level), out var n) ? n : 0;
}

public sealed record SummaryTable(IReadOnlyList<RiskCategoryDef> Categories, IReadOnlyList<RiskLevelDef> Levels, IReadOnlyList<SummaryRow> Rows, SummaryRow Total);

/// <summary>
/// 汇总表 (003 附件9) arithmetic: per row the participants, the points per category × level, measures, supervision
/// methods and the 制度 the measures set up or revise; and the total row (participants counted once across rows).
/// </summary>
public static partial class Summary
{
    /// <param name="totalParticipants">People across all rows, each once; counted from the rows' participant keys when not given.</param>
    public static SummaryTable Compute(Scheme scheme, IEnumerable<SummaryInput> inputs, int? totalParticipants = null)
    {
        var list = inputs.ToList();
        var rows = list.Select(i => Row(i.Label, i.Participants, i.Cells) with { OrgUnitId = i.OrgUnitId }).ToList();
        var all = list.SelectMany(i => i.Cells).Where(c => c.Points > 0).ToList();
        var total = Row("总合计", totalParticipants ?? list.SelectMany(i => i.ParticipantKeys ?? []).Distinct().Count(), all);
        // The scheme's own categories and levels in order, then 未分类 / 未定级 only when some point is so.
        var categories = scheme.Categories.Where(c => !c.Optional || all.Any(p => p.CategoryCode == c.Code)).ToList();
        if (all.Any(p => p.CategoryCode == Scheme.UnclassifiedCode)) categories.Add(Scheme.Unclassified);
        var levels = scheme.Levels.OrderBy(l => l.Rank).ToList();
        if (all.Any(p => p.LevelCode == Scheme.UnratedCode)) levels.Add(scheme.Level(Scheme.UnratedCode)!);
        return new SummaryTable(categories, levels, rows, total);
    }

    private static SummaryRow Row(string label, int participants, IReadOnlyCollection<SummaryCell> cells)
    {
        var counts = cells.GroupBy(c => (c.CategoryCode, c.LevelCode)).ToDictionary(g => g.Key, g => g.Sum(c => c.Points));
        return new SummaryRow(label, participants, cells.Sum(c => c.Points), counts, cells.Sum(c => c.Measures), cells.Sum(c => c.SupervisionMethods),
            cells.Sum(c => c.NewSystems), cells.Sum(c => c.RevisedSystems));
    }

    public enum SystemChangeKind { None, New, Revised }

    /// <summary>
    /// Whether a measure sets up a new 制度 ("建立《公务接待管理办法》", "制定采购内控制度") or revises one ("修订财务管理制度",
    /// "完善议事规则"); the 汇总表 counts both. Measures that only apply existing rules ("严格执行…制度") count as neither.
    /// </summary>
    public static SystemChangeKind SystemChange(string measure)
    {
        var t = SchemeText.Normalize(measure);
        if (Revise().IsMatch(t)) return SystemChangeKind.Revised;
        if (Establish().IsMatch(t)) return SystemChangeKind.New;
        return SystemChangeKind.None;
    }

    private const string Rule = "(制度|办法|规定|规则|细则|规程|守则|流程|机制)";
    [GeneratedRegex("(修订|修改|完善|健全|修正)[^。；;，,]{0,20}?" + Rule)] private static partial Regex Revise();
    [GeneratedRegex("(建立|制定|出台|新建|新订|新定|建章立制)[^。；;，,]{0,20}?" + Rule + "|建章立制")] private static partial Regex Establish();
}
