using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Review;

/// <summary>Countersign: a signature on one of the list's forms after approval (<see cref="Schemes.FormDef.Countersign"/>).</summary>
public enum Decision { Submit, Approve, Return, Reopen, Comment, Skip, Countersign }

public static class DecisionNames
{
    public static string Label(this Decision d) => d switch
    {
        Decision.Submit => "提交", Decision.Approve => "通过", Decision.Return => "退回", Decision.Comment => "帮查意见", Decision.Skip => "跳过",
        Decision.Countersign => "表上签字", _ => "重新打开",
    };
}

/// <summary>What a decision did: the stage it was taken at, where the list goes next, and the stages passed over on the way.</summary>
public sealed record Transition(ReviewStageDef? Stage, ListStatus Status, ReviewStageDef? NextStage, bool Signed, bool Final)
{
    /// <summary>Stages nobody but the holder could decide (a leader's post directly under the unit has no 处室负责人).</summary>
    public IReadOnlyList<ReviewStageDef> Skipped { get; init; } = [];
}

/// <summary>
/// The review of a list, driven by its scheme's stages (DESIGN.md §3): submit, approve stage by stage, return with
/// a comment, reopen after approval. Who may decide at a stage follows the stage's actor and the org tree.
/// </summary>
public static class Workflow
{
    /// <summary>The stages for this kind of list (the scheme's list kind of the same scope, else its first).</summary>
    public static IReadOnlyList<ReviewStageDef> Stages(Scheme scheme, ListScope scope) => scheme.ListKind(scope).Stages;

    /// <summary>
    /// Where a list goes when nobody but its holder could decide what is left of its stages (a principal's own list):
    /// to the agency supervising the unit, else the commission above, which then also approves its levels.
    /// </summary>
    public static readonly ReviewStageDef Oversight = new()
    {
        Code = "oversight", Name = "上级审核（本人回避）", Actor = StageActor.Oversight, SetsLevels = true,
        Note = "本人担任的审核环节本人回避：没有其他人可审的，由派驻机构（无派驻机构的由纪委监委）审核。",
    };

    public static ReviewStageDef? CurrentStage(Scheme scheme, RiskList list) => StageOf(scheme, list.Scope, list.Stage);

    /// <summary>A stage of this kind of list by its code (<see cref="Oversight"/> included).</summary>
    public static ReviewStageDef? StageOf(Scheme scheme, ListScope scope, string? code) =>
        code is null ? null : code == Oversight.Code ? Oversight : Stages(scheme, scope).FirstOrDefault(s => s.Code == code);

    /// <summary>
    /// Submitting sends the list to its first stage. Where the scheme's first stage is the holder's own check
    /// (岗位自查, 个人自查 …), submitting is that check, signed by the writer, and the list goes on to the next stage.
    /// </summary>
    /// <param name="decidable">whether someone other than the list's holder can decide a stage (from the org tree);
    /// stages nobody else can decide are skipped. Null when every stage has its reviewer.</param>
    public static Transition Submit(Scheme scheme, RiskList list, Func<ReviewStageDef, bool>? decidable = null)
    {
        if (list.Status is not (ListStatus.Draft or ListStatus.Returned))
            throw DomainException.Conflict("status", $"清单当前状态为“{list.Status.Label()}”，不能提交");
        var stages = Stages(scheme, list.Scope);
        var first = stages[0];
        if (first.Actor == StageActor.Holder) return Route(first, Applicable(stages, list), 0, decidable, byHolder: true);
        // The writer's signature; the first stage is its reviewer's.
        return Route(null, Applicable(stages, list), -1, decidable, byHolder: true) with { Signed = true };
    }

    public static Transition Approve(Scheme scheme, RiskList list, string? expectedStage, Func<ReviewStageDef, bool>? decidable = null)
    {
        var stage = Pending(scheme, list, expectedStage);
        if (stage == Oversight) return new Transition(stage, ListStatus.Approved, null, stage.Signed, true);
        var stages = Applicable(Stages(scheme, list.Scope), list);
        return Route(stage, stages, IndexOf(stages, stage), decidable, byHolder: stage.Actor == StageActor.Holder);
    }

    /// <summary>The stages that apply to this list: a stage only for posts directly under the unit is left out for the rest.</summary>
    private static IReadOnlyList<ReviewStageDef> Applicable(IReadOnlyList<ReviewStageDef> stages, RiskList list)
    {
        var atUnit = list.Scope is ListScope.Person or ListScope.Post && list.OrgUnit?.Kind == OrgUnitKind.Unit;
        return atUnit ? stages : stages.Where(s => !s.OnlyAtUnit).ToList();
    }

    /// <summary>
    /// The next stage after <paramref name="from"/> that someone other than the holder can decide (a holder's own
    /// stage, like 003's 本人确认, always stands). When nothing is left and the act was the holder's own, the list
    /// goes up to <see cref="Oversight"/>: nobody approves their own list.
    /// </summary>
    private static Transition Route(ReviewStageDef? stage, IReadOnlyList<ReviewStageDef> stages, int from, Func<ReviewStageDef, bool>? decidable, bool byHolder)
    {
        var signed = stage?.Signed ?? true;
        var skipped = new List<ReviewStageDef>();
        foreach (var next in stages.Skip(from + 1))
        {
            if (next.Actor == StageActor.Holder || decidable?.Invoke(next) != false)
                return new Transition(stage, ListStatus.InReview, next, signed, false) { Skipped = skipped };
            skipped.Add(next);
        }
        // Only where the scheme meant someone else to review (a list kind of the holder's check alone ends with it), or
        // where the stage that approves levels was the holder's own: nobody approves their own list or its levels.
        if ((byHolder || skipped.Any(s => s.SetsLevels)) && skipped.Count > 0 && decidable is not null && decidable(Oversight))
            return new Transition(stage, ListStatus.InReview, Oversight, signed, false) { Skipped = skipped };
        return new Transition(stage, ListStatus.Approved, null, signed, true) { Skipped = skipped };
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
        // Nobody reviews their own list.
        _ when holderPersonId is not null && scope.PersonId == holderPersonId => false,
        StageActor.Oversight => scope.HasRoleOver(orgPath, Role.Agency, Role.Commission),
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
        StageActor.Commission => "纪委监委", StageActor.Helpers => "帮查人员（党办组织）", StageActor.Peers => "结对科室负责人（交叉互查）",
        StageActor.Public => "群众评议（党办组织）", StageActor.LeadingGroup => "领导小组（组长主持会议）", StageActor.Oversight => "派驻机构或纪委监委（本人回避）",
        StageActor.Colleagues => "本科室其他人员", StageActor.LeadingGroupOffice => "领导小组办公室",
        _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, null),
    };
}
