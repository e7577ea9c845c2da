using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;

namespace Lianfang.Web.Shared;

/// <summary>
/// Who decides a stage of a list, from the org tree and the bodies a unit keeps: roles over the list's unit, the other
/// people of its department (帮查), the paired department (交叉互查), the unit's leading group and its office.
/// </summary>
public sealed class Reviewers(AppDbContext db)
{
    /// <summary>
    /// Which stages are passed over. A stage only its holder could decide is (nobody reviews their own list: a 主要领导's
    /// list goes past 主要领导把关), and so are the department stages of a post directly under the unit (a 副局长 has no
    /// 处室负责人). Every other stage waits for its reviewer, even before an account for it exists.
    /// </summary>
    public async Task<Func<ReviewStageDef, bool>> DecidableAsync(RiskList list, CancellationToken ct)
    {
        var chain = OrgPath.AncestorsOrSelf(list.OrgUnit.Path);
        var holder = list.HolderPersonId;
        var supervising = db.AgencySupervisions.Where(s => chain.Contains(s.Unit.Path)).Select(s => s.AgencyId);
        var grants = await db.UserGrants
            .Where(g => g.OrgUnitId != null && (chain.Contains(g.OrgUnit!.Path) || g.Role == Role.Agency && supervising.Contains(g.OrgUnitId.Value)))
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => new { g.Role, u.PersonId })
            .Distinct().ToListAsync(ct);
        var others = grants.Where(g => holder is null || g.PersonId != holder).Select(g => g.Role).ToHashSet();
        var holders = grants.Where(g => holder is not null && g.PersonId == holder).Select(g => g.Role).ToHashSet();
        var postAtUnit = list.Scope is ListScope.Post or ListScope.Person && list.OrgUnit.Kind == OrgUnitKind.Unit;
        var paired = await db.PeerPairs.AnyAsync(p => p.CampaignId == list.CampaignId && p.OrgUnitId == list.OrgUnitId, ct);
        var colleagues = await db.People.AnyAsync(p => p.OrgUnitId == list.OrgUnitId && p.Id != holder, ct);
        var group = await GroupAsync(list, ct);
        return stage =>
        {
            switch (stage.Actor)
            {
                case StageActor.Oversight: return others.Contains(Role.Agency) || others.Contains(Role.Commission);
                case StageActor.Peers: return paired;          // no department to pair with (a leader directly under the unit)
                case StageActor.Colleagues: return colleagues; // nobody else in the department
                case StageActor.LeadingGroup: return group.Count == 0 || Presiding(group, holder) is not null;
                case StageActor.LeadingGroupOffice: return group.Count == 0 || group.Any(m => m.Duty == GroupDuty.Office && m.PersonId != holder);
            }
            Role? role = stage.Actor switch
            {
                StageActor.DeptHead => Role.DeptHead, StageActor.LeaderInCharge => Role.LeaderInCharge, StageActor.Principal => Role.Principal,
                StageActor.Agency => Role.Agency, StageActor.Commission => Role.Commission,
                StageActor.PartyOffice or StageActor.Public or StageActor.Helpers => Role.PartyOffice, // organised by the party office
                _ => null,
            };
            if (role is not { } r || others.Contains(r)) return true;
            if (holders.Contains(r)) return false;
            return !(postAtUnit && r is Role.DeptHead or Role.LeaderInCharge);
        };
    }

    /// <summary>What deciding a stage needs to know of a list.</summary>
    public sealed record ListRef(int CampaignId, int OrgUnitId, string Path, ListScope Scope, int? HolderPersonId)
    {
        public static ListRef Of(RiskList l) => new(l.CampaignId, l.OrgUnitId, l.OrgUnit.Path, l.Scope, l.HolderPersonId);
    }

    /// <summary>Whether the user decides the list's stage now.</summary>
    public Task<bool> CanActAsync(AccessScope scope, RiskList list, ReviewStageDef stage, CancellationToken ct) =>
        CanActAsync(scope, ListRef.Of(list), stage, ct);

    public async Task<bool> CanActAsync(AccessScope scope, ListRef list, ReviewStageDef stage, CancellationToken ct)
    {
        var me = scope.PersonId;
        if (stage.Actor != StageActor.Holder && me is not null && me == list.HolderPersonId) return false;
        switch (stage.Actor)
        {
            case StageActor.Colleagues:
                if (me is null) return false;
                if (_preloaded?.MyUnit is { } mine) return mine == list.OrgUnitId;
                return await db.People.AnyAsync(p => p.Id == me && p.OrgUnitId == list.OrgUnitId, ct);
            case StageActor.Peers:
                var peer = _preloaded?.Peers.TryGetValue((list.CampaignId, list.OrgUnitId), out var kept) == true ? kept
                    : await db.PeerPairs.Where(p => p.CampaignId == list.CampaignId && p.OrgUnitId == list.OrgUnitId)
                        .Join(db.OrgUnits, p => p.PeerOrgUnitId, u => u.Id, (p, u) => u.Path).FirstOrDefaultAsync(ct);
                return peer is not null && scope.HasRoleOver(peer, Role.DeptHead);
            case StageActor.LeadingGroup:
                return me is not null && Presiding(await PreloadedGroupAsync(list.Path, ct), list.HolderPersonId) == me;
            case StageActor.LeadingGroupOffice:
                return me is not null && (await PreloadedGroupAsync(list.Path, ct)).Any(m => m.Duty == GroupDuty.Office && m.PersonId == me);
            default:
                return Workflow.CanAct(scope, stage.Actor, list.Scope, list.HolderPersonId, list.Path);
        }
    }

    /// <summary>
    /// What <see cref="CanActAsync(AccessScope, ListRef, ReviewStageDef, CancellationToken)"/> asks the database, read for
    /// many lists at once.
    /// </summary>
    /// <param name="MyUnit">the user's department, when read (-1: the user's person record is gone)</param>
    private sealed record Preloaded(int? MyUnit, Dictionary<(int Campaign, int OrgUnit), string?> Peers, Dictionary<string, List<LeadingGroupMember>> Groups);

    private Preloaded? _preloaded;

    /// <summary>
    /// Reads at once what deciding the stages of <paramref name="lists"/> needs from the database (the user's department,
    /// the paired departments, the leading groups: one or two queries each, and only for the stages waited at), so that a
    /// 待办 of thousands of waiting lists asks no query per list. Kept for this request only.
    /// </summary>
    public async Task PreloadAsync(AccessScope scope, IReadOnlyCollection<(ListRef List, StageActor Actor)> lists, CancellationToken ct)
    {
        bool Waits(params StageActor[] actors) => lists.Any(l => actors.Contains(l.Actor));
        int? myUnit = null;
        if (Waits(StageActor.Colleagues) && scope.PersonId is { } me)
            myUnit = await db.People.Where(p => p.Id == me).Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct) ?? -1;
        var peers = new Dictionary<(int Campaign, int OrgUnit), string?>();
        if (Waits(StageActor.Peers))
        {
            foreach (var l in lists) peers[(l.List.CampaignId, l.List.OrgUnitId)] = null; // no pair: nobody decides it
            var units = lists.Select(l => l.List.OrgUnitId).Distinct().ToList();
            var campaigns = lists.Select(l => l.List.CampaignId).Distinct().ToList();
            foreach (var p in await db.PeerPairs.Where(p => units.Contains(p.OrgUnitId) && campaigns.Contains(p.CampaignId))
                         .Join(db.OrgUnits, p => p.PeerOrgUnitId, u => u.Id, (p, u) => new { p.CampaignId, p.OrgUnitId, u.Path }).ToListAsync(ct))
                peers[(p.CampaignId, p.OrgUnitId)] = p.Path;
        }
        var groups = new Dictionary<string, List<LeadingGroupMember>>();
        if (Waits(StageActor.LeadingGroup, StageActor.LeadingGroupOffice))
        {
            // a list's leading group is its nearest unit's (单位), as GroupAsync finds it
            var paths = lists.Select(l => l.List.Path).Distinct().ToList();
            var chain = paths.SelectMany(OrgPath.AncestorsOrSelf).Distinct().ToList();
            var unitIds = await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind == OrgUnitKind.Unit).ToDictionaryAsync(u => u.Path, u => u.Id, ct);
            var ids = unitIds.Values.ToList();
            var members = (await db.LeadingGroupMembers.AsNoTracking().Where(m => ids.Contains(m.OrgUnitId)).OrderBy(m => m.Id).ToListAsync(ct))
                .ToLookup(m => m.OrgUnitId);
            foreach (var path in paths)
                groups[path] = OrgPath.AncestorsOrSelf(path).Where(unitIds.ContainsKey).MaxBy(a => a.Length) is { } unit ? members[unitIds[unit]].ToList() : [];
        }
        _preloaded = new Preloaded(myUnit, peers, groups);
    }

    private Task<List<LeadingGroupMember>> PreloadedGroupAsync(string path, CancellationToken ct) =>
        _preloaded?.Groups.TryGetValue(path, out var group) == true ? Task.FromResult(group) : GroupAsync(path, ct);

    /// <summary>
    /// Why nobody can decide the stage the list waits at (no account holds the role over it, or the body is not set up),
    /// or null when someone can: such a list would wait forever, so the progress board names it and what is missing.
    /// </summary>
    public async Task<string?> NobodyAsync(RiskList list, ReviewStageDef stage, CancellationToken ct)
    {
        if (await MissingAsync(list, stage, ct) is { } body) return body;
        Role? role = stage.Actor switch
        {
            StageActor.DeptHead => Role.DeptHead, StageActor.LeaderInCharge => Role.LeaderInCharge, StageActor.Principal => Role.Principal,
            StageActor.Agency or StageActor.Oversight => Role.Agency, StageActor.Commission => Role.Commission,
            StageActor.PartyOffice or StageActor.Public or StageActor.Helpers => Role.PartyOffice,
            _ => null,
        };
        if (role is not { } r) return null;
        var holders = await RoleHoldersAsync(list.OrgUnit.Path, stage.Actor == StageActor.Oversight ? [Role.Agency, Role.Commission] : [r], ct);
        return holders.Any(p => list.HolderPersonId is null || p != list.HolderPersonId) ? null
            : $"没有可以办理“{stage.Name}”的账号（{Workflow.ActorLabel(stage.Actor)}）：请管理员为其开通账号并授予相应角色";
    }

    private readonly Dictionary<string, List<int?>> _roleHolders = [];

    /// <summary>The people whose accounts hold one of the roles over the unit (once per unit and roles: a board asks for many lists).</summary>
    private async Task<List<int?>> RoleHoldersAsync(string path, Role[] roles, CancellationToken ct)
    {
        var key = path + "|" + string.Join(",", roles);
        if (_roleHolders.TryGetValue(key, out var known)) return known;
        var chain = OrgPath.AncestorsOrSelf(path);
        var supervising = db.AgencySupervisions.Where(s => chain.Contains(s.Unit.Path)).Select(s => s.AgencyId);
        return _roleHolders[key] = await db.UserGrants.Where(g => roles.Contains(g.Role) && g.OrgUnitId != null
                && (chain.Contains(g.OrgUnit!.Path) || g.Role == Role.Agency && supervising.Contains(g.OrgUnitId.Value)))
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => u.PersonId).Distinct().ToListAsync(ct);
    }

    /// <summary>Who the stage waits for, in words, when it names a body the unit has not set up yet.</summary>
    public async Task<string?> MissingAsync(RiskList list, ReviewStageDef stage, CancellationToken ct)
    {
        if (stage.Actor is not (StageActor.LeadingGroup or StageActor.LeadingGroupOffice)) return null;
        var group = await GroupAsync(list, ct);
        if (group.Count == 0) return "本单位尚未设立廉政风险防控领导小组：请党办在“机构”中设置组长、成员和办公室成员后再审核。";
        if (stage.Actor == StageActor.LeadingGroupOffice && !group.Any(m => m.Duty == GroupDuty.Office)) return "本单位领导小组尚未设置办公室成员：请党办在“机构”中设置。";
        return null;
    }

    /// <summary>The members of the leading group of the unit the list belongs to.</summary>
    public Task<List<LeadingGroupMember>> GroupAsync(RiskList list, CancellationToken ct) => GroupAsync(list.OrgUnit.Path, ct);

    public async Task<List<LeadingGroupMember>> GroupAsync(string path, CancellationToken ct)
    {
        var chain = OrgPath.AncestorsOrSelf(path);
        var unit = await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind == OrgUnitKind.Unit).OrderByDescending(u => u.Path)
            .Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        return unit is null ? [] : await db.LeadingGroupMembers.AsNoTracking().Where(m => m.OrgUnitId == unit).OrderBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>The head presides; on the head's own list, the first deputy.</summary>
    public static int? Presiding(IReadOnlyList<LeadingGroupMember> group, int? holder)
    {
        var head = group.FirstOrDefault(m => m.Duty == GroupDuty.Head)?.PersonId;
        return head is not null && head != holder ? head : group.FirstOrDefault(m => m.Duty == GroupDuty.Deputy && m.PersonId != holder)?.PersonId;
    }
}
