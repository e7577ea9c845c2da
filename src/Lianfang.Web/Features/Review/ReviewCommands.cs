using Lianfang.Core.Access;
using Lianfang.Core.Forms;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Review;

/// <summary>A stage decision; on a 审定 stage <paramref name="Levels"/> sets points' approved levels as part of the signed approval.</summary>
/// <paramref name="CheckedItems"/>: the items the agency confirmed one by one where the scheme's RequiredItems asks it (description, measures …).
public sealed record ReviewRequest(string? Decision, string? Comment, string? Stage, IReadOnlyList<LevelDecision>? Levels = null, MeetingRecord? Meeting = null,
    IReadOnlyList<PointRevision>? Revisions = null, IReadOnlyList<string>? CheckedItems = null);
/// <summary>Several lists decided alike at the stages they wait at (批量审核); <paramref name="CheckedItems"/> for the agency's 逐项确认.</summary>
public sealed record BatchReviewRequest(IReadOnlyList<int>? ListIds, string? Decision, string? Comment, IReadOnlyList<string>? CheckedItems = null);
/// <summary>What became of one list of a batch: done (with the stage it moved to), or why not.</summary>
public sealed record BatchReviewResult(int ListId, bool Done, string? Stage, string? Error);
public sealed record BatchInviteRequest(IReadOnlyList<int>? ListIds, string? UserName);
/// <summary>A revision made in review (001's 政治处): a point's measures rewritten, with the reason.</summary>
public sealed record PointRevision(long? PointId, IReadOnlyList<string>? Measures, string? Reason);
/// <summary>A leading group's meeting deciding a stage: the members present (person ids); its head signs.</summary>
public sealed record MeetingRecord(IReadOnlyList<int>? Attendees);
/// <summary>审定 of one point: the approved level, with a reason when it differs from 自评.</summary>
public sealed record LevelDecision(long? PointId, string? LevelCode, string? Reason);
public sealed record CommentRequest(string? Comment);

/// <summary>A line signed on a form of the list (<see cref="FormDef.Countersign"/>): who signs it, whether signed, whether the caller may sign now.</summary>
public sealed record CountersignLine(string FormCode, string FormTitle, string Line, StageActor Actor, ReviewRecord? Signed, bool MaySign);
public sealed record InviteRequest(string? UserName);
public sealed record CommitmentRequest(string? Text, int? Version = null);
public sealed record PublishRequest(DateOnly? From, DateOnly? Until);
public sealed record HelperOption(int Id, string UserName, string? DisplayName);

