using Lianfang.Core.Review;

namespace Lianfang.Core.Tests.Review;

public class ReviewBodiesTests
{
    private static readonly LeadingGroupMember[] Group =
    [
        new(1, 10, GroupDuty.Head), new(1, 11, GroupDuty.Deputy), new(1, 12, GroupDuty.Member), new(1, 13, GroupDuty.Member), new(1, 14, GroupDuty.Office),
    ];

    [Fact]
    public void A_group_meeting_needs_its_presiding_member_and_more_than_half_of_the_members()
    {
        Assert.Equal([10, 11, 12], GroupMeeting.Attendance(Group, 10, [10, 11, 12]));
        Assert.Equal("meeting.attendees", Assert.Throws<DomainException>(() => GroupMeeting.Attendance(Group, 10, [10, 11])).Field); // 2 of 4 is not more than half
        Assert.Contains("主持人", Assert.Throws<DomainException>(() => GroupMeeting.Attendance(Group, 10, [11, 12, 13])).Message);
        Assert.Contains("成员", Assert.Throws<DomainException>(() => GroupMeeting.Attendance(Group, 10, [10, 11, 14])).Message); // the office records, it does not sit
        Assert.Throws<DomainException>(() => GroupMeeting.Attendance(Group, 10, null));
        Assert.Equal([11, 12, 13], GroupMeeting.Attendance(Group, 11, [11, 12, 13])); // the deputy presides over the head's own list
    }

    [Fact]
    public void A_group_has_exactly_one_head_and_each_person_one_duty()
    {
        LeadingGroupMember.Validate([(10, GroupDuty.Head), (11, GroupDuty.Member)]);
        Assert.Throws<DomainException>(() => LeadingGroupMember.Validate([(10, GroupDuty.Member)]));
        Assert.Throws<DomainException>(() => LeadingGroupMember.Validate([(10, GroupDuty.Head), (11, GroupDuty.Head)]));
        Assert.Throws<DomainException>(() => LeadingGroupMember.Validate([(10, GroupDuty.Head), (10, GroupDuty.Office)]));
    }

    [Fact]
    public void Departments_are_paired_in_a_ring_within_their_unit()
    {
        Assert.Equal([(1, 2), (2, 3), (3, 1), (7, 8), (8, 7)], PeerPair.Ring([[1, 2, 3], [7, 8], [9]]));
        Assert.Equal("peerOrgUnitId", Assert.Throws<DomainException>(() => new PeerPair(1, 5, 5)).Field);
    }
}
