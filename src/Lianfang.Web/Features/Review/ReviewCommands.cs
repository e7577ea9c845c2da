using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Review;

public sealed record ReviewRequest(string? Decision, string? Comment, string? Stage);
public sealed record CommentRequest(string? Comment);

/// <summary>Submit, approve, return and reopen lists; every approval signs the list's content hash.</summary>
public sealed class ReviewCommands(AppDbContext db, SchemeStore schemes, RegisterCommands register, CurrentUser me)
{
    public async Task<RiskList> SubmitAsync(AccessScope scope, int listId, string? comment, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        if (!ListAuthoring.CanWrite(scope, list, list.OrgUnit.Path)) throw DomainException.Forbidden(ListAuthoring.WhoWrites(list).Replace("填写", "提交"));
        if (points.Count == 0) throw new DomainException("riskPoints", "清单中还没有风险点，不能提交");
        Completeness.EnsureReadyToSubmit(points);
        var t = Workflow.Submit(scheme, list);
        await DecideAsync(list, scheme, points, t, Decision.Submit, t.Stage?.Name ?? "提交审核",
            list.HolderPersonId is not null ? "本人" : "填报人", comment, signed: true, ct);
        return list;
    }

    public async Task<RiskList> ReviewAsync(AccessScope scope, int listId, ReviewRequest req, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        var stage = Workflow.CurrentStage(scheme, list)
            ?? throw DomainException.Conflict("status", $"清单当前状态为“{list.Status.Label()}”，没有待审核的环节");
        if (req.Stage is not null && req.Stage != stage.Code)
            throw DomainException.Conflict("stage", $"该环节已处理，清单现处于“{stage.Name}”");
        if (!Workflow.CanAct(scope, stage.Actor, list, list.OrgUnit.Path))
            throw DomainException.Forbidden($"当前环节为“{stage.Name}”，应由{Workflow.ActorLabel(stage.Actor)}审核");
        var decision = req.Decision?.Trim().ToLowerInvariant() switch
        {
            "approve" or "通过" or "同意" => Decision.Approve,
            "return" or "退回" => Decision.Return,
            _ => throw new DomainException("decision", "decision 应为 approve（通过）或 return（退回）"),
        };
        var t = decision == Decision.Approve ? Workflow.Approve(scheme, list, req.Stage) : Workflow.Return(scheme, list, req.Stage, req.Comment);
        await DecideAsync(list, scheme, points, t, decision, stage.Name, Workflow.ActorLabel(stage.Actor), req.Comment, t.Signed, ct);
        return list;
    }

    public async Task<RiskList> ReopenAsync(AccessScope scope, int listId, string? comment, CancellationToken ct)
    {
        var (list, scheme, points) = await LoadAsync(scope, listId, ct);
        if (!ListAuthoring.CanWrite(scope, list, list.OrgUnit.Path) && !scope.HasRoleOver(list.OrgUnit.Path, Role.PartyOffice, Role.Principal))
            throw DomainException.Forbidden("只有清单的填写人、本单位党办或主要负责人可以重新打开清单");
        var t = Workflow.Reopen(list);
        await DecideAsync(list, scheme, points, t, Decision.Reopen, "重新打开", "", comment, signed: false, ct, reopening: true);
        return list;
    }

    /// <summary>Records the decision with the content hash, moves the list, and on final approval files its filed-level points.</summary>
    private async Task DecideAsync(RiskList list, Scheme scheme, List<RiskPoint> points, Transition t, Decision decision, string stageName,
        string role, string? comment, bool signed, CancellationToken ct, bool reopening = false)
    {
        if (t.Final) foreach (var p in points) p.ConfirmApprovedLevel();
        var hash = ListContent.Hash(list, points);
        var userId = me.UserId ?? 0;
        var display = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        list.Apply(t, reopening); // a reopening is recorded under the revision it starts
        db.Reviews.Add(new ReviewRecord(list.Id, list.Revision, t.Stage?.Code, stageName, decision, userId,
            display ?? me.UserName ?? "system", role, comment, hash, signed));
        if (t.Final) await FileAsync(list, scheme, points, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task FileAsync(RiskList list, Scheme scheme, List<RiskPoint> points, CancellationToken ct)
    {
        var filed = points.Where(p => scheme.Level(p.EffectiveLevelCode)?.Filed == true).ToList();
        if (filed.Count == 0) return;
        var chain = Enumerable.Range(1, OrgPath.Depth(list.OrgUnit.Path)).Select(d => list.OrgUnit.Path[..(d * OrgPath.SegmentLength)]).ToArray();
        var commission = await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind == OrgUnitKind.Commission)
            .OrderByDescending(u => u.Path).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        var ids = filed.Select(p => p.Id).ToList();
        var already = await db.Filings.Where(f => ids.Contains(f.RiskPointId)).Select(f => f.RiskPointId).ToListAsync(ct);
        foreach (var p in filed.Where(p => !already.Contains(p.Id)))
            db.Filings.Add(new Filing(p.Id, list.Id, list.CampaignId, list.OrgUnitId, commission, p.CategoryCode, p.EffectiveLevelCode, p.Description));
    }

    private async Task<(RiskList, Scheme, List<RiskPoint>)> LoadAsync(AccessScope scope, int listId, CancellationToken ct)
    {
        var list = await register.LoadListAsync(scope, listId, ct);
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        var points = await db.RiskPoints.Where(p => p.ListId == listId).OrderBy(p => p.Seq).ToListAsync(ct);
        return (list, scheme, points);
    }
}
