namespace Lianfang.Core.Supervision;

/// <summary>The four inspection types of 000: 书面问询, 个别谈话, 实地走访抽查, 立项监督.</summary>
public enum InspectionType { Written, Talk, SiteVisit, Project }

/// <summary>
/// Planned (in the year's plan) → Open (inquiry letter sent / project set up, waiting for the reply or report) → Done.
/// A talk or a site visit is done when its record is written.
/// </summary>
public enum InspectionStatus { Planned, Open, Done }

/// <summary>监督检查: one inspection of risk points, a person or a unit, with its record.</summary>
public sealed class Inspection : IVersioned
{
    private Inspection() { InspectorName = ""; }

    public Inspection(InspectionType type, int orgUnitId, int? personId, DateOnly date, int inspectorUserId, int? inspectorPersonId, string inspectorName,
        string? subject, string? record, bool planned, DateOnly today, DateTime now)
    {
        CheckDate(date, planned, today);
        Type = type;
        OrgUnitId = orgUnitId;
        PersonId = personId;
        Date = date;
        InspectorUserId = inspectorUserId;
        InspectorPersonId = inspectorPersonId;
        InspectorName = Text.Required(inspectorName, "inspector", "检查人", 100);
        Subject = Text.Optional(subject, "subject", type switch { InspectionType.Written => "问询函内容", InspectionType.Project => "立项监督方案", _ => "检查事项" }, 4000);
        Record = Text.Optional(record, "record", RecordLabel(type), 8000);
        Status = planned ? InspectionStatus.Planned : NextAfterStart(type, Record);
        if (!planned && type is InspectionType.Written or InspectionType.Project && Subject is null)
            throw new DomainException("subject", type == InspectionType.Written ? "书面问询须写明问询函内容" : "立项监督须先有监督方案");
        if (!planned && type is InspectionType.Talk or InspectionType.SiteVisit && Record is null)
            throw new DomainException("record", $"请填写{RecordLabel(type)}");
        if (Status == InspectionStatus.Done) CompletedAt = now;
    }

