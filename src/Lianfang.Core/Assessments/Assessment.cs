namespace Lianfang.Core.Assessments;

public enum AssessmentKind { Quarterly, Annual }

/// <summary>One standard of the assessment with its score, as the scheme states it (<see cref="Schemes.AssessmentDef"/>).</summary>
public sealed record AssessmentItem(string Criterion, int Max, int? Score = null, string? Gap = null, string? Note = null);

/// <summary>The post assessed (002 年终考核 of each post) and its holder at the time, whose 年终考评 the result goes into.</summary>
public sealed record AssessedPost(int PostId, string PostName, int? PersonId, string? PersonName);

/// <summary>
/// 考核 (003 四): each quarter a unit assesses itself against the standards with a gap analysis (差距分析) and reports it;
/// each year assessors score it and grade it 优秀/良好/及格/不及格; a 不及格 unit gets a written 整改通知. Under 002 the
/// 领导小组 evaluates each post at year end instead. The standards come from the scheme.
/// </summary>
public sealed class Assessment
{
    /// <summary>The scheme's standards scored one by one, in the scheme's order.</summary>
    public static List<AssessmentItem> ScoreItems(Schemes.AssessmentDef def, IReadOnlyList<(int? Score, string? Gap, string? Note)> inputs)
    {
        if (inputs.Count != def.Criteria.Count) throw new DomainException("items", $"请按 {def.Criteria.Count} 项考核标准逐项评分");
        return def.Criteria.Select((c, i) => new AssessmentItem(c.Text, c.Max, inputs[i].Score, inputs[i].Gap, inputs[i].Note)).ToList();
    }

    public static readonly string[] Grades = ["优秀", "良好", "及格", "不及格"];

    private Assessment() { Items = []; AssessedBy = ""; }

    /// <param name="grades">the 等次 the unit's scheme names (AssessmentGrades), best first, with the lowest share of the score each needs</param>
    /// <param name="post">under a scheme assessing posts, the post and its holder</param>
    public Assessment(int orgUnitId, int year, AssessmentKind kind, int? quarter, IReadOnlyList<AssessmentItem> items,
        string assessedBy, DateOnly today, DateTime now,
        IReadOnlyList<(string Grade, int MinPercent)>? grades = null, AssessedPost? post = null)
    {
        if (post is not null && kind != AssessmentKind.Annual) throw new DomainException("kind", "岗位只进行年终考核（综合评价）");
        if (year < 2000 || year > today.Year + 1) throw new DomainException("year", "考核年度不正确");
        if (kind == AssessmentKind.Quarterly && quarter is not (>= 1 and <= 4)) throw new DomainException("quarter", "季度自查须指明第几季度（1–4）");
        if (kind == AssessmentKind.Annual && quarter is not null) throw new DomainException("quarter", "年度考核不分季度");
        if (items.Count == 0) throw new DomainException("items", "请按考核标准逐项评分");
        for (var i = 0; i < items.Count; i++)
        {
            var it = items[i];
            if (it.Score is not { } s) throw new DomainException($"items[{i}].score", $"第 {i + 1} 项标准未评分");
            if (s < 0 || s > it.Max) throw new DomainException($"items[{i}].score", $"第 {i + 1} 项得分应在 0–{it.Max} 之间");
            if (kind == AssessmentKind.Quarterly && s < it.Max && string.IsNullOrWhiteSpace(it.Gap))
                throw new DomainException($"items[{i}].gap", $"第 {i + 1} 项未得满分，请写明差距分析");
        }
        OrgUnitId = orgUnitId;
        Year = year;
        Kind = kind;
        Quarter = quarter;
        Items = items.Select(i => i with { Gap = Text.Optional(i.Gap, "gap", "差距分析", 2000), Note = Text.Optional(i.Note, "note", "说明", 2000) }).ToList();
        Score = Items.Sum(i => i.Score!.Value);
        MaxScore = Items.Sum(i => i.Max);
        Grade = kind == AssessmentKind.Annual ? GradeOf(Score, MaxScore, grades) : null;
        AssessedBy = assessedBy;
        AssessedAt = now;
        PostId = post?.PostId;
        PostName = post?.PostName;
        PersonId = post?.PersonId;
        PersonName = post?.PersonName;
    }

