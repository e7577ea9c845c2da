namespace Lianfang.Core.Supervision;

/// <summary>
/// 四种形态: how a finding about a person was handled. Each form allows its own measures; the record goes into the
/// person's 廉政档案 (integrity file).
/// </summary>
public sealed class Disposition
{
    public static readonly IReadOnlyDictionary<int, string[]> Measures = new Dictionary<int, string[]>
    {
        [1] = ["谈话提醒", "批评教育", "责令检查", "诫勉"],
        [2] = ["党纪轻处分", "组织调整"],
        [3] = ["党纪重处分", "重大职务调整"],
        [4] = ["严重违纪涉嫌违法立案审查"],
    };

    public static string FormLabel(int form) => form switch { 1 => "第一种形态", 2 => "第二种形态", 3 => "第三种形态", _ => "第四种形态" };

    private Disposition() { Measure = Reason = RecordedBy = ""; }

    public Disposition(int personId, long? findingId, int form, string? measure, string? reason, DateOnly decidedOn, string recordedBy,
        DateOnly today, DateTime now)
    {
        if (decidedOn > today || decidedOn.Year < 2000) throw new DomainException("decidedOn", "决定日期不能晚于今天");
        if (!Measures.TryGetValue(form, out var allowed)) throw new DomainException("form", "形态应为 1–4（第一种至第四种形态）");
        var m = measure?.Trim();
        if (m == "检查") m = "责令检查";
        if (m is null || !allowed.Contains(m))
            throw new DomainException("measure", $"{FormLabel(form)}的处理方式应为：{string.Join("、", allowed)}");
        PersonId = personId;
        FindingId = findingId;
        Form = form;
        Measure = m;
        Reason = Text.Required(reason, "reason", "事由", 2000);
        DecidedOn = decidedOn;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    public long Id { get; private set; }
    public int PersonId { get; private set; }
    public long? FindingId { get; private set; }
    public int Form { get; private set; }
    public string Measure { get; private set; }
    public string Reason { get; private set; }
    public DateOnly DecidedOn { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }
    /// <summary>Set when a disposition recorded by mistake is withdrawn: it leaves the 廉政档案; the audit trail keeps it.</summary>
    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawReason { get; private set; }

    public void Withdraw(string by, string? reason, DateTime now) =>
        (WithdrawnAt, WithdrawnBy, WithdrawReason) = Withdrawal.Of(WithdrawnAt, "处置记录", by, reason, now);
}
