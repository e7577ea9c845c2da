using Lianfang.Core.Org;

namespace Lianfang.Core.Register;

/// <summary>One unit's line on the progress board: its lists (and its departments' and people's) by status.</summary>
public sealed record ProgressRow(int OrgUnitId, string Unit, string Path)
{
    public int Draft { get; internal set; }
    public int InReview { get; internal set; }
    public int Returned { get; internal set; }
    public int Approved { get; internal set; }
    public int Published { get; internal set; }
    public int Total => Draft + InReview + Returned + Approved + Published;
    public int Done => Approved + Published;
    public int Percent => Total == 0 ? 0 : Done * 100 / Total;
    /// <summary>Lists not yet approved once the deadline has passed.</summary>
    public int Late { get; internal set; }
}

/// <summary>The party office's progress board (进度): which lists are at which stage, which unit is behind.</summary>
public static class Progress
{
    public sealed record UnitRef(int Id, string Name, string Path);

    /// <summary>
    /// Rolls list counts (per org unit path and status) up to the nearest unit of <paramref name="units"/> at or above each
    /// path; paths under none of them count for <paramref name="root"/>. Rows come in tree order.
    /// </summary>
    public static List<ProgressRow> RollUp(IEnumerable<(string Path, ListStatus Status, int Count)> counts, IReadOnlyCollection<UnitRef> units,
        UnitRef root, bool pastDeadline)
    {
        var rows = units.Append(root).DistinctBy(u => u.Path).ToDictionary(u => u.Path, u => new ProgressRow(u.Id, u.Name, u.Path));
        foreach (var (path, status, n) in counts)
        {
            var row = OrgPath.AncestorsOrSelf(path).Reverse().Select(p => rows.GetValueOrDefault(p)).FirstOrDefault(r => r is not null) ?? rows[root.Path];
            switch (status)
            {
                case ListStatus.Draft: row.Draft += n; break;
                case ListStatus.InReview: row.InReview += n; break;
                case ListStatus.Returned: row.Returned += n; break;
                case ListStatus.Approved: row.Approved += n; break;
                default: row.Published += n; break;
            }
            if (pastDeadline && status is ListStatus.Draft or ListStatus.InReview or ListStatus.Returned) row.Late += n;
        }
        return rows.Values.Where(r => r.Total > 0).OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
    }
}
