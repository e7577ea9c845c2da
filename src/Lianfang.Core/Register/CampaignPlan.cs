using Lianfang.Core.Org;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Register;

/// <summary>What a campaign creates when it opens: the lists the scheme asks for, over the org subtree.</summary>
public static class CampaignPlan
{
    public sealed record UnitInfo(int Id, OrgUnitKind Kind);
    /// <summary>A post and one of its current holders (null when vacant).</summary>
    public sealed record PostHolder(int PostId, int OrgUnitId, int? PersonId);
    public sealed record ListSpec(ListScope Scope, int OrgUnitId, int? PostId, int? PersonId);

    public static IReadOnlyList<ListSpec> Lists(Scheme scheme, IReadOnlyList<UnitInfo> units, IReadOnlyList<PostHolder> posts)
    {
        var specs = new List<ListSpec>();
        var kinds = scheme.ListKinds.Select(k => k.Scope).Distinct().ToList();
        // With personal lists, a post list is needed only where nobody holds the post.
        var postsNeedingList = kinds.Contains(ListScope.Person) ? posts.Where(p => p.PersonId is null).ToList() : posts;
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case ListScope.Unit:
                    specs.AddRange(units.Where(u => u.Kind == OrgUnitKind.Unit).Select(u => new ListSpec(kind, u.Id, null, null)));
                    break;
                case ListScope.Department:
                    specs.AddRange(units.Where(u => u.Kind == OrgUnitKind.Department).Select(u => new ListSpec(kind, u.Id, null, null)));
                    break;
                case ListScope.Post:
                    specs.AddRange(postsNeedingList.Select(p => new ListSpec(kind, p.OrgUnitId, p.PostId, p.PersonId)));
                    break;
                case ListScope.Person:
                    specs.AddRange(posts.Where(p => p.PersonId is not null).Select(p => new ListSpec(kind, p.OrgUnitId, p.PostId, p.PersonId)));
                    break;
            }
        }
        return specs.Distinct().ToList();
    }
}

public enum ChangeKind { Added, Changed, Unchanged, Retired }

/// <summary>One line of the 动态排查 comparison: a point now against the point it was carried forward from.</summary>
public sealed record PointChange(ChangeKind Kind, RiskPoint? Previous, RiskPoint? Current)
{
    public bool LevelChanged => Previous is not null && Current is not null && Previous.EffectiveLevelCode != Current.EffectiveLevelCode;
}

public static class ScreeningDiff
{
    /// <summary>
    /// Compares this campaign's points with last campaign's: new points are added, carried points whose content
    /// moved are changed, last year's points no longer carried are retired.
    /// </summary>
    public static IReadOnlyList<PointChange> Compare(IEnumerable<RiskPoint> previous, IEnumerable<RiskPoint> current)
    {
        var prev = previous.ToDictionary(p => p.Id);
        var result = new List<PointChange>();
        var carried = new HashSet<long>();
        foreach (var c in current)
        {
            if (c.OriginId is { } o && prev.TryGetValue(o, out var p))
            {
                carried.Add(o);
                result.Add(new PointChange(SameContent(p, c) ? ChangeKind.Unchanged : ChangeKind.Changed, p, c));
            }
            else result.Add(new PointChange(ChangeKind.Added, null, c));
        }
        result.AddRange(prev.Values.Where(p => !carried.Contains(p.Id)).Select(p => new PointChange(ChangeKind.Retired, p, null)));
        return result;
    }

    private static bool SameContent(RiskPoint a, RiskPoint b) =>
        a.CategoryCode == b.CategoryCode && a.Description == b.Description && a.Manifestation == b.Manifestation
        && a.EffectiveLevelCode == b.EffectiveLevelCode && a.Measures.SequenceEqual(b.Measures)
        && a.Supervision.Basis == b.Supervision.Basis && a.Supervision.Focus == b.Supervision.Focus
        && (a.Supervision.Methods ?? []).SequenceEqual(b.Supervision.Methods ?? [])
        && a.Responsible.Leader == b.Responsible.Leader && a.Responsible.Department == b.Responsible.Department
        && (a.Responsible.Persons ?? []).SequenceEqual(b.Responsible.Persons ?? []);
}
