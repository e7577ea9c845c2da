using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Web.Features.Org;
using Lianfang.Web.Features.Register;

namespace Lianfang.Web.Features.Review;

public sealed record GroupMemberDto(int PersonId, string? Name, string Duty, string DutyLabel);
public sealed record SaveGroupRequest(IReadOnlyList<GroupMemberInput>? Members);
public sealed record GroupMemberInput(int? PersonId, string? Duty);
public sealed record PeerPairDto(int OrgUnitId, string OrgUnit, int PeerOrgUnitId, string PeerOrgUnit);
public sealed record PeerPairInput(int? OrgUnitId, int? PeerOrgUnitId);

/// <summary>The bodies that decide stages besides single office-holders: a unit's leading group, and a campaign's 互查 pairs.</summary>
public sealed class ReviewBodies(AppDbContext db, RegisterCommands register)
{
    public async Task<List<GroupMemberDto>> GroupAsync(AccessScope scope, int unitId, CancellationToken ct)
    {
        var unit = await UnitAsync(scope, unitId, ct);
        var rows = await db.LeadingGroupMembers.AsNoTracking().Where(m => m.OrgUnitId == unit.Id)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { m.PersonId, p.Name, m.Duty }).ToListAsync(ct);
        return rows.OrderBy(x => x.Duty).ThenBy(x => x.PersonId)
            .Select(x => new GroupMemberDto(x.PersonId, x.Name, x.Duty.ToString(), LeadingGroupMember.Label(x.Duty))).ToList();
    }

    /// <summary>Sets the unit's leading group (replacing it): members are people of the unit, kept by its party office or an admin.</summary>
    public async Task<List<GroupMemberDto>> SaveGroupAsync(AccessScope scope, int unitId, SaveGroupRequest req, CancellationToken ct)
    {
        var unit = await UnitAsync(scope, unitId, ct);
        if (!scope.CanManageOrg(unit.Path)) throw DomainException.Forbidden("领导小组由本单位党办（政治处）或管理员设置");
        var members = (req.Members ?? []).Select((m, i) =>
        {
            var duty = Enum.TryParse<GroupDuty>(m.Duty, true, out var d) && Enum.IsDefined(d) ? d
                : throw new DomainException($"members[{i}].duty", "职务应为 Head（组长）、Deputy（副组长）、Member（成员）或 Office（办公室成员）");
            return (PersonId: m.PersonId ?? throw new DomainException($"members[{i}].personId", "请选择人员"), Duty: duty);
        }).ToList();
        LeadingGroupMember.Validate(members);
        var ids = members.Select(m => m.PersonId).ToList();
        var (lo, hi) = OrgPath.SubtreeBounds(unit.Path);
        var found = await db.People.Where(p => ids.Contains(p.Id) && string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0)
            .Select(p => p.Id).ToListAsync(ct);
        if (ids.FirstOrDefault(id => !found.Contains(id)) is var missing && missing != 0)
            throw new DomainException($"members[{ids.IndexOf(missing)}].personId", $"人员 {missing} 不在“{unit.Name}”");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.LeadingGroupMembers.RemoveRange(await db.LeadingGroupMembers.Where(m => m.OrgUnitId == unit.Id).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        db.LeadingGroupMembers.AddRange(members.Select(m => new LeadingGroupMember(unit.Id, m.PersonId, m.Duty)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GroupAsync(scope, unitId, ct);
    }

    public async Task<List<PeerPairDto>> PairsAsync(AccessScope scope, int campaignId, CancellationToken ct)
    {
        var campaign = await register.LoadCampaignAsync(scope, campaignId, ct);
        return await (from p in db.PeerPairs.AsNoTracking().Where(p => p.CampaignId == campaign.Id)
                      join u in db.OrgUnits on p.OrgUnitId equals u.Id
                      join v in db.OrgUnits on p.PeerOrgUnitId equals v.Id
                      orderby u.Path
                      select new PeerPairDto(u.Id, u.Name, v.Id, v.Name)).ToListAsync(ct);
    }

    /// <summary>Sets who checks whose lists in the campaign's 交叉互查; both sides lie in the campaign's scope.</summary>
    public async Task<List<PeerPairDto>> SavePairsAsync(AccessScope scope, int campaignId, IReadOnlyList<PeerPairInput>? pairs, CancellationToken ct)
    {
        var campaign = await register.LoadCampaignAsync(scope, campaignId, ct);
        var root = await db.OrgUnits.Where(u => u.Id == campaign.RootOrgUnitId).Select(u => u.Path).FirstAsync(ct);
        if (!ListAuthoring.CanOpenCampaign(scope, root)) throw DomainException.Forbidden("互查结对由开展排查的党办（政治处）设置");
        var inScope = await db.OrgUnits.Under([root], u => u.Path).Select(u => u.Id).ToListAsync(ct);
        var list = (pairs ?? []).Select((p, i) =>
        {
            var from = p.OrgUnitId ?? throw new DomainException($"pairs[{i}].orgUnitId", "请选择被查部门");
            var to = p.PeerOrgUnitId ?? throw new DomainException($"pairs[{i}].peerOrgUnitId", "请选择互查部门");
            if (!inScope.Contains(from)) throw new DomainException($"pairs[{i}].orgUnitId", "被查部门不在本次排查范围内");
            if (!inScope.Contains(to)) throw new DomainException($"pairs[{i}].peerOrgUnitId", "互查部门不在本次排查范围内");
            try { return new PeerPair(campaign.Id, from, to); }
            catch (DomainException e) { throw new DomainException($"pairs[{i}].peerOrgUnitId", e.Message); }
        }).ToList();
        if (list.GroupBy(p => p.OrgUnitId).FirstOrDefault(g => g.Count() > 1) is { } dup)
            throw new DomainException("pairs", $"部门 {dup.Key} 只能有一个互查部门");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PeerPairs.RemoveRange(await db.PeerPairs.Where(p => p.CampaignId == campaign.Id).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        db.PeerPairs.AddRange(list);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await PairsAsync(scope, campaignId, ct);
    }

    private async Task<OrgUnit> UnitAsync(AccessScope scope, int unitId, CancellationToken ct)
    {
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, unitId, ct);
        return unit.Kind == OrgUnitKind.Unit ? unit : throw new DomainException("orgUnitId", $"领导小组设在单位一级，“{unit.Name}”不是单位");
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("审核与签字");
        g.MapGet("/org-units/{id:int}/leading-group", async (int id, CurrentUser me, ReviewBodies bodies, CancellationToken ct) =>
            await bodies.GroupAsync(await me.ScopeAsync(ct), id, ct)).WithSummary("单位的廉政风险防控领导小组：组长、副组长、成员、办公室成员").ProducesProblem(404);
        g.MapPut("/org-units/{id:int}/leading-group", async (int id, SaveGroupRequest req, CurrentUser me, ReviewBodies bodies, CancellationToken ct) =>
            await bodies.SaveGroupAsync(await me.ScopeAsync(ct), id, req, ct))
            .WithSummary("设置领导小组（整体替换）：members[{personId, duty: Head|Deputy|Member|Office}]，须有一名组长")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/campaigns/{id:int}/peer-pairs", async (int id, CurrentUser me, ReviewBodies bodies, CancellationToken ct) =>
            await bodies.PairsAsync(await me.ScopeAsync(ct), id, ct)).WithSummary("交叉互查结对：peerOrgUnitId 的负责人审核 orgUnitId 的清单").ProducesProblem(404);
        g.MapPut("/campaigns/{id:int}/peer-pairs", async (int id, List<PeerPairInput> req, CurrentUser me, ReviewBodies bodies, CancellationToken ct) =>
            await bodies.SavePairsAsync(await me.ScopeAsync(ct), id, req, ct))
            .WithSummary("设置交叉互查结对（整体替换）：[{orgUnitId, peerOrgUnitId}]").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
    }
}
