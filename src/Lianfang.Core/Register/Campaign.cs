using Lianfang.Core.Schemes;

namespace Lianfang.Core.Register;

public enum CampaignStatus { Open, Closed }

/// <summary>排查: one screening round over an org subtree under one scheme.</summary>
public sealed class Campaign : IVersioned
{
    private Campaign() { Name = SchemeCode = ""; }

    public Campaign(string name, int year, Scheme scheme, int rootOrgUnitId, DateOnly deadline, int? carriedFromId, DateTime now)
    {
        Name = Text.Required(name, "name", "排查名称");
        if (year is < 2000 or > 2100) throw new DomainException("year", "年度应在 2000 至 2100 之间");
        Year = year;
        SchemeCode = scheme.Code;
        RootOrgUnitId = rootOrgUnitId;
        Deadline = CheckDeadline(year, deadline);
        CarriedFromId = carriedFromId;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public int Year { get; private set; }
    public string SchemeCode { get; private set; }
    public int RootOrgUnitId { get; private set; }
    public DateOnly Deadline { get; private set; }
    public CampaignStatus Status { get; private set; }
    /// <summary>动态排查: the campaign whose points were carried forward into this one.</summary>
    public int? CarriedFromId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; set; }

    /// <summary>Why the deadline was last moved or the campaign closed; the audit trail keeps it with who and when.</summary>
    public string? ChangeReason { get; private set; }

    /// <summary>A year's campaign is due within that year or the next (a deadline of 1900 is a typing error, not a plan).</summary>
    private static DateOnly CheckDeadline(int year, DateOnly deadline) =>
        deadline.Year >= year && deadline.Year <= year + 1 ? deadline
            : throw new DomainException("deadline", $"{year}年度排查的截止日期应在{year}年或{year + 1}年内");

    /// <summary>Extends (or brings forward) the deadline of an open campaign, saying why.</summary>
    public void Reschedule(DateOnly deadline, string? reason)
    {
        if (Status == CampaignStatus.Closed) throw DomainException.Conflict("status", "排查已结束，不能调整截止日期");
        Deadline = CheckDeadline(Year, deadline);
        ChangeReason = Text.Required(reason, "reason", "调整原因", 500);
    }

    /// <summary>Ends the campaign: its lists leave everyone's 待办 and it raises no more reminders.</summary>
    public void Close(string? reason)
    {
        if (Status == CampaignStatus.Closed) throw DomainException.Conflict("status", "排查已结束");
        ChangeReason = Text.Required(reason, "reason", "结束原因", 500);
        Status = CampaignStatus.Closed;
    }
}