    public long Id { get; private set; }
    public InspectionType Type { get; private set; }
    public InspectionStatus Status { get; private set; }
    /// <summary>The unit inspected (its scope decides who sees the inspection).</summary>
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    /// <summary>The person talked to or asked, when the inspection is about one person.</summary>
    public int? PersonId { get; private set; }
    public DateOnly Date { get; private set; }
    public int InspectorUserId { get; private set; }
    public int? InspectorPersonId { get; private set; }
    public string InspectorName { get; private set; }
    /// <summary>问询函 (written inquiry), 监督方案 (project plan), or what a talk / visit is about.</summary>
    public string? Subject { get; private set; }
    /// <summary>书面回复, 谈话记录, 走访抽查记录, 立项监督报告.</summary>
    public string? Record { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    /// <summary>Set when a wrongly recorded inspection is withdrawn; a withdrawn inspection counts nowhere.</summary>
    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    /// <summary>Why it was last corrected or withdrawn; the audit trail keeps it with who and when.</summary>
    public string? ChangeReason { get; private set; }
    public List<InspectionTarget> Targets { get; private set; } = [];
    public int Version { get; set; }

    public static string RecordLabel(InspectionType t) => t switch
    {
        InspectionType.Written => "书面回复", InspectionType.Talk => "谈话记录", InspectionType.SiteVisit => "走访抽查记录", _ => "立项监督报告",
    };

    public static string Label(InspectionType t) => t switch
    {
        InspectionType.Written => "书面问询", InspectionType.Talk => "个别谈话", InspectionType.SiteVisit => "实地走访抽查", _ => "立项监督",
    };

    public static string Label(InspectionStatus s) => s switch
    {
        InspectionStatus.Planned => "计划中", InspectionStatus.Open => "待回复/进行中", _ => "已完成",
    };

    /// <summary>000 InspectionReport: 对重要的监督检查，应制定监督检查方案 — the plan (<see cref="Subject"/>) is written before it is carried out.</summary>
    public static void EnsurePlan(string? subject, string what)
    {
        if (string.IsNullOrWhiteSpace(subject))
            throw new DomainException("subject", $"对{what}的监督检查，应制定监督检查方案：请写明检查方案（检查事项、方式、步骤），检查结束后的记录即检查报告");
    }

    /// <summary>A planned inspection is carried out: the letter goes out, the project starts, or the talk/visit is recorded.</summary>
    public void Start(DateOnly date, string? subject, string? record, DateOnly today, DateTime now)
    {
        if (Status != InspectionStatus.Planned) throw DomainException.Conflict("status", "该检查已开展");
        CheckDate(date, planned: false, today);
        Date = date;
        Subject = Text.Optional(subject, "subject", "检查事项", 4000) ?? Subject;
        Record = Text.Optional(record, "record", RecordLabel(Type), 8000);
        if (Type is InspectionType.Written or InspectionType.Project && Subject is null)
            throw new DomainException("subject", Type == InspectionType.Written ? "书面问询须写明问询函内容" : "立项监督须先有监督方案");
        if (Type is InspectionType.Talk or InspectionType.SiteVisit && Record is null) throw new DomainException("record", $"请填写{RecordLabel(Type)}");
        Status = NextAfterStart(Type, Record);
        if (Status == InspectionStatus.Done) CompletedAt = now;
    }

    /// <summary>An inspection carried out has happened: not in the future (a coming one is recorded as planned), nor before 2000.</summary>
    private static void CheckDate(DateOnly date, bool planned, DateOnly today)
    {
        if (date.Year < 2000 || date > today.AddYears(2)) throw new DomainException("date", "检查日期不正确");
        if (!planned && date > today) throw new DomainException("date", "检查日期不能晚于今天：尚未开展的检查请登记为计划");
    }

    /// <summary>Corrects what was recorded (a wrong date, a mistyped record), saying why.</summary>
    public void Correct(DateOnly date, string? subject, string? record, string? reason, DateOnly today)
    {
        if (WithdrawnAt is not null) throw DomainException.Conflict("status", "该检查已撤销");
        CheckDate(date, Status == InspectionStatus.Planned, today);
        var newSubject = Text.Optional(subject, "subject", "检查事项", 4000);
        var newRecord = Text.Optional(record, "record", RecordLabel(Type), 8000);
        if (Type is InspectionType.Written or InspectionType.Project && Status != InspectionStatus.Planned && newSubject is null)
            throw new DomainException("subject", Type == InspectionType.Written ? "书面问询须写明问询函内容" : "立项监督须有监督方案");
        if (Status == InspectionStatus.Done && newRecord is null) throw new DomainException("record", $"请填写{RecordLabel(Type)}");
        ChangeReason = Text.Required(reason, "reason", "更正原因", 500);
        (Date, Subject, Record) = (date, newSubject, Status == InspectionStatus.Planned ? Record : newRecord ?? Record);
    }

    /// <summary>Withdraws an inspection recorded by mistake; one whose findings were set for rectification is corrected instead.</summary>
    public void Withdraw(string by, string? reason, bool hasFindings, DateTime now)
    {
        if (hasFindings && WithdrawnAt is null) throw DomainException.Conflict("status", "该检查已登记发现的问题（可能已下达整改），不能撤销；请更正检查记录");
        (WithdrawnAt, WithdrawnBy, ChangeReason) = Withdrawal.Of(WithdrawnAt, "检查", by, reason, now);
    }

    /// <summary>The written reply to an inquiry, or the report closing a 立项监督.</summary>
    public void Complete(string? record, DateTime now)
    {
        if (Status != InspectionStatus.Open) throw DomainException.Conflict("status", $"该检查当前状态为“{Label(Status)}”，不能登记{RecordLabel(Type)}");
        Record = Text.Required(record, "record", RecordLabel(Type), 8000);
        Status = InspectionStatus.Done;
        CompletedAt = now;
    }

    private static InspectionStatus NextAfterStart(InspectionType type, string? record) =>
        type is InspectionType.Talk or InspectionType.SiteVisit || record is not null ? InspectionStatus.Done : InspectionStatus.Open;
}

/// <summary>A risk point an inspection looked at.</summary>
public sealed class InspectionTarget
{
    private InspectionTarget() { }
    public InspectionTarget(long riskPointId) => RiskPointId = riskPointId;
    /// <summary>A target of an inspection that has its id already (rows written without the change tracker, e.g. a generated data set).</summary>
    public InspectionTarget(Inspection inspection, long riskPointId) : this(riskPointId) => InspectionId = inspection.Id;

    public long InspectionId { get; private set; }
    public long RiskPointId { get; private set; }
}
