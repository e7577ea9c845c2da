using Lianfang.Core.Access;
using Lianfang.Core.Register;
using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Supervision;

/// <summary>
/// 一岗双责 scorecard: each responsible leader, the points in their charge, and how often they inspected each this year; and
/// each supervisor a level names (分级监督), with the points they are to supervise once in the year.
/// </summary>
public sealed class Scorecard(AppDbContext db, SchemeStore schemes, TimeProvider time)
{
    /// <param name="Required">inspections the year asks for</param>
    /// <param name="Due">of those, due by today (all of them once the year is over): short is counted against it, as the warning counts</param>
    /// <param name="Basis">一岗双责 (the point's 责任领导), or 分级监督 (the supervisor its level names, LevelSupervisor)</param>
    public sealed record PointRow(long PointId, string Point, string Unit, int Inspections, int Required, int Due, string Basis = "一岗双责")
    {
        public bool Short => Inspections < Due;
    }

    public sealed record LeaderRow(string Leader, List<PointRow> Points)
    {
        public int ShortCount => Points.Count(p => p.Short);
    }

    public sealed record CarriedOut(long RiskPointId, string InspectorName, DateOnly Date, InspectionType Type);

    /// <summary>The inspections carried out in the year on each of the points (planned ones do not count).</summary>
    public static async Task<List<CarriedOut>> CarriedOutAsync(AppDbContext db, IReadOnlyCollection<long> pointIds, int year, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var rows = new List<CarriedOut>();
        // In chunks of a thousand: SQLite allows 32,766 parameters, and binds named parameters slowly by the thousand
        // (the warning sweep's reads at city fell from 8.7 to 0.9 s with chunks of 1,000 instead of 5,000).
        foreach (var chunk in pointIds.Chunk(1000))
            rows.AddRange(await db.InspectionTargets.AsNoTracking().Where(t => chunk.Contains(t.RiskPointId))
                .Join(db.Inspections, t => t.InspectionId, i => i.Id, (t, i) => new { t.RiskPointId, i.InspectorName, i.Date, i.Status, i.Type })
                .Where(x => x.Date >= from && x.Date <= to && x.Status != InspectionStatus.Planned)
                .Select(x => new CarriedOut(x.RiskPointId, x.InspectorName, x.Date, x.Type)).ToListAsync(ct));
        return rows;
    }

    /// <summary>The inspections carried out in the year on each of the points, by inspector name.</summary>
    public static async Task<ILookup<(long PointId, string Inspector), DateOnly>> InspectionsAsync(
        AppDbContext db, List<long> pointIds, int year, CancellationToken ct) =>
        (await CarriedOutAsync(db, pointIds, year, ct)).ToLookup(x => (x.RiskPointId, x.InspectorName), x => x.Date);

    public async Task<List<LeaderRow>> LoadAsync(AccessScope scope, int? orgUnitId, int year, CancellationToken ct)
    {
        var q = db.RiskPoints.AsNoTracking().Visible(scope).Where(p => p.List.Campaign.Year == year
            && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published));
        if (orgUnitId is { } u)
        {
            var path = await db.OrgUnits.Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct) ?? "~";
            q = q.Under([path], p => p.OrgUnit.Path);
        }
        var points = (await q.OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Seq).Take(5000)
                .Select(p => new { p.Id, p.Description, p.Responsible, Unit = p.OrgUnit.Name, p.List.SchemeCode, Holder = p.List.HolderPersonId,
                    p.SupervisorPersonId,
                    Supervisor = db.People.Where(x => x.Id == p.SupervisorPersonId).Select(x => x.Name).FirstOrDefault() }).ToListAsync(ct))
            .Where(p => !string.IsNullOrWhiteSpace(p.Responsible.Leader) || p.Supervisor is not null).ToList();
        var done = await InspectionsAsync(db, points.Select(p => p.Id).ToList(), year, ct);
        var rows = new List<(string Leader, PointRow Row)>();
        var today = time.Today();
        foreach (var p in points)
        {
            var required = WarningRules.LeaderInspectionsPerYear(await schemes.FindAsync(p.SchemeCode, ct));
            var leader = p.Responsible.Leader?.Trim();
            if (!string.IsNullOrEmpty(leader))
                rows.Add((leader, new PointRow(p.Id, p.Description, p.Unit, done[(p.Id, leader)].Count(), required,
                    WarningRules.InspectionsDue(required, year, today))));
            // a post supervising itself (三级: 由各岗位自己管理) is not listed
            if (p.Supervisor is { } s && p.SupervisorPersonId != p.Holder && s != leader)
                rows.Add((s, new PointRow(p.Id, p.Description, p.Unit, done[(p.Id, s)].Count(), 1, WarningRules.InspectionsDue(1, year, today), "分级监督")));
        }
        return rows.GroupBy(r => r.Leader).OrderByDescending(g => g.Count(r => r.Row.Short)).ThenBy(g => g.Key)
            .Select(g => new LeaderRow(g.Key, g.Select(r => r.Row).ToList())).ToList();
    }
}
