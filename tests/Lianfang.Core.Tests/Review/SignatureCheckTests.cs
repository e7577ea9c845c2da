using Lianfang.Core.Review;

namespace Lianfang.Core.Tests.Review;

public class SignatureCheckTests
{
    private readonly List<ReviewRecord> _history = [];

    private ReviewRecord Act(Decision d, string hash, bool signed = true, int revision = 1, string stage = "s", ContentChange[]? changes = null, string? prior = null)
    {
        var r = new ReviewRecord(1, revision, stage, stage, d, 1, "某人", "角色", d == Decision.Return ? "请修改" : null, hash, signed, Times.Now);
        typeof(ReviewRecord).GetProperty(nameof(ReviewRecord.Id))!.SetValue(r, _history.Count + 1L);
        if (changes is not null) r.Amend(prior!, changes);
        _history.Add(r);
        return r;
    }

    private SignatureStatus Status(ReviewRecord r, string now) => SignatureCheck.Check(_history, r, now).Status;

    [Fact]
    public void Every_signature_of_an_untouched_list_is_valid()
    {
        var all = new[] { Act(Decision.Submit, "A"), Act(Decision.Approve, "A"), Act(Decision.Approve, "A"), Act(Decision.Approve, "A") };
        Assert.All(all, r => Assert.Equal(SignatureStatus.Valid, Status(r, "A")));
        Assert.All(all, r => Assert.Equal(SignatureStatus.Altered, Status(r, "X"))); // changed after the final approval
    }

    [Fact]
    public void A_signed_change_in_review_amends_the_earlier_signatures_and_the_later_ones_stay_valid()
    {
        var submit = Act(Decision.Submit, "A");
        var head = Act(Decision.Approve, "A");
        var review = Act(Decision.Approve, "B", changes: [new ContentChange(7, 1, "审定等级", "一般", "重要", "信访反映集中")], prior: "A");
        var agency = Act(Decision.Approve, "B");
        foreach (var r in new[] { submit, head })
        {
            var v = SignatureCheck.Check(_history, r, "B");
            Assert.Equal(SignatureStatus.Amended, v.Status);
            var act = Assert.Single(v.ChangesSince);
            Assert.Equal(("一般", "重要", "信访反映集中"), (act.Changes[0].Before, act.Changes[0].After, act.Changes[0].Reason));
        }
        Assert.Equal(SignatureStatus.Valid, Status(review, "B"));
        Assert.Equal(SignatureStatus.Valid, Status(agency, "B"));
    }

    [Fact]
    public void A_change_between_two_acts_without_a_signed_record_is_an_alteration()
    {
        var submit = Act(Decision.Submit, "A");
        Act(Decision.Approve, "C"); // signed other content with no recorded change
        Assert.Equal(SignatureStatus.Altered, Status(submit, "C"));
        _history.Clear();
        var first = Act(Decision.Submit, "A");
        Act(Decision.Approve, "C", changes: [new ContentChange(7, 1, "审定等级", "一般", "重要", "理由")], prior: "B"); // changes made to other content
        Assert.Equal(SignatureStatus.Altered, Status(first, "C"));
    }

    [Fact]
    public void A_return_lets_the_writer_change_the_list_and_the_resubmission_signs_it()
    {
        var submit = Act(Decision.Submit, "A");
        Act(Decision.Return, "A", signed: false);
        Assert.Equal(SignatureStatus.Altered, Status(submit, "B")); // edited, not yet signed again
        Act(Decision.Submit, "B");
        var v = SignatureCheck.Check(_history, submit, "B");
        Assert.Equal(SignatureStatus.Amended, v.Status);
        Assert.Contains("退回后", Assert.Single(v.ChangesSince).What);
    }

    [Fact]
    public void A_reopened_list_edited_in_its_new_revision_alters_the_old_signatures_until_signed_again()
    {
        var approved = new[] { Act(Decision.Submit, "A"), Act(Decision.Approve, "A") };
        Act(Decision.Reopen, "A", signed: false, revision: 2);
        Assert.All(approved, r => Assert.Equal(SignatureStatus.Altered, Status(r, "B")));
        Act(Decision.Submit, "B", revision: 2);
        Act(Decision.Approve, "B", revision: 2);
        Assert.All(approved, r => Assert.Equal(SignatureStatus.Amended, Status(r, "B")));
    }
}
