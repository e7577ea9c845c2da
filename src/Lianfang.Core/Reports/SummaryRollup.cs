using Lianfang.Core.Org;
using Lianfang.Core.Register;

namespace Lianfang.Core.Reports;

/// <summary>What some points add up to in the 汇总表: the points, their measures and their supervision methods.</summary>
public readonly record struct Tally(int Points, int Measures, int SupervisionMethods)
{
    public static Tally operator +(Tally a, Tally b) => new(a.Points + b.Points, a.Measures + b.Measures, a.SupervisionMethods + b.SupervisionMethods);
    public static Tally operator -(Tally a, Tally b) => new(a.Points - b.Points, a.Measures - b.Measures, a.SupervisionMethods - b.SupervisionMethods);
    public bool IsZero => Points == 0 && Measures == 0 && SupervisionMethods == 0;
    public override string ToString() => $"{Points} 条/{Measures} 项措施/{SupervisionMethods} 种监督方法";
}

/// <summary>
/// 汇总表 rollup: the points of approved and published lists of one campaign at one org unit, per category × the level that
/// counts — those of the unit's own lists and those of its whole subtree (itself included). Kept by the writes that move a
/// list or its points, so the 汇总表 of a province reads a row per child unit instead of a million points.
/// </summary>
public sealed class SummaryRollup
{
    private SummaryRollup() { CategoryCode = LevelCode = ""; }

    public SummaryRollup(int campaignId, int orgUnitId, string categoryCode, string levelCode)
    {
        CampaignId = campaignId;
        OrgUnitId = orgUnitId;
        CategoryCode = categoryCode;
        LevelCode = levelCode;
    }

    public int CampaignId { get; private set; }
    public int OrgUnitId { get; private set; }
    public string CategoryCode { get; private set; }
    public string LevelCode { get; private set; }
    /// <summary>The unit's whole subtree.</summary>
    public int Points { get; private set; }
    public int Measures { get; private set; }
    public int SupervisionMethods { get; private set; }
    /// <summary>The unit's own lists (its 本级 row).</summary>
    public int OwnPoints { get; private set; }
    public int OwnMeasures { get; private set; }
    public int OwnSupervisionMethods { get; private set; }

    public Tally Subtree => new(Points, Measures, SupervisionMethods);
    public Tally Own => new(OwnPoints, OwnMeasures, OwnSupervisionMethods);
    public bool IsEmpty => Subtree.IsZero && Own.IsZero;

    public void AddToSubtree(Tally change) => (Points, Measures, SupervisionMethods) = Subtree + change;
    public void SetOwn(Tally own) => (OwnPoints, OwnMeasures, OwnSupervisionMethods) = own;

    /// <summary>The lists the 汇总表 counts: approved or published (drafts and lists in review are the progress board's).</summary>
    public static bool Counts(ListStatus status) => status is ListStatus.Approved or ListStatus.Published;
}

/// <summary>
/// 汇总表 participants: an account that signed an approved or published list of one campaign at one org unit. Kept by the
/// writes that approve, reopen or sign a list, so a province's participants read 42,000 such rows, not 650,000 signatures.
/// The account's person is looked up when counting, so an account linked to a person later counts as that person.
/// </summary>
public sealed class SignerRollup(int campaignId, int orgUnitId, int userId)
{
    public int CampaignId { get; private set; } = campaignId;
    public int OrgUnitId { get; private set; } = orgUnitId;
    public int UserId { get; private set; } = userId;
}

/// <summary>A signer row kept but not in the recount (<paramref name="Kept"/>), or in the recount but not kept.</summary>
public sealed record SignerDifference(int CampaignId, string Path, int UserId, bool Kept)
{
    /// <summary>What differs, as `verify-rollups` prints it.</summary>
    public string Finding => Kept ? "保存为签字人，重新计数不是" : "重新计数为签字人，没有保存";

    public override string ToString() => $"排查 {CampaignId} 机构路径 {Path} 账号 {UserId}：{Finding}";
}

/// <summary>One rollup row: a campaign, a unit (by its tree path), a category and a level.</summary>
public readonly record struct RollupKey(int CampaignId, string Path, string CategoryCode, string LevelCode);

/// <summary>A unit's own figures and its subtree's.</summary>
public readonly record struct RollupFigures(Tally Own, Tally Subtree)
{
    public bool IsZero => Own.IsZero && Subtree.IsZero;
}

/// <summary>A rollup row that does not say what the points say.</summary>
public sealed record RollupDifference(RollupKey Key, RollupFigures Kept, RollupFigures Counted)
{
    public override string ToString() => $"排查 {Key.CampaignId} 机构路径 {Key.Path} {Key.CategoryCode}/{Key.LevelCode}：" +
        $"本级 保存 {Kept.Own}，重新计数 {Counted.Own}；含下级 保存 {Kept.Subtree}，重新计数 {Counted.Subtree}";
}

public static class Rollups
{
    /// <summary>
    /// The rollup rows that points counted per unit make: each unit's own figures, added to the subtree figures of the unit and
    /// of every unit above it.
    /// </summary>
    public static Dictionary<RollupKey, RollupFigures> Expand(IEnumerable<(RollupKey Key, Tally Own)> own)
    {
        var rows = new Dictionary<RollupKey, RollupFigures>();
        foreach (var (key, tally) in own)
        {
            if (tally.IsZero) continue;
            var at = rows.GetValueOrDefault(key);
            rows[key] = at with { Own = at.Own + tally };
            foreach (var path in OrgPath.AncestorsOrSelf(key.Path))
            {
                var k = key with { Path = path };
                var row = rows.GetValueOrDefault(k);
                rows[k] = row with { Subtree = row.Subtree + tally };
            }
        }
        return rows;
    }

    /// <summary>Every row where the kept figures differ from the counted ones (a missing row counts as zero), in key order.</summary>
    public static List<RollupDifference> Compare(IReadOnlyDictionary<RollupKey, RollupFigures> kept, IReadOnlyDictionary<RollupKey, RollupFigures> counted) =>
        kept.Keys.Union(counted.Keys)
            .Select(k => new RollupDifference(k, kept.GetValueOrDefault(k), counted.GetValueOrDefault(k)))
            .Where(d => d.Kept != d.Counted)
            .OrderBy(d => d.Key.CampaignId).ThenBy(d => d.Key.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Key.CategoryCode, StringComparer.Ordinal).ThenBy(d => d.Key.LevelCode, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// What a unit's own figures change by, per category × level, when they become <paramref name="counted"/>: the amount
    /// to add to the subtree figures of the unit and every unit above it. Unchanged cells are left out.
    /// </summary>
    public static Dictionary<(string CategoryCode, string LevelCode), Tally> Changes(
        IReadOnlyDictionary<(string CategoryCode, string LevelCode), Tally> kept,
        IReadOnlyDictionary<(string CategoryCode, string LevelCode), Tally> counted) =>
        kept.Keys.Union(counted.Keys)
            .Select(k => (Key: k, Change: counted.GetValueOrDefault(k) - kept.GetValueOrDefault(k)))
            .Where(x => !x.Change.IsZero)
            .ToDictionary(x => x.Key, x => x.Change);
}
