using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Org;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Register;

/// <param name="Close">true to end the campaign; otherwise <paramref name="Deadline"/> is its new deadline</param>
public sealed record ChangeCampaignRequest(DateOnly? Deadline, bool? Close, string? Reason);
public sealed record OpenCampaignRequest(string? Name, int? Year, string? SchemeCode, int? RootOrgUnitId, DateOnly? Deadline, int? CarryForwardFromCampaignId);
public sealed record AddListRequest(int? OrgUnitId, int? PostId, int? PersonId);
/// <summary>The outcome of adding several points: what was (or would be) added, and each point's failure by its index.</summary>
public sealed record PointBatch(
    RiskList List, Scheme Scheme, IReadOnlyList<RiskPoint> Points, IReadOnlyList<(int Index, DomainException Error)> Errors, bool Saved);

/// <summary>Opening campaigns, adding lists and writing risk points: shared by the API and the pages.</summary>
public sealed class RegisterCommands(AppDbContext db, SchemeStore schemes, Powers.PowerCommands powers, Reviewers reviewers, TimeProvider time)
{
    public async Task<Campaign> OpenCampaignAsync(AccessScope scope, OpenCampaignRequest req, CancellationToken ct)
    {
        var scheme = await schemes.FindAsync(req.SchemeCode, ct) ?? throw new DomainException("schemeCode", $"方案“{req.SchemeCode}”不存在");
        var root = await OrgUnitCommands.LoadVisibleAsync(db, scope,
            req.RootOrgUnitId ?? throw new DomainException("rootOrgUnitId", "排查范围（机构）不能为空"), ct, "rootOrgUnitId");
        if (!ListAuthoring.CanOpenCampaign(scope, root.Path)) throw DomainException.Forbidden($"无权在“{root.Name}”开展排查（需党办或纪委监委）");
        var deadline = req.Deadline ?? throw new DomainException("deadline", "截止日期不能为空");
        Campaign? origin = null;
        if (req.CarryForwardFromCampaignId is { } fromId)
        {
            origin = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == fromId, ct);
            if (origin is null || !await db.OrgUnits.InBusinessReach(scope).AnyAsync(u => u.Id == origin.RootOrgUnitId, ct))
                throw new DomainException("carryForwardFromCampaignId", "要延续的排查不存在或不在您的权限范围内");
            if (origin.SchemeCode != scheme.Code)
                throw new DomainException("carryForwardFromCampaignId", $"只能延续同一方案的排查（上次为“{origin.SchemeCode}”）");
        }
        var campaign = new Campaign(req.Name!, req.Year ?? time.Today().Year, scheme, root.Id, deadline, origin?.Id, time.UtcNow());

