using Lianfang.Core.Access;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Review;

public class WorkflowTests
{
    public static IEnumerable<object[]> Kinds() =>
        from s in Presets.All from k in s.ListKinds select new object[] { s.Code, k.Scope };

    /// <summary>A list at a unit (not a department), so that every stage of its kind applies (001's 委党委审定 is for posts directly under the unit).</summary>
    private static RiskList NewList(Scheme scheme, ListScope scope)
    {
        var list = new RiskList(new Campaign("排查", 2026, scheme, 1, new DateOnly(2026, 5, 31), null, Times.Now), scope, 10,
            scope is ListScope.Post or ListScope.Person ? 5 : null, scope is ListScope.Post or ListScope.Person ? 7 : null);
        var commission = new Lianfang.Core.Org.OrgUnit("纪委", Lianfang.Core.Org.OrgUnitKind.Commission, null, "0001");
        typeof(RiskList).GetProperty(nameof(RiskList.OrgUnit))!.SetValue(list, new Lianfang.Core.Org.OrgUnit("单位", Lianfang.Core.Org.OrgUnitKind.Unit, commission, "00010001"));
        return list;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_preset_list_goes_through_its_stages_in_order_to_approval(string code, ListScope scope)
    {
        var scheme = Presets.Find(code)!;
        var stages = Workflow.Stages(scheme, scope);
        var list = NewList(scheme, scope);
        var visited = new List<string>();

        var t = Workflow.Submit(scheme, list);
        if (t.Stage is not null) visited.Add(t.Stage.Code); // the holder's own check, signed on submit
        list.Apply(t);
        while (list.Status == ListStatus.InReview)
        {
            var step = Workflow.Approve(scheme, list, list.Stage);
            visited.Add(step.Stage!.Code);
            list.Apply(step);
        }
        Assert.Equal(stages.Select(s => s.Code), visited);
        Assert.Equal(ListStatus.Approved, list.Status);
        Assert.Null(list.Stage);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_stage_can_return_the_list_which_then_starts_again(string code, ListScope scope)
    {
        var scheme = Presets.Find(code)!;
        var returned = 0;
        for (var returnAt = 0; returnAt < Workflow.Stages(scheme, scope).Count; returnAt++)
        {
            var list = NewList(scheme, scope);
            list.Apply(Workflow.Submit(scheme, list));
            for (var i = 0; i < returnAt; i++) list.Apply(Workflow.Approve(scheme, list, list.Stage));
            if (list.Status != ListStatus.InReview) break;
            var stage = list.Stage;
            var back = Workflow.Return(scheme, list, stage, "风险点描述不具体");
            Assert.Equal(stage, back.Stage!.Code);
            list.Apply(back);
            Assert.Equal(ListStatus.Returned, list.Status);
            list.EnsureEditable();
            var again = Workflow.Submit(scheme, list);
            list.Apply(again);
            Assert.Equal(ListStatus.InReview, list.Status);
            returned++;
        }
        Assert.True(returned > 0);
    }

    [Fact]
    public void Returning_needs_a_comment_and_a_stage_already_decided_is_a_conflict()
    {
        var scheme = Presets.Find("shaoxing-2018")!;
        var list = NewList(scheme, ListScope.Post);
        list.Apply(Workflow.Submit(scheme, list));
        Assert.Equal("comment", Assert.Throws<DomainException>(() => Workflow.Return(scheme, list, list.Stage, " ")).Field);
        var first = list.Stage;
        list.Apply(Workflow.Approve(scheme, list, first));
        var late = Assert.Throws<DomainException>(() => Workflow.Approve(scheme, list, first));
        Assert.Equal(DomainErrorKind.Conflict, late.Kind);
        Assert.Throws<DomainException>(() => Workflow.Submit(scheme, list));
    }

    [Fact]
    public void An_approved_list_is_locked_until_reopened_as_a_new_revision()
    {
        var scheme = Presets.Find("sanjiang-2019")!;
        var list = NewList(scheme, ListScope.Unit);
        list.Apply(Workflow.Submit(scheme, list));
        while (list.Status == ListStatus.InReview) list.Apply(Workflow.Approve(scheme, list, list.Stage));
        Assert.Throws<DomainException>(list.EnsureEditable);
        list.Apply(Workflow.Reopen(list), reopening: true);
        Assert.Equal(2, list.Revision);
        list.EnsureEditable();
        Assert.Throws<DomainException>(() => Workflow.Reopen(list));
    }

    [Fact]
    public void Shaoxing_post_lists_go_dept_head_leader_principal_agency()
    {
        var scheme = Presets.Find("shaoxing-2018")!;
        Assert.Equal([StageActor.DeptHead, StageActor.LeaderInCharge, StageActor.Principal, StageActor.Agency],
            Workflow.Stages(scheme, ListScope.Post).Select(s => s.Actor));
    }

    [Fact]
    public void Who_may_act_follows_the_stage_actor_and_the_org_tree()
    {
        var scheme = Presets.Find("shaoxing-2018")!;
        var list = NewList(scheme, ListScope.Post);
        const string dept = "000100010001", otherDept = "000100010002";
        AccessScope As(Role role, string path, params string[] supervised) => new(1, 99, [new ResolvedGrant(role, 1, path, supervised)]);
        Assert.True(Workflow.CanAct(As(Role.DeptHead, dept), StageActor.DeptHead, list, dept));
        Assert.False(Workflow.CanAct(As(Role.DeptHead, otherDept), StageActor.DeptHead, list, dept));
        Assert.False(Workflow.CanAct(As(Role.DeptHead, dept), StageActor.LeaderInCharge, list, dept));
        Assert.True(Workflow.CanAct(As(Role.Principal, "00010001"), StageActor.Principal, list, dept));
        Assert.True(Workflow.CanAct(As(Role.Agency, "00010003", "00010001"), StageActor.Agency, list, dept));
        Assert.False(Workflow.CanAct(As(Role.Agency, "00010003", "00010002"), StageActor.Agency, list, dept));
        Assert.True(Workflow.CanAct(new AccessScope(1, 7, []), StageActor.Holder, list, dept));
        Assert.False(Workflow.CanAct(new AccessScope(1, 8, []), StageActor.Holder, list, dept));
    }

    [Fact]
    public void The_same_content_gives_the_same_hash_and_any_edit_another()
    {
        var scheme = Presets.Find("shaoxing-2018")!;
        RiskPoint Point(RiskList l, string text, string level = "important") => new(l, 1, scheme,
            new RiskPointContent("decision", text, null, level, null, null, null, [new ControlMeasure("集体决策")], new SupervisionPath("依据", null, ["查阅资料"]), new Responsible("孙伟", null, ["王芳"])));
        var a = NewList(scheme, ListScope.Unit);
        var b = NewList(scheme, ListScope.Unit);
        Assert.Equal(ListContent.Hash(a, [Point(a, "决策不民主")]), ListContent.Hash(b, [Point(b, "决策不民主")]));
        Assert.NotEqual(ListContent.Hash(a, [Point(a, "决策不民主")]), ListContent.Hash(a, [Point(a, "决策不民主。")]));
        Assert.NotEqual(ListContent.Hash(a, [Point(a, "决策不民主")]), ListContent.Hash(a, [Point(a, "决策不民主", "general")]));
        Assert.Equal(64, ListContent.Hash(a, []).Length);
    }
}
