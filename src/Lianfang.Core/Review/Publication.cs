using Lianfang.Core.Register;

namespace Lianfang.Core.Review;

/// <summary>公示: an approved list shown to the public for a period, on the unit's public page and its desk cards (桌卡).</summary>
public sealed class Publication : ISignedStatement
{
    public const int MaxDays = 366;

    /// <summary>Printed on a desk card when the holder has not written their own 公开承诺.</summary>
    public const string DefaultCommitment =
        "本人承诺：严格遵守廉洁自律各项规定，认真落实以上防控措施，公正用权、依法办事，自觉接受组织和群众监督。";

    private Publication() { ContentHash = ""; }

    public Publication(RiskList list, DateOnly from, DateOnly until, int userId, string publisher, string contentHash, DateTime now)
    {
        if (until < from) throw new DomainException("until", "公示结束日期不能早于开始日期");
        if (until.DayNumber - from.DayNumber > MaxDays) throw new DomainException("until", $"公示期不能超过{MaxDays}天");
        ListId = list.Id;
        Revision = list.Revision;
        From = from;
        Until = until;
        PublishedByUserId = userId;
        PublishedAt = now;
        ContentHash = contentHash;
        Publisher = publisher;
        VerificationCode = ReviewRecord.NewCode();
    }

    public long Id { get; private set; }
    public int ListId { get; private set; }
    /// <summary>The revision published: a reopened list leaves the public page until it is approved and published again.</summary>
    public int Revision { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly Until { get; private set; }
    public int PublishedByUserId { get; private set; }
    public DateTime PublishedAt { get; private set; }
    public string ContentHash { get; private set; }
    /// <summary>Who decided the 公示, as named on what they sign. Null for publications older than their seal.</summary>
    public string? Publisher { get; private set; }
    /// <summary>The code printed on the public page: anyone checks with it what was published, and that it is still so.</summary>
    public string? VerificationCode { get; private set; }
    /// <summary>The signed statement (<see cref="ISignedStatement"/>): list, revision, period, publisher, time, content digests.</summary>
    public string? Statement { get; private set; }
    public string? StatementSignature { get; private set; }
    public int? SigningKeyId { get; private set; }

    public bool IsOpenOn(DateOnly day) => From <= day && day <= Until;

    public string StatementText(string contentSm3) => string.Join("\n",
        "廉防公示签章",
        $"校验码：{VerificationCode}",
        $"清单：{ListId}",
        $"修订：{Revision}",
        $"公示期：{From:yyyy-MM-dd}至{Until:yyyy-MM-dd}",
        $"公示决定人：{Publisher}",
        $"时间：{PublishedAt:yyyy-MM-ddTHH:mm:ss.fffZ}",
        $"内容SM3：{contentSm3}",
        $"内容SHA-256：{ContentHash}") + "\n";

    public void Seal(string statement, string signature, int keyId) => (Statement, StatementSignature, SigningKeyId) = (statement, signature, keyId);
}

/// <summary>A helper (代表帮查/专家助查) invited by the stage's reviewer to comment on one list at one stage.</summary>
public sealed class ReviewInvitation
{
    private ReviewInvitation() { StageCode = ""; }

    public ReviewInvitation(RiskList list, int userId, int invitedByUserId, DateTime now)
    {
        ListId = list.Id;
        Revision = list.Revision;
        StageCode = list.Stage ?? throw DomainException.Conflict("status", "清单不在审核中，不能邀请帮查");
        UserId = userId;
        InvitedByUserId = invitedByUserId;
        At = now;
    }

    public long Id { get; private set; }
    public int ListId { get; private set; }
    public int Revision { get; private set; }
    public string StageCode { get; private set; }
    public int UserId { get; private set; }
    public int InvitedByUserId { get; private set; }
    public DateTime At { get; private set; }

    /// <summary>The invitation holds while the list waits at the stage (and revision) it was made for.</summary>
    public bool IsOpenFor(RiskList list) => list.Id == ListId && list.Revision == Revision && list.Stage == StageCode && list.Status == ListStatus.InReview;
}

/// <summary>The Publication rule's periods: how long a list is shown, and a 公示 stage that ends before the next begins.</summary>
public static class PublicityRules
{
    /// <summary>The scheme's 公示期 in days (its Publication rule's <c>days</c>), else <paramref name="fallback"/>.</summary>
    public static int Days(Schemes.Scheme scheme, int fallback = 5) => Schemes.RuleKinds.RuleInt(scheme, Schemes.RuleKinds.Publication, "days", fallback);

    /// <summary>A 公示 shorter than the scheme's period is refused.</summary>
    public static void EnsureLongEnough(Schemes.Scheme scheme, DateOnly from, DateOnly until)
    {
        var days = Days(scheme, 1);
        if (until.DayNumber - from.DayNumber + 1 < days)
            throw new DomainException("until", $"公示期不少于 {days} 天（方案“{scheme.Name}”的公示规定），请将结束日期定在 {from.AddDays(days - 1):yyyy-MM-dd} 或之后");
    }

    /// <summary>A 公示 stage passes only after the list was shown and the period is over.</summary>
    public static void EnsureEnded(Schemes.ReviewStageDef stage, DateOnly? from, DateOnly? until, DateOnly today)
    {
        if (from is null || until is null)
            throw DomainException.Conflict("stage", $"“{stage.Name}”：清单尚未在单位内公示，请先公示，公示期满后再报下一环节");
        if (today <= until)
            throw DomainException.Conflict("stage", $"“{stage.Name}”：公示期至 {until:yyyy-MM-dd}，期满后才能报下一环节");
    }
}
