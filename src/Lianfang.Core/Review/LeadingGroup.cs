namespace Lianfang.Core.Review;

public enum GroupDuty { Head, Deputy, Member, Office }

/// <summary>
/// A member of a unit's 廉政风险防控（防范管理）工作领导小组 (002: 组长、成员; 003: 领导小组及办公室). The group decides its
/// stages as a body: its head signs the meeting's decision, a member of its office decides the office's stage.
/// </summary>
public sealed class LeadingGroupMember
{
    private LeadingGroupMember() { }

    public LeadingGroupMember(int orgUnitId, int personId, GroupDuty duty)
    {
        OrgUnitId = orgUnitId;
        PersonId = personId;
        Duty = duty;
    }

    public long Id { get; private set; }
    /// <summary>The unit (单位) whose group it is.</summary>
    public int OrgUnitId { get; private set; }
    public int PersonId { get; private set; }
    public GroupDuty Duty { get; private set; }

    public static string Label(GroupDuty d) => d switch { GroupDuty.Head => "组长", GroupDuty.Deputy => "副组长", GroupDuty.Member => "成员", _ => "办公室成员" };

    /// <summary>The group's make-up: one head, and a person holds one duty.</summary>
    public static void Validate(IReadOnlyList<(int PersonId, GroupDuty Duty)> members)
    {
        if (members.Count(m => m.Duty == GroupDuty.Head) != 1) throw new DomainException("members", "领导小组须有且只有一名组长");
        if (members.GroupBy(m => m.PersonId).FirstOrDefault(g => g.Count() > 1) is not null) throw new DomainException("members", "同一人员在领导小组中只能担任一个职务");
    }
}

/// <summary>A meeting of the leading group deciding a stage: who attended; the head signs the decision.</summary>
public static class GroupMeeting
{
    /// <summary>
    /// The one presiding attends, every attendee is a member (office members record, they do not count), and more than half
    /// of the group's members are present, as a meeting deciding by 民主集中制 needs.
    /// </summary>
    /// <param name="presiding">the head, or the deputy on the head's own list</param>
    public static IReadOnlyList<int> Attendance(IReadOnlyList<LeadingGroupMember> group, int presiding, IReadOnlyList<int>? attendees)
    {
        var voting = group.Where(m => m.Duty != GroupDuty.Office).Select(m => m.PersonId).ToHashSet();
        var present = (attendees ?? []).Distinct().ToList();
        if (present.Count == 0) throw new DomainException("meeting.attendees", "领导小组审核须记录会议出席人员");
        if (present.Any(p => !voting.Contains(p)))
            throw new DomainException("meeting.attendees", "出席人员须为领导小组组长、副组长或成员");
        if (!present.Contains(presiding)) throw new DomainException("meeting.attendees", "领导小组会议须由主持人（组长，审核组长本人清单时为副组长）出席并签字");
        if (present.Count * 2 <= voting.Count) throw new DomainException("meeting.attendees", $"出席人数 {present.Count} 人，未超过领导小组 {voting.Count} 人的半数，不能作出决定");
        return present;
    }
}

/// <summary>交叉互查 (002): in a campaign, the department (or unit) whose head checks another's lists.</summary>
public sealed class PeerPair
{
    private PeerPair() { }

    public PeerPair(int campaignId, int orgUnitId, int peerOrgUnitId)
    {
        if (orgUnitId == peerOrgUnitId) throw new DomainException("peerOrgUnitId", "不能与本部门互查");
        CampaignId = campaignId;
        OrgUnitId = orgUnitId;
        PeerOrgUnitId = peerOrgUnitId;
    }

    public long Id { get; private set; }
    public int CampaignId { get; private set; }
    /// <summary>Whose lists are checked.</summary>
    public int OrgUnitId { get; private set; }
    /// <summary>Who checks them.</summary>
    public int PeerOrgUnitId { get; private set; }

    /// <summary>Departments in a ring (A checks B's lists, B checks C's … the last checks A's), each unit's departments among themselves.</summary>
    public static IEnumerable<(int OrgUnitId, int PeerOrgUnitId)> Ring(IEnumerable<IReadOnlyList<int>> siblingGroups) =>
        siblingGroups.Where(g => g.Count > 1).SelectMany(g => g.Select((id, i) => (id, g[(i + 1) % g.Count])));
}