    public long Id { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    public int Year { get; private set; }
    public AssessmentKind Kind { get; private set; }
    public int? Quarter { get; private set; }
    public List<AssessmentItem> Items { get; private set; }
    public int Score { get; private set; }
    public int MaxScore { get; private set; }
    /// <summary>The post evaluated (002), with its holder then; null when the unit itself is assessed.</summary>
    public int? PostId { get; private set; }
    public string? PostName { get; private set; }
    public int? PersonId { get; private set; }
    public string? PersonName { get; private set; }
    /// <summary>Only for the annual assessment.</summary>
    public string? Grade { get; private set; }
    public string AssessedBy { get; private set; }
    public DateTime AssessedAt { get; private set; }

    /// <summary>Set when a wrong assessment is withdrawn (to be recorded again); a withdrawn one counts nowhere.</summary>
    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawReason { get; private set; }

    public void Withdraw(string by, string? reason, DateTime now) =>
        (WithdrawnAt, WithdrawnBy, WithdrawReason) = Withdrawal.Of(WithdrawnAt, "考核记录", by, reason, now);

    /// <summary>A unit graded 不及格 gets a written 整改通知 (a post's evaluation goes into its holder's 年终考评 instead).</summary>
    public bool NeedsRectification => Grade == "不及格" && PostId is null;

    /// <summary>003's four grades with the shares the product sets (the seed names the 等次 but no figures): 90 %, 80 %, 60 %.</summary>
    public static readonly IReadOnlyList<(string Grade, int MinPercent)> DefaultGrades = [("优秀", 90), ("良好", 80), ("及格", 60), ("不及格", 0)];

    /// <summary>Reads a scheme's AssessmentGrades (grades "优秀,良好,…", optional thresholds "90,80,60,0"); four grades take the default shares.</summary>
    public static IReadOnlyList<(string Grade, int MinPercent)> GradesOf(IReadOnlyList<string> names, IReadOnlyList<string> thresholds)
    {
        if (names.Count == 0) return DefaultGrades;
        var mins = thresholds.Count == names.Count ? thresholds.Select(int.Parse).ToList()
            : names.Count == DefaultGrades.Count ? DefaultGrades.Select(g => g.MinPercent).ToList()
            : throw new DomainException("grades", $"考核等次“{string.Join("、", names)}”须同时规定各等次的最低得分率（thresholds）");
        return names.Zip(mins, (n, m) => (n, m)).ToList();
    }

    public static string GradeOf(int score, int max, IReadOnlyList<(string Grade, int MinPercent)>? grades = null)
    {
        var pct = max == 0 ? 0 : score * 100.0 / max;
        var g = grades ?? DefaultGrades;
        return g.FirstOrDefault(x => pct >= x.MinPercent).Grade ?? g[^1].Grade;
    }

    /// <summary>003: 对考核结果为“优秀”的单位给予表彰 — the commendation of a unit graded <paramref name="commendedGrade"/>.</summary>
    public string Commendation(string unitName, string commendedGrade)
    {
        if (Kind != AssessmentKind.Annual || Grade != commendedGrade)
            throw DomainException.Conflict("grade", $"只有年度考核结果为“{commendedGrade}”的单位给予表彰");
        return $"{unitName}：\n经考核，你单位{Year}年度廉政风险防范管理工作考核结果为“{Grade}”（{Score}/{MaxScore} 分），予以通报表彰。\n"
            + "希望你单位再接再厉，继续抓好廉政风险防范管理各项措施的落实。";
    }

    /// <summary>The written 整改通知 for a unit graded 不及格: the standards it fell short on, with what the assessors noted.</summary>
    public string RectificationNotice(string unitName)
    {
        if (!NeedsRectification) throw DomainException.Conflict("grade", "只有考核结果为“不及格”的单位下达整改通知");
        // what the assessors found short, in their words (差距分析, 说明), under each standard that lost points
        var shortfalls = Items.Where(i => i.Score < i.Max).Select((i, n) => $"{n + 1}. {i.Criterion}（得分 {i.Score}/{i.Max}）"
            + string.Concat(new[] { i.Gap is null ? null : $"差距：{i.Gap}", i.Note }.Where(x => x is not null).Select((x, k) => (k == 0 ? "：" : "；") + x)));
        return $"{unitName}：\n经考核，你单位{Year}年度廉政风险防范管理工作考核结果为“不及格”（{Score}/{MaxScore} 分）。主要差距如下：\n"
            + string.Join("\n", shortfalls)
            + "\n请你单位自收到本通知之日起制定整改措施、完善制度，于 30 日内将整改情况书面报送领导小组办公室，我们将跟踪回访。";
    }
}
