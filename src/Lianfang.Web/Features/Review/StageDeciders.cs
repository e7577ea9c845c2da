using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Web.Features.Review;

/// <summary>
/// Which stages of a list are passed over. A stage only its holder could decide is (nobody reviews their own list: a
/// 主要领导's list goes past 主要领导把关), and so are the department stages of a post directly under the unit (a
/// 副局长 has no 处室负责人). Every other stage waits for its reviewer, even before an account for it exists.
/// </summary>
public sealed class StageDeciders(AppDbContext db)
{
    public async Task<Func<ReviewStageDef, bool>> ForAsync(RiskList list, CancellationToken ct)
    {
        var chain = OrgPath.AncestorsOrSelf(list.OrgUnit.Path);
        var holder = list.HolderPersonId;
        var supervising = db.AgencySupervisions.Where(s => chain.Contains(s.Unit.Path)).Select(s => s.AgencyId);
        var grants = await db.UserGrants.Where(g => g.OrgUnitId != null && (chain.Contains(g.OrgUnit!.Path) || g.Role == Role.Agency && supervising.Contains(g.OrgUnitId.Value)))
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => new { g.Role, u.PersonId })
            .Distinct().ToListAsync(ct);
        var others = grants.Where(g => holder is null || g.PersonId != holder).Select(g => g.Role).ToHashSet();
        var holders = grants.Where(g => holder is not null && g.PersonId == holder).Select(g => g.Role).ToHashSet();
        var postAtUnit = list.Scope is ListScope.Post or ListScope.Person && list.OrgUnit.Kind == OrgUnitKind.Unit;
        return stage =>
        {
            if (stage.Actor == StageActor.Oversight) return others.Contains(Role.Agency) || others.Contains(Role.Commission);
            Role? role = stage.Actor switch
            {
                StageActor.DeptHead => Role.DeptHead, StageActor.LeaderInCharge => Role.LeaderInCharge, StageActor.Principal => Role.Principal,
                StageActor.Agency => Role.Agency, StageActor.Commission => Role.Commission, _ => null,
            };
            if (role is not { } r || others.Contains(r)) return true;
            if (holders.Contains(r)) return false;
            return !(postAtUnit && r is Role.DeptHead or Role.LeaderInCharge);
        };
    }
}
