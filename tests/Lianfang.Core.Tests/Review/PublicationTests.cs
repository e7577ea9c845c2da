using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Review;

public class PublicationTests
{
    private static RiskList ApprovedList(string code, ListScope scope)
    {
        var scheme = Presets.Find(code)!;
        var list = new RiskList(new Campaign("排查", 2026, scheme, 1, new DateOnly(2026, 5, 31), null, Times.Now), scope, 10, null, null);
        list.Apply(Workflow.Submit(scheme, list));
        while (list.Status == ListStatus.InReview) list.Apply(Workflow.Approve(scheme, list, list.Stage));
        return list;
    }

    [Fact]
    public void Only_an_approved_list_is_published_and_a_reopened_one_leaves_publication()
    {
        var draft = new RiskList(new Campaign("排查", 2026, Presets.Find("shaoxing-2018")!, 1, new DateOnly(2026, 5, 31), null, Times.Now), ListScope.Unit, 10, null, null);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => Workflow.Publish(draft)).Kind);
        var list = ApprovedList("shaoxing-2018", ListScope.Unit);
        list.Apply(Workflow.Publish(list));
        Assert.Equal(ListStatus.Published, list.Status);
        list.Apply(Workflow.Publish(list)); // a new period for the same list
        list.Apply(Workflow.Reopen(list), reopening: true);
        Assert.Equal((ListStatus.Draft, 2), (list.Status, list.Revision));
    }

    [Fact]
    public void A_period_ends_on_or_after_it_begins_and_lasts_at_most_a_year()
    {
        var list = ApprovedList("shaoxing-2018", ListScope.Unit);
        var day = new DateOnly(2026, 6, 1);
        Assert.Equal("until", Assert.Throws<DomainException>(() => new Publication(list, day, day.AddDays(-1), 1, "张三", "h", Times.Now)).Field);
        Assert.Equal("until", Assert.Throws<DomainException>(() => new Publication(list, day, day.AddDays(400), 1, "张三", "h", Times.Now)).Field);
        var p = new Publication(list, day, day, 1, "张三", "h", Times.Now);
        Assert.True(p.IsOpenOn(day));
        Assert.False(p.IsOpenOn(day.AddDays(1)));
        Assert.False(p.IsOpenOn(day.AddDays(-1)));
    }

    [Fact]
    public void Helpers_comment_only_where_the_stage_asks_for_them_and_must_say_something()
    {
        var scheme = Presets.Find("shaoxing-health-2018")!;
        var list = new RiskList(new Campaign("排查", 2026, scheme, 1, new DateOnly(2026, 5, 31), null, Times.Now), ListScope.Department, 10, null, null);
        list.Apply(Workflow.Submit(scheme, list));
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => Workflow.Comment(scheme, list, "意见")).Kind);
        while (list.Stage != "helpers") list.Apply(Workflow.Approve(scheme, list, list.Stage));
        Assert.Equal("comment", Assert.Throws<DomainException>(() => Workflow.Comment(scheme, list, " ")).Field);
        Assert.Equal("helpers", Workflow.Comment(scheme, list, "建议细化采购环节").Code);
        var invitation = new ReviewInvitation(list, 5, 6, Times.Now);
        Assert.True(invitation.IsOpenFor(list));
        list.Apply(Workflow.Approve(scheme, list, list.Stage));
        Assert.False(invitation.IsOpenFor(list));
    }

    [Fact]
    public void The_public_commitment_is_part_of_the_signed_content()
    {
        var scheme = Presets.Find("shaoxing-2018")!;
        var list = new RiskList(new Campaign("排查", 2026, scheme, 1, new DateOnly(2026, 5, 31), null, Times.Now), ListScope.Post, 10, 5, 7);
        var before = ListContent.Hash(list, []);
        list.SetCommitment("秉公用权");
        Assert.NotEqual(before, ListContent.Hash(list, []));
        list.SetCommitment("  ");
        Assert.Equal(before, ListContent.Hash(list, []));
        Assert.Equal("commitment", Assert.Throws<DomainException>(() => list.SetCommitment(new string('承', 501))).Field);
    }
}