/// <summary>Submit, approve, return and reopen lists; every approval signs the list's content hash.</summary>
public sealed class ReviewCommands(AppDbContext db, SchemeStore schemes, RegisterCommands register, CurrentUser me, Supervision.WarningSweep sweep,
    Reviewers reviewers, Supervision.PointSupervisors supervisors, Verify.Sm2 sm2, TimeProvider time)
{
    public async Task<RiskList> SubmitAsync(AccessScope scope, int listId, string? comment, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        if (!ListAuthoring.CanWrite(scope, list, list.OrgUnit.Path, scheme))
            throw DomainException.Forbidden(ListAuthoring.WhoWrites(list, scheme).Replace("填写", "提交"));
        if (points.Count == 0) throw new DomainException("riskPoints", "清单中还没有风险点，不能提交");
        Completeness.EnsureReadyToSubmit(points);
        ListRules.EnsureElements(scheme, points);
        ListRules.EnsureRequiredItems(scheme, points);
        if (ListRules.NeedsLeader(scheme, list)) ListRules.EnsureLeaders(points, await PeopleOfUnitAsync(list, ct));
        if (RowSignature.Required(scheme, list) && await MissingRowSignaturesAsync(list, points, ct) is { Count: > 0 } missing)
            throw DomainException.Conflict("rowSignatures",
                $"逐条逐栏签字未完成，不能提交：{string.Join("；", missing.Take(10))}{(missing.Count > 10 ? $" 等 {missing.Count} 处" : "")}");
        var t = Workflow.Submit(scheme, list, await reviewers.DecidableAsync(list, ct));
        await DecideAsync(list, scheme, points, t, Decision.Submit, t.Stage?.Name ?? "提交审核",
            list.HolderPersonId is not null ? "本人" : "填报人", comment, signed: true, ct);
        return list;
    }

    /// <summary>
    /// 批量审核: each list is decided as if alone (its own signature and transaction); one that cannot be (another stage's,
    /// a 审定 needing levels, a meeting) is reported and left as it was, and the others go on.
    /// </summary>
    public Task<List<BatchReviewResult>> ReviewManyAsync(AccessScope scope, BatchReviewRequest req, CancellationToken ct) =>
        EachListAsync(req.ListIds, "请选择要批量审核的清单", "一次最多批量审核 100 份清单",
            async id => (await ReviewAsync(scope, id, new ReviewRequest(req.Decision, req.Comment, null, CheckedItems: req.CheckedItems), ct)).Stage);

    /// <summary>Invites one helper (代表、专家、群众) to several lists waiting at a helpers' stage; each list answers for itself.</summary>
    public Task<List<BatchReviewResult>> InviteManyAsync(AccessScope scope, IReadOnlyList<int>? listIds, string? userName, CancellationToken ct) =>
        EachListAsync(listIds, "请选择要邀请帮查的清单", "一次最多邀请 100 份清单", async id => { await InviteAsync(scope, id, userName, ct); return null; });

    /// <summary>A batch: each list acted on alone; a refused one is reported and nothing of it is saved with the next.</summary>
    private async Task<List<BatchReviewResult>> EachListAsync(IReadOnlyList<int>? listIds, string none, string tooMany, Func<int, Task<string?>> act)
    {
        var ids = (listIds ?? []).Distinct().ToList();
        if (ids.Count == 0) throw new DomainException("listIds", none);
        if (ids.Count > 100) throw new DomainException("listIds", tooMany);
        var results = new List<BatchReviewResult>();
        foreach (var id in ids)
        {
            try { results.Add(new(id, true, await act(id), null)); }
            catch (DomainException e)
            {
                db.ChangeTracker.Clear();
                results.Add(new(id, false, null, e.Message));
            }
        }
        return results;
    }

    public async Task<RiskList> ReviewAsync(AccessScope scope, int listId, ReviewRequest req, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        var stage = Workflow.CurrentStage(scheme, list)
            ?? throw DomainException.Conflict("status", $"清单当前状态为“{list.Status.Label()}”，没有待审核的环节");
        if (req.Stage is not null && req.Stage != stage.Code)
            throw DomainException.Conflict("stage", $"该环节已处理，清单现处于“{stage.Name}”");
        if (!await reviewers.CanActAsync(scope, list, stage, ct))
            throw DomainException.Forbidden($"当前环节为“{stage.Name}”，应由{Workflow.ActorLabel(stage.Actor)}审核"
                + (await reviewers.MissingAsync(list, stage, ct) is { } missing ? "。" + missing : ""));
        var decision = req.Decision?.Trim().ToLowerInvariant() switch
        {
            "approve" or "通过" or "同意" => Decision.Approve,
            "return" or "退回" => Decision.Return,
            _ => throw new DomainException("decision", "decision 应为 approve（通过）或 return（退回）"),
        };
        var t = decision == Decision.Approve
            ? Workflow.Approve(scheme, list, req.Stage, await reviewers.DecidableAsync(list, ct))
            : Workflow.Return(scheme, list, req.Stage, req.Comment);
        if (decision == Decision.Approve) await EnsureHeardAsync(list, stage, ct);
        if (decision == Decision.Approve && stage.Publicity) await EnsurePublicityEndedAsync(list, stage, ct);
        var checkedItems = decision == Decision.Approve && ListRules.ChecksItems(scheme, stage)
            ? ListRules.EnsureChecked(scheme, stage, req.CheckedItems)
            : null;
        var attendees = stage.Actor == StageActor.LeadingGroup ? await MeetingAsync(list, req.Meeting, ct) : null;
        var levels = req.Levels ?? [];
        if (levels.Count > 0 && decision != Decision.Approve) throw new DomainException("levels", "审定风险等级须随审核通过一并签字；退回时不能审定");
        if (levels.Count > 0 && !stage.SetsLevels)
            throw new DomainException("levels", Workflow.Stages(scheme, list.Scope).FirstOrDefault(s => s.SetsLevels) is { } body
                ? $"“{stage.Name}”环节不审定风险等级，审定在“{body.Name}”环节进行" : $"方案“{scheme.Name}”的这类清单没有审定风险等级的环节");
        var prior = ListContent.Hash(list, points);
        var changes = new List<ContentChange>();
        foreach (var (l, i) in levels.Select((l, i) => (l, i)))
        {
            var point = points.FirstOrDefault(p => p.Id == l.PointId)
                ?? throw new DomainException($"levels[{i}].pointId", $"风险点 {l.PointId} 不在本清单中");
            if (point.SetApprovedLevel(scheme, l.LevelCode, l.Reason, $"levels[{i}]") is { } c) changes.Add(c);
        }
        var revisions = req.Revisions ?? [];
        if (revisions.Count > 0 && (decision != Decision.Approve || !stage.RevisesContent))
            throw new DomainException("revisions", $"“{stage.Name}”环节不在审核中修订清单；需要修改的，请退回填写人");
        foreach (var (r, i) in revisions.Select((r, i) => (r, i)))
        {
            var point = points.FirstOrDefault(p => p.Id == r.PointId) ?? throw new DomainException($"revisions[{i}].pointId", $"风险点 {r.PointId} 不在本清单中");
            if (point.ReviseMeasures(r.Measures, r.Reason, $"revisions[{i}]") is { } c) changes.Add(c);
        }
        await DecideAsync(list, scheme, points, t, decision, stage.Name, Workflow.ActorLabel(stage.Actor), req.Comment, t.Signed, ct,
            changes: changes.Count > 0 ? (prior, changes) : null, attendees: attendees, checkedItems: checkedItems);
        return list;
    }

    /// <summary>The people of the list's unit (the nearest 单位 above it, all its departments) by name: who may be named 责任领导.</summary>
    private async Task<HashSet<string>> PeopleOfUnitAsync(RiskList list, CancellationToken ct)
    {
        var chain = OrgPath.AncestorsOrSelf(list.OrgUnit.Path);
        var unit = await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind != OrgUnitKind.Department).OrderByDescending(u => u.Path)
            .Select(u => u.Path).FirstOrDefaultAsync(ct) ?? list.OrgUnit.Path;
        var (lo, hi) = OrgPath.SubtreeBounds(unit);
        return (await db.People.Where(p => string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0)
            .Select(p => p.Name).Distinct().ToListAsync(ct)).ToHashSet();
    }

    /// <summary>公示 (003 单位内公示): the stage closes once the list has been shown within the unit for the whole period.</summary>
    private async Task EnsurePublicityEndedAsync(RiskList list, ReviewStageDef stage, CancellationToken ct)
    {
        var shown = await db.Publications
            .Where(p => p.ListId == list.Id && p.Revision == list.Revision)
            .OrderByDescending(p => p.Until)
            .FirstOrDefaultAsync(ct);
        PublicityRules.EnsureEnded(stage, shown?.From, shown?.Until, time.Today());
    }

    public const string HelperRole = "帮查人员", AgencyAssistRole = "纪检监察组协查";

    /// <summary>A department's list of a scheme stating 逐条逐栏签字 (the RowSignatures rule) is signed row by row before it is submitted.</summary>

    /// <summary>The people of the list's department (and below) by name, to match the names written as 责任人员.</summary>
    private async Task<Dictionary<string, int>> PeopleByNameAsync(RiskList list, CancellationToken ct)
    {
        var (lo, hi) = OrgPath.SubtreeBounds(list.OrgUnit.Path);
        return (await db.People.Where(p => string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0)
            .Select(p => new { p.Name, p.Id }).ToListAsync(ct)).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Id);
    }

    public async Task<IReadOnlyList<string>> MissingRowSignaturesAsync(RiskList list, IReadOnlyList<RiskPoint> points, CancellationToken ct) =>
        RowSignature.Missing(points,
            await db.RowSignatures.Where(r => r.ListId == list.Id && r.Revision == list.Revision).ToListAsync(ct),
            await PeopleByNameAsync(list, ct));

    /// <summary>逐条逐栏签字: the caller signs every row of the department's list that names them as 责任人员.</summary>
    public async Task<int> SignRowsAsync(AccessScope scope, int listId, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        if (!RowSignature.Required(scheme, list)) throw DomainException.Conflict("rowSignatures", $"方案“{scheme.Name}”的这类清单不逐条签字");
        list.EnsureEditable();
        if (scope.PersonId is not { } me) throw DomainException.Forbidden("逐条签字须由清单中写明的责任人员本人进行（账号未关联人员）");
        var people = await PeopleByNameAsync(list, ct);
        var name = people.FirstOrDefault(p => p.Value == me).Key
            ?? throw DomainException.Forbidden("只有本处室（单位）的责任人员可以逐条签字");
        var signed = await db.RowSignatures.Where(r => r.ListId == list.Id && r.Revision == list.Revision && r.PersonId == me).ToListAsync(ct);
        var mine = points.Where(p => (p.Responsible.Persons ?? []).Contains(name) && !signed.Any(s => s.Covers(p))).ToList();
        if (mine.Count == 0) throw DomainException.Conflict("rowSignatures", "没有待您签字的风险点（您不是任何一条的责任人员，或已全部签字）");
        db.RowSignatures.AddRange(mine.Select(p => new RowSignature(list, p, me, name, scope.UserId, time.UtcNow())));
        await db.SaveChangesAsync(ct);
        return mine.Count;
    }

    /// <summary>
    /// A stage of invited helpers (代表帮查、专家助查、群众评议) closes only once a helper has been heard, and one the
    /// agency joins (协查) only once the agency has given its opinion: the organiser closes it, never instead of them.
    /// </summary>
    private async Task EnsureHeardAsync(RiskList list, ReviewStageDef stage, CancellationToken ct)
    {
        var heard = await db.Reviews
            .Where(r => r.ListId == list.Id && r.Revision == list.Revision && r.StageCode == stage.Code && r.Decision == Decision.Comment)
            .Select(r => r.RoleLabel).Distinct().ToListAsync(ct);
        if (stage.HelpersMayComment && !heard.Contains(HelperRole))
            throw DomainException.Conflict("stage", $"“{stage.Name}”环节还没有收到受邀人员的意见：请先邀请帮查人员（代表、专家或群众）并待其提出意见，再结束本环节");
        if (stage.AgencyJoins && !heard.Contains(AgencyAssistRole))
            throw DomainException.Conflict("stage", $"“{stage.Name}”环节须有派驻纪检监察组的协查意见，待其提出后再结束本环节");
    }

    /// <summary>领导小组 decides in a meeting its head signs: who attended is recorded with the decision.</summary>
    private async Task<List<string>> MeetingAsync(RiskList list, MeetingRecord? meeting, CancellationToken ct)
    {
        var group = await reviewers.GroupAsync(list, ct);
        var present = GroupMeeting.Attendance(group, Reviewers.Presiding(group, list.HolderPersonId) ?? 0, meeting?.Attendees);
        var names = await db.People.Where(p => present.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        return present.Select(id => names.First(n => n.Id == id).Name).ToList();
    }

    public async Task<RiskList> ReopenAsync(AccessScope scope, int listId, string? comment, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        if (!MayReopen(scope, list)) throw DomainException.Forbidden("只有清单的填写人、本单位党办或主要负责人可以重新打开清单");
        var t = Workflow.Reopen(list);
        await DecideAsync(list, scheme, points, t, Decision.Reopen, "重新打开", "", comment, signed: false, ct, reopening: true);
        return list;
    }

    /// <summary>The stage's reviewer invites a helper (a user with a 帮查 grant over the list's unit) to comment.</summary>
    public async Task<ReviewInvitation> InviteAsync(AccessScope scope, int listId, string? userName, CancellationToken ct)
    {
        var (list, scheme, _) = await LoadAsync(scope, listId, ct);
        var stage = Workflow.CurrentStage(scheme, list)
            ?? throw DomainException.Conflict("status", $"清单当前状态为“{list.Status.Label()}”，不在审核中");
        if (!await reviewers.CanActAsync(scope, list, stage, ct))
            throw DomainException.Forbidden($"只有“{stage.Name}”环节的审核人可以邀请帮查");
        if (!stage.HelpersMayComment) throw DomainException.Conflict("stage", $"“{stage.Name}”环节不征求帮查意见");
        var helper = (await HelpersAsync(list, ct)).FirstOrDefault(h => h.UserName == userName?.Trim())
            ?? throw new DomainException("userName", "请选择本单位的帮查人员（代表、专家）");
        var existing = await db.ReviewInvitations.FirstOrDefaultAsync(i => i.ListId == list.Id && i.Revision == list.Revision
            && i.StageCode == list.Stage && i.UserId == helper.Id, ct);
        if (existing is not null) return existing;
        var invitation = new ReviewInvitation(list, helper.Id, me.UserId ?? 0, time.UtcNow());
        db.ReviewInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    /// <summary>The helpers for a list the user can see (empty when they cannot).</summary>
    public async Task<List<HelperOption>> HelpersForAsync(AccessScope scope, int listId, CancellationToken ct)
    {
        var path = await db.RiskLists.Visible(scope).Where(l => l.Id == listId).Select(l => l.OrgUnit.Path).FirstOrDefaultAsync(ct);
        return path is null ? [] : await HelpersAsync(path, ct);
    }

    /// <summary>Helpers who may be invited for a list: 帮查 grants on the list's unit or above it.</summary>
    public Task<List<HelperOption>> HelpersAsync(RiskList list, CancellationToken ct) => HelpersAsync(list.OrgUnit.Path, ct);

    private async Task<List<HelperOption>> HelpersAsync(string listPath, CancellationToken ct)
    {
        var chain = OrgPath.AncestorsOrSelf(listPath);
        var helpers = db.UserGrants.Where(g => g.Role == Role.Helper && g.OrgUnit != null && chain.Contains(g.OrgUnit.Path)).Select(g => g.UserId);
        return await db.Users.Where(u => helpers.Contains(u.Id)).OrderBy(u => u.UserName)
            .Select(u => new HelperOption(u.Id, u.UserName!, u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>An invited helper's comment: recorded in the history, decides nothing, signs nothing.</summary>
    public async Task<ReviewRecord> CommentAsync(AccessScope scope, int listId, string? comment, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        var invitations = await db.ReviewInvitations.Where(i => i.ListId == list.Id && i.UserId == scope.UserId).ToListAsync(ct);
        var invited = invitations.Any(i => i.IsOpenFor(list));
        var assisting = !invited && Workflow.CurrentStage(scheme, list) is { AgencyJoins: true } && scope.HasRoleOver(list.OrgUnit.Path, Role.Agency);
        if (!invited && !assisting) throw DomainException.Forbidden("只有受邀的帮查人员（或协查的派驻纪检监察组）可以在本环节提出意见");
        var stage = Workflow.Comment(scheme, list, comment);
        var record = new ReviewRecord(list.Id, list.Revision, stage.Code, stage.Name, Decision.Comment, me.UserId ?? 0,
            await me.DisplayNameAsync(ct), assisting ? AgencyAssistRole : HelperRole, comment, ListContent.Hash(list, points), signed: false, time.UtcNow());
        db.Reviews.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>
    /// 公示 an approved list for a period, or a list at a 公示 stage within the unit (003 单位内公示, which the stage then
    /// waits out); the unit's party office or principal decides, for at least the scheme's period.
    /// </summary>
    public async Task<Publication> PublishAsync(AccessScope scope, int listId, PublishRequest req, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        if (!MayPublish(scope, list)) throw DomainException.Forbidden("只有本单位党办（政治处）或主要负责人可以公示清单");
        var atStage = Workflow.CurrentStage(scheme, list) is { Publicity: true };
        var t = atStage ? null : Workflow.Publish(list);
        var until = req.Until ?? throw new DomainException("until", "请填写公示结束日期");
        var from = req.From ?? time.Today();
        PublicityRules.EnsureLongEnough(scheme, from, until);
        var content = ListContent.Canonical(list, points);
        var publication = new Publication(list, from, until, me.UserId ?? 0, await me.DisplayNameAsync(ct), ListContent.HashOf(content), time.UtcNow());
        await sm2.SealAsync(publication, content, ct); // 国密: checked by the code on the public page
        if (t is not null) list.Apply(t);
        db.Publications.Add(publication);
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([Core.Supervision.WarningRules.NotPublished], ct, list.OrgUnit.Path);
        return publication;
    }

    /// <summary>The writer of the list, the unit's party office or its principal reopen an approved list.</summary>
    public static bool MayReopen(AccessScope scope, RiskList list) =>
        ListAuthoring.CanWrite(scope, list, list.OrgUnit.Path) || scope.HasRoleOver(list.OrgUnit.Path, Role.PartyOffice, Role.Principal);

    /// <summary>The unit's party office or principal publishes its lists.</summary>
    public static bool MayPublish(AccessScope scope, RiskList list) => scope.HasRoleOver(list.OrgUnit.Path, Role.PartyOffice, Role.Principal);

    /// <summary>Records the decision with the content hash, moves the list, and on final approval files its filed-level points.</summary>
    private async Task DecideAsync(RiskList list, Scheme scheme, List<RiskPoint> points, Transition t, Decision decision, string stageName,
        string role, string? comment, bool signed, CancellationToken ct, bool reopening = false,
        (string PriorHash, List<ContentChange> Changes)? changes = null, List<string>? attendees = null, IReadOnlyList<string>? checkedItems = null)
    {
        var content = ListContent.Canonical(list, points);
        var hash = ListContent.HashOf(content);
        var display = await me.DisplayNameAsync(ct);
        list.Apply(t, reopening); // a reopening is recorded under the revision it starts
        var record = new ReviewRecord(list.Id, list.Revision, t.Stage?.Code, stageName, decision, me.UserId ?? 0,
            display, role, comment, hash, signed, time.UtcNow());
        if (changes is { } c) record.Amend(c.PriorHash, c.Changes);
        if (attendees is not null) record.RecordMeeting(attendees);
        if (checkedItems is not null) record.RecordChecks(checkedItems);
        // 国密: the act is also a statement signed with SM2 that anyone checks offline with the published key
        if (record.IsSignature) await sm2.SealAsync(record, content, ct);
        db.Reviews.Add(record);
        // Stages passed over are written down, so the history says why nobody signed them.
        foreach (var skipped in t.Skipped)
            db.Reviews.Add(new ReviewRecord(list.Id, list.Revision, skipped.Code, skipped.Name, Decision.Skip, 0, "系统", Workflow.ActorLabel(skipped.Actor),
                list.HolderPersonId is not null ? $"除本人外没有可办理“{skipped.Name}”的{Workflow.ActorLabel(skipped.Actor)}（本人回避或本级未设此岗），转下一环节"
                    : $"本级没有{Workflow.ActorLabel(skipped.Actor)}，转下一环节", hash, signed: false, time.UtcNow()));
        if (t.Final)
        {
            var commission = await CommissionAsync(list, ct);
            await FileAsync(list, scheme, points, commission, ct);
            await FileFormsAsync(list, scheme, hash, commission, ct);
            await supervisors.AssignAsync(list, scheme, points, ct);
        }
        await db.SaveChangesAsync(ct);
        // Warnings that depend on what is approved (or still to be submitted) follow at once, for this unit.
        string[] rules = decision is Decision.Submit ? [Core.Supervision.WarningRules.ListNotSubmitted]
            : t.Final || reopening ? [Core.Supervision.WarningRules.ImportantWithoutProject, Core.Supervision.WarningRules.LeaderInspectionsShort,
                Core.Supervision.WarningRules.KeyPostNotRerated, Core.Supervision.WarningRules.PostChangeUnreviewed, Core.Supervision.WarningRules.NotPublished,
                Core.Supervision.WarningRules.PointUnsupervised, Core.Supervision.WarningRules.RescreeningDue] : [];
        if (rules.Length > 0) await sweep.RunAsync(rules, ct, list.OrgUnit.Path);
    }

    /// <summary>The commission (nearest 纪委监委 above the unit) filings go to.</summary>
    private async Task<int?> CommissionAsync(RiskList list, CancellationToken ct)
    {
        var chain = OrgPath.AncestorsOrSelf(list.OrgUnit.Path);
        return await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind == OrgUnitKind.Commission)
            .OrderByDescending(u => u.Path).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// FormFiling (003): the 登记表 of the unit's own list and of its 班子成员 (lists at the unit itself, not a 科室's) are
    /// filed with the commission on final approval, and the unit's 汇总表 once every list of the campaign in the unit is approved.
    /// </summary>
    private async Task FileFormsAsync(RiskList list, Scheme scheme, string hash, int? commission, CancellationToken ct)
    {
        var codes = scheme.RuleList(RuleKinds.FormFiling, "forms");
        if (codes.Count == 0) return;
        var forms = codes.Select(c => scheme.Forms.FirstOrDefault(f => f.Code == c)).OfType<FormDef>().ToList();
        if (list.OrgUnit.Kind != OrgUnitKind.Department)
        {
            var title = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.Id == list.Id), ct)).Single().Title;
            var suited = Core.Forms.FormCatalog.For(scheme, list.Scope, list.HolderPersonId is not null);
            foreach (var f in forms.Where(f => !Core.Forms.FormCatalog.IsSummary(f) && suited.Any(s => s.Code == f.Code)))
                db.FormFilings.Add(new FormFiling(list.Id, list.CampaignId, list.OrgUnitId, commission, f.Code, f.Title, title, hash, time.UtcNow()));
        }
        // the unit's 汇总表 once the last of its lists in the campaign is approved
        if (forms.FirstOrDefault(Core.Forms.FormCatalog.IsSummary) is not { } summary) return;
        var chain = OrgPath.AncestorsOrSelf(list.OrgUnit.Path);
        var unit = await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind == OrgUnitKind.Unit).OrderByDescending(u => u.Path)
            .Select(u => new { u.Id, u.Path, u.Name }).FirstOrDefaultAsync(ct);
        if (unit is null) return;
        var (lo, hi) = OrgPath.SubtreeBounds(unit.Path);
        var open = await db.RiskLists.AnyAsync(l => l.CampaignId == list.CampaignId && l.Id != list.Id && string.Compare(l.OrgUnit.Path, lo) >= 0
            && string.Compare(l.OrgUnit.Path, hi) < 0 && l.Status != ListStatus.Approved && l.Status != ListStatus.Published, ct);
        if (!open && !await db.FormFilings.AnyAsync(f => f.CampaignId == list.CampaignId && f.OrgUnitId == unit.Id && f.FormCode == summary.Code, ct))
            db.FormFilings.Add(new FormFiling(null, list.CampaignId, unit.Id, commission, summary.Code, summary.Title, unit.Name,
                contentHash: "", time.UtcNow())); // a table of counts, no list content
    }

    /// <summary>Filing: points of the levels the scheme's Filing rule names (重要) are filed with the commission.</summary>
    private async Task FileAsync(RiskList list, Scheme scheme, List<RiskPoint> points, int? commission, CancellationToken ct)
    {
        var due = Filing.OnFinalApproval(scheme, list, points, commission, time.UtcNow()).ToList();
        if (due.Count == 0) return;
        var ids = due.Select(f => f.RiskPointId).ToList();
        var already = await db.Filings.Where(f => ids.Contains(f.RiskPointId)).Select(f => f.RiskPointId).ToListAsync(ct);
        db.Filings.AddRange(due.Where(f => !already.Contains(f.RiskPointId)));
    }

    /// <summary>
    /// The lines of the list's forms signed on the form itself (003 附件8: 分管领导签字), whether each is signed in this
    /// revision, and whether the caller may sign it now: once the list is approved, by the person the line names.
    /// </summary>
    public async Task<List<CountersignLine>> CountersignLinesAsync(AccessScope scope, RiskList list, Scheme scheme, CancellationToken ct)
    {
        var forms = SignatureLines.CountersignForms(scheme, list.Scope, list.HolderPersonId is not null).ToList();
        if (forms.Count == 0) return [];
        var records = await db.Reviews.AsNoTracking().Where(r => r.ListId == list.Id && r.Revision == list.Revision && r.Decision == Decision.Countersign)
            .OrderBy(r => r.Id).ToListAsync(ct);
        var approved = list.Status is ListStatus.Approved or ListStatus.Published;
        var lines = new List<CountersignLine>();
        foreach (var f in forms)
            foreach (var line in f.Countersign)
            {
                var stage = SignatureLines.CountersignStage(f, line);
                var signed = records.LastOrDefault(r => r.StageCode == stage.Code && r.StageName == line);
                lines.Add(new CountersignLine(f.Code, f.Title, line, stage.Actor, signed,
                    approved && signed is null && await reviewers.CanActAsync(scope, list, stage, ct)));
            }
        return lines;
    }

    /// <summary>Signs a line of one of the list's forms (see <see cref="CountersignLinesAsync"/>): an SM2-sealed signature over the approved content.</summary>
    public async Task<ReviewRecord> CountersignAsync(AccessScope scope, int listId, string? formCode, string? comment, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        var lines = (await CountersignLinesAsync(scope, list, scheme, ct)).Where(l => l.FormCode == formCode).ToList();
        if (lines.Count == 0)
            throw new DomainException("form", scheme.Forms.FirstOrDefault(f => f.Code == formCode) is { } other
                ? $"“{other.Title}”没有在表上另行签字的栏目，表上的签字来自各审核环节" : $"方案中没有表式“{formCode}”");
        var title = lines[0].FormTitle;
        if (list.Status is not (ListStatus.Approved or ListStatus.Published))
            throw DomainException.Conflict("status", $"“{title}”在清单审定后签字，清单现为“{list.Status.Label()}”");
        var line = lines.FirstOrDefault(l => l.MaySign) ?? throw (lines.All(l => l.Signed is not null)
            ? DomainException.Conflict("form",
                $"“{title}”的{string.Join("、", lines.Select(l => $"“{l.Line}”"))}已由{string.Join("、", lines.Select(l => l.Signed!.Actor))}签字")
            : DomainException.Forbidden(
                $"“{title}”的{string.Join("；", lines.Where(l => l.Signed is null).Select(l => $"“{l.Line}”应由{Workflow.ActorLabel(l.Actor)}签字"))}"));
        var content = ListContent.Canonical(list, points);
        var record = new ReviewRecord(list.Id, list.Revision, SignatureLines.CountersignCode(scheme.Forms.Single(f => f.Code == formCode)), line.Line,
            Decision.Countersign, me.UserId ?? 0, await me.DisplayNameAsync(ct), Workflow.ActorLabel(line.Actor), comment, ListContent.HashOf(content),
            signed: true, time.UtcNow());
        await sm2.SealAsync(record, content, ct);
        db.Reviews.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    private async Task<(RiskList, Scheme, List<RiskPoint>)> LoadAsync(AccessScope scope, int listId, CancellationToken ct)
    {
        var list = await register.LoadListAsync(scope, listId, ct);
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        var points = await db.RiskPoints.Where(p => p.ListId == listId).OrderBy(p => p.Seq).ToListAsync(ct);
        return (list, scheme, points);
    }
}
