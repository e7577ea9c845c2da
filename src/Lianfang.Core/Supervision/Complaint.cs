namespace Lianfang.Core.Supervision;

public enum ComplaintSource { PublicFeedback, Petition }

public enum ComplaintStatus { New, Accepted, Handling, Closed, Dismissed }

/// <summary>信访举报 / 群众反映: what the public or a petitioner reports about a unit, a person or a risk point.</summary>
public sealed class Complaint : IVersioned
{
    private Complaint() { Content = ""; }

    public Complaint(ComplaintSource source, int orgUnitId, int? personId, long? riskPointId, string? content, string? contactName, string? contact,
        DateTime now)
    {
        Source = source;
        OrgUnitId = orgUnitId;
        PersonId = personId;
        RiskPointId = riskPointId;
        Content = Text.Required(content, "content", "反映内容", 2000);
        if (Content.Length < 5) throw new DomainException("content", "反映内容太短，请具体说明问题");
        ContactName = Text.Optional(contactName, "contactName", "姓名", 50);
        Contact = Text.Optional(contact, "contact", "联系方式", 100);
        ReceivedAt = now;
    }

    public long Id { get; private set; }
    public ComplaintSource Source { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    public int? PersonId { get; private set; }
    public long? RiskPointId { get; private set; }
    public string Content { get; private set; }
    public string? ContactName { get; private set; }
    public string? Contact { get; private set; }
    public ComplaintStatus Status { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public string? Note { get; private set; }
    public int Version { get; set; }

    public static ComplaintStatus[] Next(ComplaintStatus from) => from switch
    {
        ComplaintStatus.New => [ComplaintStatus.Accepted, ComplaintStatus.Dismissed],
        ComplaintStatus.Accepted => [ComplaintStatus.Handling, ComplaintStatus.Closed],
        ComplaintStatus.Handling => [ComplaintStatus.Closed],
        _ => [],
    };

    /// <summary>受理 or 不予受理 a new complaint, then 办理 and 办结; each step may carry a note.</summary>
    public void Triage(ComplaintStatus to, string? note)
    {
        if (!Next(Status).Contains(to)) throw DomainException.Conflict("status", $"“{Label(Status)}”的信访件不能改为“{Label(to)}”");
        if (to is ComplaintStatus.Dismissed or ComplaintStatus.Closed && string.IsNullOrWhiteSpace(note))
            throw new DomainException("note", to == ComplaintStatus.Closed ? "办结时请写明办理结果" : "不予受理时请写明理由");
        Note = Text.Optional(note, "note", "办理意见", 2000) ?? Note;
        Status = to;
    }

    public static string Label(ComplaintStatus s) => s switch
    {
        ComplaintStatus.New => "待处理", ComplaintStatus.Accepted => "已受理", ComplaintStatus.Handling => "办理中",
        ComplaintStatus.Closed => "已办结", _ => "不予受理",
    };
}
