using System.Security.Cryptography;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Review;

/// <summary>
/// One decision on a list. An approval (or a signed submission) is an electronic signature: signer, role, time,
/// comment and the SHA-256 of the list's content at that moment, with a short code anyone can check.
/// </summary>
public sealed class ReviewRecord : ISignedStatement
{
    private ReviewRecord() { StageName = Actor = RoleLabel = ""; }

    public ReviewRecord(int listId, int revision, string? stageCode, string stageName, Decision decision, int userId, string actor,
        string roleLabel, string? comment, string contentHash, bool signed, DateTime now)
    {
        ListId = listId;
        Revision = revision;
        StageCode = stageCode;
        StageName = stageName;
        Decision = decision;
        UserId = userId;
        Actor = actor;
        RoleLabel = roleLabel;
        Comment = Text.Optional(comment, "comment", "意见", 1000);
        At = now;
        ContentHash = contentHash;
        if (signed) VerificationCode = NewCode();
    }

    public long Id { get; private set; }
    public int ListId { get; private set; }
    public int Revision { get; private set; }
    public string? StageCode { get; private set; }
    public string StageName { get; private set; }
    public Decision Decision { get; private set; }
    public int UserId { get; private set; }
    public string Actor { get; private set; }
    public string RoleLabel { get; private set; }
    public string? Comment { get; private set; }
    public DateTime At { get; private set; }
    public string ContentHash { get; private set; } = "";
    /// <summary>Set on signatures: 10 characters, random, printed on forms and checked at /Verify.</summary>
    public string? VerificationCode { get; private set; }

    public bool IsSignature => VerificationCode is not null;

    /// <summary>The signed statement (<see cref="ISignedStatement"/>); signatures made before SM2 are checked by <see cref="ContentHash"/> alone.</summary>
    public string? Statement { get; private set; }
    public string? StatementSignature { get; private set; }
    public int? SigningKeyId { get; private set; }

    /// <summary>The statement this signature makes: what anyone can check offline against the published public key.</summary>
    public string StatementText(string contentSm3) => string.Join("\n",
        "廉防电子签字",
        $"校验码：{VerificationCode}",
        $"清单：{ListId}",
        $"修订：{Revision}",
        $"环节：{StageName}（{StageCode}）",
        $"签字人：{Actor}（{RoleLabel}）",
        $"时间：{At:yyyy-MM-ddTHH:mm:ss.fffZ}",
        $"内容SM3：{contentSm3}",
        $"内容SHA-256：{ContentHash}") + "\n";

    public void Seal(string statement, string signature, int keyId)
    {
        if (!IsSignature) throw new InvalidOperationException("Only a signature carries a signed statement.");
        (Statement, StatementSignature, SigningKeyId) = (statement, signature, keyId);
    }

    /// <summary>
    /// Content changed by this act itself (a 审定 level …), each recorded as what changed. The act's
    /// <see cref="ContentHash"/> binds the content after them, <see cref="PriorHash"/> the content they were made to.
    /// </summary>
    public IReadOnlyList<ReviewChange> Changes => _changes;
    private readonly List<ReviewChange> _changes = [];
    public string? PriorHash { get; private set; }
    /// <summary>For a body's decision (领导小组): who attended the meeting, as names; the signer is its head.</summary>
    public string? Attendees { get; private set; }

    public void RecordMeeting(IEnumerable<string> attendees) => Attendees = Text.Optional(string.Join("、", attendees), "meeting.attendees", "出席人员", 1000);

    /// <summary>The items the signer confirmed one by one (000: 派驻机构对五项内容逐一审核把关), as RequiredItems codes.</summary>
    public string? CheckedItems { get; private set; }

    public void RecordChecks(IEnumerable<string> items) => CheckedItems = string.Join(",", items);

    /// <summary>Records changes made by this act: the content was at <paramref name="priorHash"/> before them.</summary>
    public void Amend(string priorHash, IEnumerable<ContentChange> changes)
    {
        if (!IsSignature) throw new InvalidOperationException("Only a signed act may change the content it signs.");
        PriorHash = priorHash;
        _changes.AddRange(changes.Select(c => new ReviewChange(c)));
    }

