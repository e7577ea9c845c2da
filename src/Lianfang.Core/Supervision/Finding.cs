namespace Lianfang.Core.Supervision;

/// <summary>问题: what an inspection found, about a risk point, a person, or the unit.</summary>
public sealed class Finding
{
    private Finding() { Description = ""; }

    public Finding(Inspection inspection, string? description, long? riskPointId, int? personId, DateTime now)
    {
        InspectionId = inspection.Id;
        OrgUnitId = inspection.OrgUnitId;
        Description = Text.Required(description, "description", "问题描述", 2000);
        RiskPointId = riskPointId;
        PersonId = personId;
        FoundAt = now;
    }

    public long Id { get; private set; }
    public long InspectionId { get; private set; }
    public Inspection Inspection { get; private set; } = null!;
    public int OrgUnitId { get; private set; }
    public string Description { get; private set; }
    public long? RiskPointId { get; private set; }
    public int? PersonId { get; private set; }
    public DateTime FoundAt { get; private set; }
}

public enum RectificationStatus { Open, Submitted, Verified }

/// <summary>整改: the task that fixes a finding — owner, deadline, evidence, and the inspector's verification.</summary>
public sealed class Rectification : IVersioned
{
    private Rectification() { Owner = Task = ""; }

    /// <param name="ownerPersonId">the person in the org who must do it (then <paramref name="owner"/> is their name)</param>
    public Rectification(Finding finding, int ownerOrgUnitId, string? owner, string? task, DateOnly deadline, DateOnly today, int? ownerPersonId = null)
    {
        FindingId = finding.Id;
        OwnerOrgUnitId = ownerOrgUnitId;
        OwnerPersonId = ownerPersonId;
        Owner = Text.Required(owner, "owner", "整改责任人", 100);
        Task = Text.Required(task, "task", "整改要求", 2000);
        if (deadline < today) throw new DomainException("deadline", "整改期限不能早于今天");
        Deadline = deadline;
    }

    public long Id { get; private set; }
    public long FindingId { get; private set; }
    public Finding Finding { get; private set; } = null!;
    /// <summary>The unit or department that must fix it; its head (or party office) reports.</summary>
    public int OwnerOrgUnitId { get; private set; }
    public Org.OrgUnit OwnerOrgUnit { get; private set; } = null!;
    public string Owner { get; private set; }
    /// <summary>The 整改责任人 as a person of the org: the task is in their 待办 and they may report it.</summary>
    public int? OwnerPersonId { get; private set; }
    public string Task { get; private set; }
    public DateOnly Deadline { get; private set; }
    public RectificationStatus Status { get; private set; }
    public string? Report { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? VerifiedAt { get; private set; }
    public string? VerifiedBy { get; private set; }
    public string? VerificationComment { get; private set; }
    /// <summary>How often verification failed and the task went back.</summary>
    public int Reopened { get; private set; }
    public List<EvidenceFile> Evidence { get; private set; } = [];
    public int Version { get; set; }

    public bool IsOverdue(DateOnly today) => Status != RectificationStatus.Verified && today > Deadline;

    public void Submit(string? report, DateTime now)
    {
        if (Status != RectificationStatus.Open) throw DomainException.Conflict("status", $"整改当前状态为“{Label(Status)}”，不能重复报送");
        Report = Text.Required(report, "report", "整改情况说明", 4000);
        if (Evidence.Count == 0) throw new DomainException("evidence", "请先上传整改佐证材料");
        Status = RectificationStatus.Submitted;
        SubmittedAt = now;
    }

    /// <summary>The inspector checks the fix: passed closes it; failed sends it back (with the reason) to be done again.</summary>
    public void Verify(bool passed, string? comment, string verifier, DateTime now)
    {
        if (Status != RectificationStatus.Submitted) throw DomainException.Conflict("status", $"整改当前状态为“{Label(Status)}”，不能验收");
        VerificationComment = Text.Optional(comment, "comment", "验收意见", 2000);
        if (!passed && VerificationComment is null) throw new DomainException("comment", "验收不通过时请写明原因");
        if (passed)
        {
            Status = RectificationStatus.Verified;
            VerifiedAt = now;
            VerifiedBy = verifier;
        }
        else
        {
            Status = RectificationStatus.Open;
            Reopened++;
        }
    }

    /// <summary>
    /// A rectification reported and verified before it was recorded here (history carried over from an earlier register,
    /// or a generated data set): closed at the times it was, its evidence kept where it was then.
    /// </summary>
    public void RecordClosed(string? report, DateTime submittedAt, string verifier, DateTime verifiedAt)
    {
        if (Status != RectificationStatus.Open) throw DomainException.Conflict("status", $"整改当前状态为“{Label(Status)}”，不能登记为已验收");
        if (verifiedAt < submittedAt) throw new DomainException("verifiedAt", "验收时间不能早于报送时间");
        Report = Text.Required(report, "report", "整改情况说明", 4000);
        (Status, SubmittedAt, VerifiedAt, VerifiedBy) = (RectificationStatus.Verified, submittedAt, verifiedAt, verifier);
    }

    public static string Label(RectificationStatus s) => s switch
    {
        RectificationStatus.Open => "整改中", RectificationStatus.Submitted => "待验收", _ => "已验收",
    };
}

/// <summary>整改佐证: an uploaded file, kept with its SHA-256 so it cannot be swapped unnoticed. Its bytes live apart from this row.</summary>
public sealed class EvidenceFile
{
    private EvidenceFile() { FileName = Sha256 = ""; }

    public EvidenceFile(string fileName, long size, string sha256, int uploadedBy, DateTime now)
    {
        FileName = Text.Required(fileName, "file", "文件名", 200);
        Size = size;
        Sha256 = sha256;
        UploadedBy = uploadedBy;
        UploadedAt = now;
    }

    public long Id { get; private set; }
    public long RectificationId { get; private set; }
    public string FileName { get; private set; }
    public long Size { get; private set; }
    public string Sha256 { get; private set; }
    public int UploadedBy { get; private set; }
    public DateTime UploadedAt { get; private set; }
}
