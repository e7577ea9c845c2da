using Lianfang.Core.Assessments;
using Lianfang.Core.Files;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Core.Supervision;

namespace Lianfang.Core.Tests;

/// <summary>Every time Core stamps is the <c>now</c> it was given (UTC), whatever the hour of the machine running it.</summary>
public sealed class StampTests
{
    /// <summary>16:30 UTC on 31 March: already 1 April in Beijing, where a stamp read from the clock used to go astray.</summary>
    private static readonly DateTime Now = new(2026, 3, 31, 16, 30, 0, DateTimeKind.Utc);
    private static readonly DateOnly BeijingToday = new(2026, 4, 1);
    private static readonly Scheme Shaoxing = Presets.Find("shaoxing-2018")!;

    [Fact]
    public void Review_acts_carry_the_time_they_are_given()
    {
        var campaign = new Campaign("2026年度排查", 2026, Shaoxing, 1, new DateOnly(2026, 5, 31), null, Now);
        var list = new RiskList(campaign, ListScope.Unit, 10, null, null);
        var point = new RiskPoint(list, 1, Shaoxing, new RiskPointContent("post", "报销审核不严", null, "general", null, null, null, [new ControlMeasure("双人复核")], null,
            new Responsible(Persons: ["王芳"])));
        Assert.Equal(Now, campaign.CreatedAt);
        Assert.Equal(Now, new ReviewRecord(1, 1, "leader", "分管领导审核", Decision.Approve, 1, "孙伟", "分管领导", "同意", new string('0', 64), true, Now).At);
        Assert.Equal(Now, new Filing(5, 1, 1, 10, 2, "post", "important", "报销审核不严", Now).FiledAt);
        Assert.Equal(Now, new FormFiling(1, 1, 10, 2, "annex1", "登记表", "财务处", "h", Now).FiledAt);
        Assert.Equal(Now, new Publication(list, BeijingToday, BeijingToday.AddDays(5), 1, "周丽", "h", Now).PublishedAt);
        Assert.Equal(Now, new RowSignature(list, point, 1, "王芳", 11, Now).At);
        Assert.Equal(DateTimeKind.Utc, campaign.CreatedAt.Kind);
    }

    [Fact]
    public void Supervision_records_carry_the_time_they_are_given()
    {
        var talk = new Inspection(InspectionType.Talk, 9, 4, BeijingToday, 1, null, "林峰", null, "谈话提醒", planned: false, BeijingToday, Now);
        Assert.Equal(Now, talk.CompletedAt);
        var inquiry = new Inspection(InspectionType.Written, 9, null, BeijingToday, 1, null, "林峰", "请说明报销复核情况", null, planned: false, BeijingToday, Now);
        Assert.Null(inquiry.CompletedAt);
        inquiry.Complete("已书面答复", Now.AddHours(2));
        Assert.Equal(Now.AddHours(2), inquiry.CompletedAt);
        Assert.Equal(Now, new Finding(talk, "台账缺失", 5, null, Now).FoundAt);
        Assert.Equal(Now, new EvidenceFile("台账.xlsx", 100, new string('a', 64), 1, Now).UploadedAt);
        Assert.Equal(Now, new Complaint(ComplaintSource.Petition, 9, 4, null, "反映报销时索要好处", null, null, Now).ReceivedAt);
        Assert.Equal(Now, new Disposition(4, null, 1, "谈话提醒", "违规收受礼品", BeijingToday, "林峰", BeijingToday, Now).RecordedAt);
        Assert.Equal(Now, new IntegrityFileEntry(4, IntegrityEntryType.Income, "sealed", "王芳", Now).RecordedAt);
        var grades = Assessment.ScoreItems(Presets.Find("longsheng-2012")!.Assessment!, [(25, null, null), (25, null, null), (25, null, null), (25, null, null)]);
        Assert.Equal(Now, new Assessment(9, 2026, AssessmentKind.Annual, null, grades, "考核组", BeijingToday, Now).AssessedAt);
    }

    [Fact]
    public void A_post_change_is_recorded_at_the_time_given_not_the_day_it_takes_effect()
    {
        var commission = new OrgUnit("纪委", OrgUnitKind.Commission, null, "0001");
        var finance = new OrgUnit("财务处", OrgUnitKind.Department, new OrgUnit("卫健委", OrgUnitKind.Unit, commission, "00010001"), "000100010001");
        var person = new Person(finance, "王芳", "科员", null);
        person.AssignPost(new Post(finance, "会计", PostTier.Other, null, null), new DateOnly(2026, 3, 1), Now);
        Assert.Equal((new DateOnly(2026, 3, 1), (DateTime?)Now), (person.CurrentAssignment!.From, person.CurrentAssignment.RecordedAt));
    }

    [Fact]
    public void A_rectification_closed_before_it_was_recorded_keeps_its_own_times()
    {
        var talk = new Inspection(InspectionType.Talk, 9, 4, new DateOnly(2026, 1, 10), 1, null, "林峰", null, "谈话提醒", planned: false, BeijingToday, Now);
        var r = new Rectification(new Finding(talk, "台账缺失", 5, null, Now), 9, "赵强", "补建台账", new DateOnly(2026, 2, 28), new DateOnly(2026, 1, 10));
        var (submitted, verified) = (new DateTime(2026, 2, 27, 1, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 28, 7, 0, 0, DateTimeKind.Utc));
        Assert.Equal("verifiedAt", Assert.Throws<DomainException>(() => r.RecordClosed("已补建", verified, "林峰", submitted)).Field);
        r.RecordClosed("已补建", submitted, "林峰", verified);
        Assert.Equal((RectificationStatus.Verified, "已补建", (DateTime?)submitted, (DateTime?)verified, "林峰"), (r.Status, r.Report, r.SubmittedAt, r.VerifiedAt, r.VerifiedBy));
        Assert.False(r.IsOverdue(BeijingToday));
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => r.RecordClosed("再登记", submitted, "林峰", verified)).Kind);
    }
}