    /// <summary>A printed verification code: 10 characters that cannot be misread (no 0/O, 1/I/L).</summary>
    internal static string NewCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Concat(Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
    }
}

/// <summary>One change a signed review act made to the list's content: which point, which field, from what to what, and why.</summary>
public sealed record ContentChange(long RiskPointId, int PointSeq, string Field, string? Before, string? After, string? Reason);

/// <summary>A <see cref="ContentChange"/> as stored with the review record that made it.</summary>
public sealed class ReviewChange
{
    private ReviewChange() { Field = ""; }

    public ReviewChange(ContentChange c)
    {
        RiskPointId = c.RiskPointId;
        PointSeq = c.PointSeq;
        Field = c.Field;
        Before = c.Before;
        After = c.After;
        Reason = c.Reason;
    }

    public long Id { get; private set; }
    public long ReviewRecordId { get; private set; }
    public long RiskPointId { get; private set; }
    public int PointSeq { get; private set; }
    public string Field { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Reason { get; private set; }

    public ContentChange ToChange() => new(RiskPointId, PointSeq, Field, Before, After, Reason);
}

/// <summary>
/// A form filed with the commission (003 FormFiling: 单位和局领导班子成员的登记表及汇总表报县纪委监察局一份): which form, of which
/// list (none for the unit's 汇总表), the content hash it was filed at.
/// </summary>
public sealed class FormFiling
{
    private FormFiling() { FormCode = FormTitle = Title = ContentHash = ""; }

    public FormFiling(int? listId, int campaignId, int orgUnitId, int? commissionId, string formCode, string formTitle, string title,
        string contentHash, DateTime now)
    {
        ListId = listId;
        CampaignId = campaignId;
        OrgUnitId = orgUnitId;
        CommissionId = commissionId;
        FormCode = formCode;
        FormTitle = formTitle;
        Title = title;
        ContentHash = contentHash;
        FiledAt = now;
    }

    public long Id { get; private set; }
    public int? ListId { get; private set; }
    public int CampaignId { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    public int? CommissionId { get; private set; }
    public string FormCode { get; private set; }
    public string FormTitle { get; private set; }
    /// <summary>Whose form: the list's title, or the unit's name for the 汇总表.</summary>
    public string Title { get; private set; }
    public string ContentHash { get; private set; }
    public DateTime FiledAt { get; private set; }
}

/// <summary>备案: a point of a filed level (重要, 一级 …) reported to the commission on its list's final approval.</summary>
public sealed class Filing
{
    private Filing() { Description = LevelCode = CategoryCode = ""; }

    public Filing(long riskPointId, int listId, int campaignId, int orgUnitId, int? commissionId, string categoryCode, string levelCode,
        string description, DateTime now)
    {
        RiskPointId = riskPointId;
        ListId = listId;
        CampaignId = campaignId;
        OrgUnitId = orgUnitId;
        CommissionId = commissionId;
        CategoryCode = categoryCode;
        LevelCode = levelCode;
        Description = description;
        FiledAt = now;
    }

    /// <summary>
    /// What a list's final approval files with the commission: each point of a level the scheme's Filing rule names
    /// (重要, 一级 …). The review and the data-set generator both file by it.
    /// </summary>
    public static IEnumerable<Filing> OnFinalApproval(Schemes.Scheme scheme, Register.RiskList list, IEnumerable<Register.RiskPoint> points, int? commissionId,
        DateTime now)
    {
        var levels = scheme.RuleList(Schemes.RuleKinds.Filing, "levels");
        return points.Where(p => levels.Contains(p.EffectiveLevelCode)).Select(p =>
            new Filing(p.Id, list.Id, list.CampaignId, list.OrgUnitId, commissionId, p.CategoryCode, p.EffectiveLevelCode, p.Description, now));
    }

    public long Id { get; private set; }
    public long RiskPointId { get; private set; }
    public int ListId { get; private set; }
    public int CampaignId { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    /// <summary>The commission (nearest 纪委监委 above the unit) the point is filed with.</summary>
    public int? CommissionId { get; private set; }
    public string CategoryCode { get; private set; }
    public string LevelCode { get; private set; }
    public string Description { get; private set; }
    public DateTime FiledAt { get; private set; }
}
