using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Review;

public enum Decision { Submit, Approve, Return, Reopen, Comment }

/// <summary>What a decision did: the stage it was taken at and where the list goes next.</summary>
public sealed record Transition(ReviewStageDef? Stage, ListStatus Status, ReviewStageDef? NextStage, bool Signed, bool Final);

/// <summary>
/// The review of a list, driven by its scheme's stages (DESIGN.md §3): submit, approve stage by stage, return with
/// a comment, reopen after approval. Who may decide at a stage follows the stage's actor and the org tree.
/// </summary>
public static class Workflow
{
    /// <summary>The stages for this kind of list (the scheme's list kind of the same scope, else its first).</summary>
    public static IReadOnlyList<ReviewStageDef> Stages(Scheme scheme, ListScope scope) =>
        (scheme.ListKinds.FirstOrDefault(k => k.Scope == scope) ?? scheme.ListKinds[0]).Stages;

    public static ReviewStageDef? CurrentStage(Scheme scheme, RiskList list) =>
        list.Stage is null ? null : Stages(scheme, list.Scope).FirstOrDefault(s => s.Code == list.Stage);

    /// <summary>
    /// Submitting sends the list to its first stage. Where the scheme's first stage is the holder's own check
    /// (岗位自查, 个人自查 …), submitting is that check, signed by the writer, and the list goes on to the next stage.
    /// </summary>
    public static Transition Submit(Scheme scheme, RiskList list)
    {
        if (list.Status is not (ListStatus.Draft or ListStatus.Returned))
            throw DomainException.Conflict("status", $"清单当前状态为“{list.Status.Label()}”，不能提交");
        var stages = Stages(scheme, list.Scope);
        var first = stages[0];
        if (first.Actor == StageActor.Holder)
            return stages.Count == 1
                ? new Transition(first, ListStatus.Approved, null, first.Signed, true)
                : new Transition(first, ListStatus.InReview, stages[1], first.Signed, false);
        return new Transition(null, ListStatus.InReview, first, true, false);
    }

    public static Transition Approve(Scheme scheme, RiskList list, string? expectedStage)
    {
        var stage = Pending(scheme, list, expectedStage);
        var stages = Stages(scheme, list.Scope);
        var i = IndexOf(stages, stage);
        return i == stages.Count - 1
            ? new Transition(stage, ListStatus.Approved, null, stage.Signed, true)
            : new Transition(stage, ListStatus.InReview, stages[i + 1], stage.Signed, false);
    }

    /// <summary>Returning sends the list back to its writer; after changes it is submitted and reviewed from the start.</summary>
    public static Transition Return(Scheme scheme, RiskList list, string? expectedStage, string? comment)
    {
        var stage = Pending(scheme, list, expectedStage);
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("comment", "退回时请写明退回意见");
        return new Transition(stage, ListStatus.Returned, null, false, false);
    }

    /// <summary>An approved (or published) list is reopened as a new revision; the old signatures stay in its history.</summary>
    public static Transition Reopen(RiskList list)
    {
        if (list.Status is not (ListStatus.Approved or ListStatus.Published))
            throw DomainException.Conflict("status", "只有已审定的清单可以重新打开");
        return new Transition(null, ListStatus.Draft, null, false, false);
    }

    /// <summary>Helpers (代表帮查/专家助查) comment on a stage the scheme opens to them; a comment decides nothing.</summary>
    public static ReviewStageDef Comment(Scheme scheme, RiskList list, string? comment)
    {
        var stage = Pending(scheme, list, null);
        if (!stage.HelpersMayComment) throw DomainException.Conflict("stage", $"“{stage.Name}”环节不征求帮查意见");
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("comment", "请填写意见");
        return stage;
    }

    /// <summary>公示: an approved list is published for a period; publishing again extends or moves the period.</summary>
    public static Transition Publish(RiskList list)
    {
        if (list.Status is not (ListStatus.Approved or ListStatus.Published))
            throw DomainException.Conflict("status", $"清单当前状态为“{list.Status.Label()}”，审定后才能公示");
        return new Transition(null, ListStatus.Published, null, false, false);
    }

    private static ReviewStageDef Pending(Scheme scheme, RiskList list, string? expectedStage)
    {
        if (list.Status != ListStatus.InReview || CurrentStage(scheme, list) is not { } stage)
            throw DomainException.Conflict("status", $"清单当前状态为“{list.Status.Label()}”，没有待审核的环节");
        if (expectedStage is not null && expectedStage != stage.Code)
            throw DomainException.Conflict("stage", $"该环节已处理，清单现处于“{stage.Name}”");
        return stage;
    }

    private static int IndexOf(IReadOnlyList<ReviewStageDef> stages, ReviewStageDef stage)
    {
        for (var i = 0; i < stages.Count; i++) if (stages[i].Code == stage.Code) return i;
        return -1;
    }

    /// <summary>
    /// Who decides at a stage of a list in the unit at <paramref name="orgPath"/>. 领导小组 is chaired by the principal,
    /// its office, 交叉互查, 群众评议 and 帮查 are organised by the party office; an agency acts on the units it supervises.
    /// </summary>
    public static bool CanAct(AccessScope scope, StageActor actor, RiskList list, string orgPath) =>
        CanAct(scope, actor, list.Scope, list.HolderPersonId, orgPath);

    public static bool CanAct(AccessScope scope, StageActor actor, ListScope listScope, int? holderPersonId, string orgPath) => actor switch
    {
        StageActor.Holder => ListAuthoring.CanWrite(scope, listScope, holderPersonId, orgPath),
        StageActor.DeptHead => scope.HasRoleOver(orgPath, Role.DeptHead),
        StageActor.LeaderInCharge => scope.HasRoleOver(orgPath, Role.LeaderInCharge),
        StageActor.Principal or StageActor.LeadingGroup => scope.HasRoleOver(orgPath, Role.Principal),
        StageActor.PartyOffice or StageActor.LeadingGroupOffice or StageActor.Peers or StageActor.Public or StageActor.Helpers =>
            scope.HasRoleOver(orgPath, Role.PartyOffice),
        StageActor.Agency => scope.HasRoleOver(orgPath, Role.Agency),
        StageActor.Commission => scope.HasRoleOver(orgPath, Role.Commission),
        _ => false,
    };

    public static string ActorLabel(StageActor actor) => actor switch
    {
        StageActor.Holder => "本人", StageActor.DeptHead => "处室（科室）负责人", StageActor.LeaderInCharge => "分管领导",
        StageActor.Principal => "主要负责人", StageActor.PartyOffice => "党办（政治处）", StageActor.Agency => "派驻纪检监察机构",
        StageActor.Commission => "纪委监委", StageActor.Helpers => "帮查人员", StageActor.Peers => "交叉互查（党办组织）",
        StageActor.Public => "群众评议（党办组织）", StageActor.LeadingGroup => "领导小组（主要负责人）", _ => "领导小组办公室（党办）",
    };
}
