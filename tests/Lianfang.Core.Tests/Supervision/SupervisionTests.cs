using Lianfang.Core.Supervision;

namespace Lianfang.Core.Tests.Supervision;

public class SupervisionTests
{
    private static readonly DateOnly Today = new(2026, 7, 1);

    [Fact]
    public void A_written_inquiry_waits_for_its_reply_while_a_talk_is_done_when_recorded()
    {
        var inquiry = new Inspection(InspectionType.Written, 9, null, Today, 1, null, "林峰", "请说明资金拨付双人复核的执行情况", null, planned: false, Today, Times.Now);
        Assert.Equal(InspectionStatus.Open, inquiry.Status);
        Assert.Equal("record", Assert.Throws<DomainException>(() => inquiry.Complete(" ", Times.Now)).Field);
        inquiry.Complete("已严格执行双人复核，附台账", Times.Now);
        Assert.Equal(InspectionStatus.Done, inquiry.Status);
        Assert.Throws<DomainException>(() => inquiry.Complete("再答一次", Times.Now));

        Assert.Equal("subject", Assert.Throws<DomainException>(() => new Inspection(InspectionType.Written, 9, null, Today, 1, null, "林峰", null, null, false, Today, Times.Now)).Field);
        Assert.Equal("record", Assert.Throws<DomainException>(() => new Inspection(InspectionType.Talk, 9, 4, Today, 1, null, "林峰", null, null, false, Today, Times.Now)).Field);
        Assert.Equal(InspectionStatus.Done, new Inspection(InspectionType.Talk, 9, 4, Today, 1, null, "林峰", null, "谈话提醒，本人表示接受", false, Today, Times.Now).Status);
    }

    [Fact]
    public void An_inspection_carried_out_is_not_dated_in_the_future_while_a_planned_one_may_be()
    {
        var later = Today.AddDays(10);
        var e = Assert.Throws<DomainException>(() => new Inspection(InspectionType.Talk, 9, 4, later, 1, null, "林峰", null, "谈话", false, Today, Times.Now));
        Assert.Equal(("date", "检查日期不能晚于今天：尚未开展的检查请登记为计划"), (e.Field, e.Message));
        Assert.Equal("date", Assert.Throws<DomainException>(() => new Inspection(InspectionType.Talk, 9, 4, new DateOnly(2099, 1, 1), 1, null, "林峰", null, null, true, Today, Times.Now)).Field);
        Assert.Equal("date", Assert.Throws<DomainException>(() => new Inspection(InspectionType.Talk, 9, 4, new DateOnly(1900, 1, 1), 1, null, "林峰", null, "谈话", false, Today, Times.Now)).Field);
        var planned = new Inspection(InspectionType.Talk, 9, 4, later, 1, null, "林峰", null, null, planned: true, Today, Times.Now);
        Assert.Equal("date", Assert.Throws<DomainException>(() => planned.Start(later, null, "谈话", Today, Times.Now)).Field);
        planned.Start(Today, null, "谈话", Today, Times.Now);
        Assert.Equal(InspectionStatus.Done, planned.Status);
    }

    [Fact]
    public void A_planned_project_supervision_starts_with_its_plan_and_closes_with_its_report()
    {
        var project = new Inspection(InspectionType.Project, 9, null, Today, 1, null, "林峰", null, null, planned: true, Today, Times.Now);
        Assert.Equal(InspectionStatus.Planned, project.Status);
        Assert.Equal("subject", Assert.Throws<DomainException>(() => project.Start(Today, null, null, Today, Times.Now)).Field);
        project.Start(Today, "对工程招标全过程立项监督", null, Today, Times.Now);
        Assert.Equal(InspectionStatus.Open, project.Status);
        project.Complete("监督报告：发现两处问题", Times.Now);
        Assert.Equal(InspectionStatus.Done, project.Status);
    }

