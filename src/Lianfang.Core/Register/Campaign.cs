using Lianfang.Core.Schemes;

namespace Lianfang.Core.Register;

public enum CampaignStatus { Open, Closed }

/// <summary>排查: one screening round over an org subtree under one scheme.</summary>
public sealed class Campaign : IVersioned
{
    private Campaign() { Name = SchemeCode = ""; }

    public Campaign(string name, int year, Scheme scheme, int rootOrgUnitId, DateOnly deadline, int? carriedFromId)
    {
        Name = Text.Required(name, "name", "排查名称");
        if (year is < 2000 or > 2100) throw new DomainException("year", "年度应在 2000 至 2100 之间");
        Year = year;
        SchemeCode = scheme.Code;
        RootOrgUnitId = rootOrgUnitId;
        Deadline = deadline;
        CarriedFromId = carriedFromId;
        CreatedAt = DateTime.UtcNow;
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

    public void Close() => Status = CampaignStatus.Closed;
}
