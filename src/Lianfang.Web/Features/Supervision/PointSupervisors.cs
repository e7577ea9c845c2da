using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Web.Features.Supervision;

/// <summary>
/// 分级监督 (LevelSupervisor): on final approval each point gets the supervisor its level names — the unit's principal,
/// the leader in charge of its department, the department's head, the post itself, or a body (the agency supervising
/// the unit, the commission above it) — found in the org tree at that moment.
/// </summary>
public sealed class PointSupervisors(AppDbContext db)
{
    public async Task AssignAsync(RiskList list, Scheme scheme, IReadOnlyList<RiskPoint> points, CancellationToken ct)
    {
        var rule = scheme.Rule(RuleKinds.LevelSupervisor);
        if (rule is null || points.Count == 0) return;
        var found = new Dictionary<StageActor, (string Label, int? PersonId)>();
        foreach (var p in points)
        {
            if (!Enum.TryParse<StageActor>(rule.Parameters.GetValueOrDefault(p.EffectiveLevelCode), out var actor))
            {
                p.AssignSupervisor(null, null);
                continue;
            }
            if (!found.TryGetValue(actor, out var who)) found[actor] = who = await ResolveAsync(list, actor, ct);
            p.AssignSupervisor(who.Label, who.PersonId);
        }
    }

    private async Task<(string Label, int? PersonId)> ResolveAsync(RiskList list, StageActor actor, CancellationToken ct)
    {
        var chain = OrgPath.AncestorsOrSelf(list.OrgUnit.Path);
        switch (actor)
        {
            case StageActor.Holder:
                var holder = await db.People.Where(p => p.Id == list.HolderPersonId).Select(p => p.Name).FirstOrDefaultAsync(ct);
                return holder is null ? ("本岗位", null) : ($"本岗位 {holder}", list.HolderPersonId);
            case StageActor.Agency:
                var supervising = db.AgencySupervisions.Where(s => chain.Contains(s.Unit.Path)).Select(s => s.AgencyId);
                var agency = await db.OrgUnits.Where(u => supervising.Contains(u.Id)).Select(u => u.Name).FirstOrDefaultAsync(ct);
                return (agency ?? "派驻纪检监察机构", null);
            case StageActor.Commission:
                var commission = await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind == OrgUnitKind.Commission).OrderByDescending(u => u.Path)
                    .Select(u => u.Name).FirstOrDefaultAsync(ct);
                return (commission ?? "纪委监委", null);
        }
        var role = actor switch { StageActor.DeptHead => Role.DeptHead, StageActor.LeaderInCharge => Role.LeaderInCharge, _ => Role.Principal };
        var label = Core.Review.Workflow.ActorLabel(actor);
        // The nearest holder of the role above the list (a department's head before the unit's), never the post holder themself.
        var person = await db.UserGrants.Where(g => g.Role == role && g.OrgUnit != null && chain.Contains(g.OrgUnit.Path))
            .Join(db.Users.Where(u => u.PersonId != null && u.PersonId != list.HolderPersonId), g => g.UserId, u => u.Id,
                (g, u) => new { g.OrgUnit!.Path, u.PersonId })
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new { x.Path, p.Id, p.Name })
            .OrderByDescending(x => x.Path).FirstOrDefaultAsync(ct);
        return person is null ? ($"{label}（未设）", null) : ($"{label} {person.Name}", person.Id);
    }
}
