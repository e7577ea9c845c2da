using Lianfang.Core.Org;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Supervision;

/// <summary>
/// 党风廉政建设责任书 (003: 签订党风廉政建设责任书和工作目标责任书，使干部明确业务工作和肩负的党风廉政建设的职责): a cadre's
/// duties for the year, as signed by them and by the one who gives them the duties (the principal or their leader in charge).
/// Recorded by the unit's party office once the paper is signed; only ever added, a wrong entry is superseded by a new one.
/// </summary>
public sealed class ResponsibilityLetter
{
    private ResponsibilityLetter() { PersonName = PostName = Duties = IssuedBy = RecordedBy = ""; }

    public ResponsibilityLetter(int orgUnitId, int personId, string personName, string postName, int year, string? duties, string? issuedBy,
        DateOnly? signedOn, string recordedBy, DateOnly today, DateTime now)
    {
        if (year < 2000 || year > today.Year + 1) throw new DomainException("year", "责任书年度不正确");
        var on = signedOn ?? throw new DomainException("signedOn", "请填写签订日期");
        if (on > today) throw new DomainException("signedOn", "签订日期不能晚于今天");
        if (on.Year < year - 1 || on.Year > year) throw new DomainException("signedOn", $"{year}年度的责任书应在{year - 1}年底或{year}年内签订");
        OrgUnitId = orgUnitId;
        PersonId = personId;
        PersonName = personName;
        PostName = postName;
        Year = year;
        Duties = Text.Required(duties, "duties", "责任内容", 4000);
        IssuedBy = Text.Required(issuedBy, "issuedBy", "签订领导", 50);
        SignedOn = on;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    public long Id { get; private set; }
    /// <summary>The cadre's unit (单位), whose party office keeps the letters.</summary>
    public int OrgUnitId { get; private set; }
    public int PersonId { get; private set; }
    public string PersonName { get; private set; }
    public string PostName { get; private set; }
    public int Year { get; private set; }
    /// <summary>责任内容: the post's 党风廉政建设 duties and the risk points the cadre answers for.</summary>
    public string Duties { get; private set; }
    /// <summary>The leader who signed for the unit (主要负责人 or 分管领导).</summary>
    public string IssuedBy { get; private set; }
    public DateOnly SignedOn { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>Whom the rule covers by default: the 领导岗位 and 中层岗位 (the seed's 干部).</summary>
    public static readonly IReadOnlyList<PostTier> DefaultTiers = [PostTier.Leader, PostTier.Middle];

    /// <summary>The day a year's letters are due: the end of the rule's quarter (1 unless it says).</summary>
    public static DateOnly Deadline(int year, int quarter) => new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);

    /// <summary>The post tiers a scheme's 责任书 rule covers (its "tiers", else <see cref="DefaultTiers"/>).</summary>
    public static IReadOnlyList<PostTier> Tiers(Scheme scheme) =>
        scheme.RuleList(RuleKinds.ResponsibilityLetters, "tiers") is { Count: > 0 } t ? t.Select(Enum.Parse<PostTier>).ToList() : DefaultTiers;

    /// <summary>The day a scheme's letters of the year are due.</summary>
    public static DateOnly Deadline(Scheme scheme, int year) => Deadline(year, scheme.RuleInt(RuleKinds.ResponsibilityLetters, "quarter", 1));
}