        var units = await db.OrgUnits.Under([root.Path], u => u.Path)
            .Select(u => new CampaignPlan.UnitInfo(u.Id, u.Kind)).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var posts = await db.Posts.Where(p => unitIds.Contains(p.OrgUnitId))
            .SelectMany(p => db.PostAssignments.Where(a => a.PostId == p.Id && a.To == null).Select(a => (int?)a.PersonId).DefaultIfEmpty(),
                (p, person) => new CampaignPlan.PostHolder(p.Id, p.OrgUnitId, person))
            .ToListAsync(ct);
        var lists = CampaignPlan.Lists(scheme, units, posts).Select(s => new RiskList(campaign, s.Scope, s.OrgUnitId, s.PostId, s.PersonId)).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Campaigns.Add(campaign);
        db.RiskLists.AddRange(lists);
        await db.SaveChangesAsync(ct);
        if (origin is not null) await CarryForwardAsync(scheme, origin, lists, ct);
        if (scheme.ListKinds.Any(k => k.Stages.Any(s => s.Actor == StageActor.Peers))) await PairAsync(campaign, root.Path, ct);
        await tx.CommitAsync(ct);
        return campaign;
    }

    /// <summary>交叉互查: the departments of each unit checked in a ring (the party office may change the pairs).</summary>
    private async Task PairAsync(Campaign campaign, string rootPath, CancellationToken ct)
    {
        var departments = await db.OrgUnits.Under([rootPath], u => u.Path).Where(u => u.Kind == OrgUnitKind.Department)
            .Select(u => new { u.Id, u.ParentId, u.Path }).ToListAsync(ct);
        var groups = departments.GroupBy(d => d.ParentId)
            .Select(g => (IReadOnlyList<int>)g.OrderBy(d => d.Path, StringComparer.Ordinal).Select(d => d.Id).ToList());
        db.PeerPairs.AddRange(Core.Review.PeerPair.Ring(groups).Select(p => new Core.Review.PeerPair(campaign.Id, p.OrgUnitId, p.PeerOrgUnitId)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>动态排查: each new list starts with the points of the same list last time.</summary>
    private async Task CarryForwardAsync(Scheme scheme, Campaign origin, List<RiskList> lists, CancellationToken ct)
    {
        var oldLists = await db.RiskLists.AsNoTracking().Where(l => l.CampaignId == origin.Id)
            .Select(l => new { l.Id, l.Scope, l.OrgUnitId, l.PostId, l.HolderPersonId }).ToListAsync(ct);
        var oldPoints = (await db.RiskPoints.AsNoTracking().Where(p => p.CampaignId == origin.Id).OrderBy(p => p.Seq).ToListAsync(ct))
            .ToLookup(p => p.ListId);
        foreach (var list in lists)
        {
            var old = oldLists.FirstOrDefault(o =>
                o.Scope == list.Scope && o.OrgUnitId == list.OrgUnitId && o.PostId == list.PostId && o.HolderPersonId == list.HolderPersonId);
            if (old is null) continue;
            var seq = 0;
            foreach (var p in oldPoints[old.Id])
                db.RiskPoints.Add(new RiskPoint(list, ++seq, scheme, p.ToContent(), p.Id));
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<RiskList> AddListAsync(AccessScope scope, int campaignId, AddListRequest req, CancellationToken ct)
    {
        var campaign = await LoadCampaignAsync(scope, campaignId, ct);
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, req.OrgUnitId ?? throw new DomainException("orgUnitId", "机构不能为空"), ct, "orgUnitId");
        var root = await db.OrgUnits.Where(u => u.Id == campaign.RootOrgUnitId).Select(u => u.Path).FirstAsync(ct);
        if (!OrgPath.IsAncestorOrSelf(root, unit.Path)) throw new DomainException("orgUnitId", $"“{unit.Name}”不在本次排查的范围内");
        if (!ListAuthoring.CanOpenCampaign(scope, unit.Path)) throw DomainException.Forbidden("无权为本次排查添加清单");
        var scheme = await schemes.GetAsync(campaign.SchemeCode, ct);
        if (req.PostId is { } postId && !await db.Posts.AnyAsync(p => p.Id == postId && p.OrgUnitId == unit.Id, ct))
            throw new DomainException("postId", $"岗位不属于“{unit.Name}”");
        if (req.PersonId is { } personId && !await db.People.AnyAsync(p => p.Id == personId && p.OrgUnitId == unit.Id, ct))
            throw new DomainException("personId", $"人员不属于“{unit.Name}”");
        var listScope = req.PersonId is not null ? (scheme.ListKinds.Any(k => k.Scope == ListScope.Person) ? ListScope.Person : ListScope.Post)
            : req.PostId is not null ? ListScope.Post
            : unit.Kind == OrgUnitKind.Department ? ListScope.Department : ListScope.Unit;
        if (await db.RiskLists.AnyAsync(l => l.CampaignId == campaignId && l.Scope == listScope && l.OrgUnitId == unit.Id
                                             && l.PostId == req.PostId && l.HolderPersonId == req.PersonId, ct))
            throw DomainException.Conflict("orgUnitId", "本次排查已有这份清单");
        var list = new RiskList(campaign, listScope, unit.Id, req.PostId, req.PersonId);
        db.RiskLists.Add(list);
        await db.SaveChangesAsync(ct);
        return list;
    }

    /// <summary>Moves the deadline or ends the campaign; whoever may open campaigns over its root may, saying why.</summary>
    public async Task<Campaign> ChangeCampaignAsync(AccessScope scope, int id, ChangeCampaignRequest req, CancellationToken ct)
    {
        var campaign = await LoadCampaignAsync(scope, id, ct);
        var root = await db.OrgUnits.Where(u => u.Id == campaign.RootOrgUnitId).Select(u => u.Path).FirstAsync(ct);
        if (!ListAuthoring.CanOpenCampaign(scope, root)) throw DomainException.Forbidden("只有开展本次排查的党办、纪委监委或管理员可以调整或结束排查");
        if (req.Close == true) campaign.Close(req.Reason);
        else campaign.Reschedule(req.Deadline ?? throw new DomainException("deadline", "请填写新的截止日期"), req.Reason);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    public async Task<Campaign> LoadCampaignAsync(AccessScope scope, int id, CancellationToken ct)
    {
        return await RegisterQuery.Campaigns(db, scope).AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw DomainException.NotFound("id", "排查不存在或不在您的权限范围内");
    }

    public async Task<RiskList> LoadListAsync(AccessScope scope, int id, CancellationToken ct) =>
        await db.RiskLists.Include(l => l.OrgUnit).Include(l => l.Campaign).Visible(scope).FirstOrDefaultAsync(l => l.Id == id, ct)
        ?? await InvitedListAsync(scope, id, ct)
        ?? await ReviewingListAsync(scope, id, ct)
        ?? throw DomainException.NotFound("id", "清单不存在或不在您的权限范围内");

    /// <summary>
    /// Someone taking part in a list reads it while they do, though it lies outside what they otherwise see: whoever
    /// decides the stage it waits at (a colleague helping to check, the head of the paired department, the leading
    /// group's office), and the people of a department whose list they sign row by row (001 逐条逐栏签字).
    /// </summary>
    private async Task<RiskList?> ReviewingListAsync(AccessScope scope, int id, CancellationToken ct)
    {
        if (scope.PersonId is null && !scope.Has(Role.DeptHead)) return null;
        var list = await db.RiskLists.Include(l => l.OrgUnit).Include(l => l.Campaign).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (list is null || await schemes.FindAsync(list.SchemeCode, ct) is not { } scheme) return null;
        if (list.Status == ListStatus.InReview)
            return Core.Review.Workflow.CurrentStage(scheme, list) is { } stage && await reviewers.CanActAsync(scope, list, stage, ct) ? list : null;
        var signing = list.Status is ListStatus.Draft or ListStatus.Returned && Core.Review.RowSignature.Required(scheme, list);
        return signing && await db.People.AnyAsync(p => p.Id == scope.PersonId && p.OrgUnitId == list.OrgUnitId, ct) ? list : null;
    }

    /// <summary>A helper reads a list only while it waits at the stage they were invited to comment on.</summary>
    private async Task<RiskList?> InvitedListAsync(AccessScope scope, int id, CancellationToken ct) =>
        !scope.Has(Role.Helper) ? null : await db.RiskLists.Include(l => l.OrgUnit).Include(l => l.Campaign)
            .Where(l => l.Id == id && l.Status == ListStatus.InReview && db.ReviewInvitations.Any(i =>
                i.ListId == l.Id && i.UserId == scope.UserId && i.Revision == l.Revision && i.StageCode == l.Stage))
            .FirstOrDefaultAsync(ct);

    public async Task<RiskList> SetCommitmentAsync(AccessScope scope, int listId, string? text, CancellationToken ct, int? version = null)
    {
        var list = await WritableListAsync(scope, listId, ct);
        db.ExpectVersion(list, version);
        list.SetCommitment(text);
        await db.SaveChangesAsync(ct);
        return list;
    }

    public async Task<RiskPoint> AddPointAsync(AccessScope scope, int listId, RiskPointContent content, CancellationToken ct)
    {
        var list = await WritableListAsync(scope, listId, ct);
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        var seq = (await db.RiskPoints.Where(p => p.ListId == listId).MaxAsync(p => (int?)p.Seq, ct) ?? 0) + 1;
        await CheckPostAsync(list, content.PostId, ct);
        await powers.CheckLinkAsync(list, content.PowerId, content.FlowStepKey, ct);
        var point = new RiskPoint(list, seq, scheme, content);
        db.RiskPoints.Add(point);
        await db.SaveChangesAsync(ct);
        if (point.PowerId is { } power) await powers.RefreshWarningsAsync(power, ct);
        return point;
    }

    /// <summary>
    /// Adds several points at once (an import) under the same rules as one written by hand: the caller must be the
    /// list's writer and the list editable; each point is checked against the scheme. If any point fails, or
    /// <paramref name="save"/> is false (a dry run), nothing is saved; otherwise all are saved in one transaction.
    /// </summary>
    public async Task<PointBatch> AddPointsAsync(AccessScope scope, int listId, IReadOnlyList<RiskPointContent> contents, bool save, CancellationToken ct)
    {
        var list = await WritableListAsync(scope, listId, ct);
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        var seq = await db.RiskPoints.Where(p => p.ListId == listId).MaxAsync(p => (int?)p.Seq, ct) ?? 0;
        var points = new List<RiskPoint>(contents.Count);
        var errors = new List<(int Index, DomainException Error)>();
        for (var i = 0; i < contents.Count; i++)
        {
            try
            {
                await CheckPostAsync(list, contents[i].PostId, ct);
                points.Add(new RiskPoint(list, seq + points.Count + 1, scheme, contents[i]));
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Invalid) { errors.Add((i, e)); }
        }
        if (errors.Count > 0 || !save) return new PointBatch(list, scheme, points, errors, Saved: false);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The list's version first: a submit or another import that landed since the list (and its last Seq) was read
        // fails here with 409, before any row is written — not later on the points' (ListId, Seq) with a 500. The
        // row stays locked to this import until it commits, so a racing import waits and then fails the same way.
        db.Touch(list);
        await db.SaveChangesAsync(ct);
        await db.InsertManyAsync(points, ct); // thousands of imported rows: no change tracker
        await tx.CommitAsync(ct);
        return new PointBatch(list, scheme, points, errors, Saved: true);
    }

    /// <summary>
    /// 汇总 (001): a department's list takes the points of its post holders' approved 岗位自查, each once; the holder
    /// becomes the row's responsible person, who then signs it (逐条逐栏).
    /// </summary>
    public async Task<int> GatherAsync(AccessScope scope, int listId, CancellationToken ct)
    {
        var list = await WritableListAsync(scope, listId, ct);
        if (list.Scope != ListScope.Department) throw DomainException.Conflict("scope", "只有处室（单位）清单汇总岗位自查");
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        var sources = await db.RiskPoints.AsNoTracking()
            .Where(p => p.CampaignId == list.CampaignId && p.OrgUnitId == list.OrgUnitId && p.List.Scope == ListScope.Person
                && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published)
                && !db.RiskPoints.Any(g => g.ListId == list.Id && g.SourcePointId == p.Id))
            .OrderBy(p => p.ListId).ThenBy(p => p.Seq)
            .Select(p => new { Point = p, Holder = db.People.Where(x => x.Id == p.List.HolderPersonId).Select(x => x.Name).FirstOrDefault() })
            .ToListAsync(ct);
        if (sources.Count == 0) throw DomainException.Conflict("riskPoints", "没有可汇总的岗位自查：本处室（单位）的岗位自查尚未提交，或已全部汇总");
        var seq = await db.RiskPoints.Where(p => p.ListId == listId).MaxAsync(p => (int?)p.Seq, ct) ?? 0;
        // the 处室单位负责人 (a person with the department head's grant there) answers for the rows as 责任领导
        var head = await db.UserGrants.Where(g => g.Role == Role.DeptHead && g.OrgUnitId == list.OrgUnitId)
            .Join(db.Users.Where(u => u.PersonId != null), g => g.UserId, u => u.Id, (g, u) => u.PersonId)
            .Join(db.People, id => id, p => p.Id, (_, p) => p.Name).OrderBy(n => n).FirstOrDefaultAsync(ct);
        foreach (var s in sources) db.RiskPoints.Add(RiskPoint.Gathered(list, ++seq, scheme, s.Point, s.Holder ?? "", head));
        await db.SaveChangesAsync(ct);
        return sources.Count;
    }

    public async Task<RiskPoint> UpdatePointAsync(AccessScope scope, int listId, long pointId, RiskPointContent content, int? version, CancellationToken ct)
    {
        var list = await WritableListAsync(scope, listId, ct);
        var point = await db.RiskPoints.FirstOrDefaultAsync(p => p.Id == pointId && p.ListId == listId, ct)
            ?? throw DomainException.NotFound("id", "风险点不存在");
        db.ExpectVersion(point, version);
        await CheckPostAsync(list, content.PostId, ct);
        await powers.CheckLinkAsync(list, content.PowerId, content.FlowStepKey, ct);
        var powerBefore = point.PowerId;
        point.Update(await schemes.GetAsync(list.SchemeCode, ct), content);
        await db.SaveChangesAsync(ct);
        foreach (var power in new[] { powerBefore, point.PowerId }.OfType<int>().Distinct()) await powers.RefreshWarningsAsync(power, ct);
        return point;
    }

    public async Task DeletePointAsync(AccessScope scope, int listId, long pointId, CancellationToken ct)
    {
        var list = await WritableListAsync(scope, listId, ct);
        var point = await db.RiskPoints.FirstOrDefaultAsync(p => p.Id == pointId && p.ListId == listId, ct)
            ?? throw DomainException.NotFound("id", "风险点不存在");
        db.RiskPoints.Remove(point);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A list the caller may write now: visible, theirs to write, and in an editable state.</summary>
    public async Task<RiskList> WritableListAsync(AccessScope scope, int listId, CancellationToken ct)
    {
        var list = await LoadListAsync(scope, listId, ct);
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        if (!ListAuthoring.CanWrite(scope, list, list.OrgUnit.Path, scheme)) throw DomainException.Forbidden(ListAuthoring.WhoWrites(list, scheme));
        list.EnsureEditable();
        return list;
    }

    private async Task CheckPostAsync(RiskList list, int? postId, CancellationToken ct)
    {
        if (postId is { } id && id != list.PostId && !await db.Posts.AnyAsync(p => p.Id == id && p.OrgUnitId == list.OrgUnitId, ct))
            throw new DomainException("postId", "岗位不属于该清单所在的机构");
    }
}