    [Fact]
    public void A_rectification_needs_evidence_and_goes_back_when_verification_fails()
    {
        var inspection = new Inspection(InspectionType.SiteVisit, 9, null, Today, 1, null, "林峰", null, "抽查发现台账缺失", false, Today, Times.Now);
        var finding = new Finding(inspection, "采购台账缺失", 5, null, Times.Now);
        Assert.Equal("deadline", Assert.Throws<DomainException>(() => new Rectification(finding, 9, "赵强", "补建台账", Today.AddDays(-1), Today)).Field);
        var r = new Rectification(finding, 9, "赵强", "补建台账", Today.AddDays(30), Today);
        Assert.Equal("evidence", Assert.Throws<DomainException>(() => r.Submit("已补建", Times.Now)).Field);
        r.Evidence.Add(new EvidenceFile("台账.xlsx", 100, new string('a', 64), 1, Times.Now));
        r.Submit("已补建", Times.Now);
        Assert.Equal("comment", Assert.Throws<DomainException>(() => r.Verify(false, null, "林峰", Times.Now)).Field);
        r.Verify(false, "台账缺少 5 月数据", "林峰", Times.Now);
        Assert.Equal((RectificationStatus.Open, 1), (r.Status, r.Reopened));
        Assert.True(r.IsOverdue(Today.AddDays(31)));
        r.Submit("已补齐 5 月", Times.Now);
        r.Verify(true, null, "林峰", Times.Now);
        Assert.Equal(RectificationStatus.Verified, r.Status);
        Assert.False(r.IsOverdue(Today.AddDays(31)));
    }

    [Theory]
    [InlineData(1, "诫勉", true)]
    [InlineData(1, "检查", true)]
    [InlineData(1, "党纪重处分", false)]
    [InlineData(2, "组织调整", true)]
    [InlineData(3, "重大职务调整", true)]
    [InlineData(4, "严重违纪涉嫌违法立案审查", true)]
    [InlineData(4, "谈话提醒", false)]
    public void Each_of_the_four_forms_allows_only_its_own_measures(int form, string measure, bool ok)
    {
        var make = () => new Disposition(4, null, form, measure, "违规收受礼品", Today, "林峰", Today, Times.Now);
        if (ok) Assert.Equal(form, make().Form);
        else Assert.Equal("measure", Assert.Throws<DomainException>(make).Field);
        Assert.Equal("form", Assert.Throws<DomainException>(() => new Disposition(4, null, 5, "诫勉", "x", Today, "林峰", Today, Times.Now)).Field);
        Assert.Equal("decidedOn", Assert.Throws<DomainException>(() => new Disposition(4, null, 1, "谈话提醒", "x", Today.AddDays(1), "林峰", Today, Times.Now)).Field);
        var wrong = new Disposition(4, null, 1, "谈话提醒", "x", Today, "林峰", Today, Times.Now);
        Assert.Equal("reason", Assert.Throws<DomainException>(() => wrong.Withdraw("林峰", " ", Times.Now)).Field);
        wrong.Withdraw("林峰", "登记对象有误", Times.Now);
        Assert.Equal(("林峰", "登记对象有误"), (wrong.WithdrawnBy, wrong.WithdrawReason));
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => wrong.Withdraw("林峰", "再撤", Times.Now)).Kind);
    }

    [Fact]
    public void A_complaint_is_accepted_handled_and_closed_with_a_note_and_cannot_skip_back()
    {
        var c = new Complaint(ComplaintSource.Petition, 9, 4, null, "反映王芳报销时索要好处", null, null, Times.Now);
        Assert.Throws<DomainException>(() => c.Triage(ComplaintStatus.Closed, "结"));
        c.Triage(ComplaintStatus.Accepted, null);
        c.Triage(ComplaintStatus.Handling, "转派驻组核查");
        Assert.Equal("note", Assert.Throws<DomainException>(() => c.Triage(ComplaintStatus.Closed, null)).Field);
        c.Triage(ComplaintStatus.Closed, "经核查部分属实，已谈话提醒");
        Assert.Equal(ComplaintStatus.Closed, c.Status);
        Assert.Throws<DomainException>(() => c.Triage(ComplaintStatus.Handling, null));
    }
}
