namespace Lianfang.Core.Supervision;

/// <summary>A warning rule that fired: what, about which target, and who must act. The same (rule, target) firing again is the same warning.</summary>
public sealed record Fired(string Rule, string TargetType, long TargetId, int OrgUnitId, string Message, string Assignee);

public sealed record RectificationFact(long Id, int OrgUnitId, string Task, string Owner, DateOnly Deadline, RectificationStatus Status);
public sealed record LeaderPointFact(long PointId, int OrgUnitId, string Point, string Leader, int InspectionsThisYear, int PerYear);
public sealed record ImportantPointFact(long PointId, int OrgUnitId, string Point, string Level, bool HasProject);
public sealed record OpenListFact(int ListId, int OrgUnitId, string Title, DateOnly Deadline, string WhoActs, string? Campaign = null);
public sealed record ComplaintFact(
    long Id, int OrgUnitId, long? PointId, string? Point, int? PersonId, string? Person, DateTime ReceivedAt, int Count, int Days);
public sealed record PostRatingFact(int PostId, int OrgUnitId, string Post, DateOnly LastRated, int Years);
public sealed record PowerFact(int PowerId, int OrgUnitId, string Power, int RiskPoints, IReadOnlyList<string> TopStepsWithoutSupervision);
/// <summary>A unit under a scheme with a periodic duty: whether it was done for the period (a campaign completed, an assessment, a spot check).</summary>
/// <param name="Pending">what is still to do when the rule counts parts (002: posts not yet evaluated)</param>
public sealed record PeriodFact(int OrgUnitId, string Unit, string Scheme, int Year, int Period, bool Done, int Pending = 0);
public sealed record UnpublishedFact(int ListId, int OrgUnitId, string Title, DateOnly ApprovedOn);
/// <summary>A cadre the ResponsibilityLetters rule covers, and whether this year's 责任书 is signed.</summary>
public sealed record LetterFact(int PersonId, int OrgUnitId, string Person, string Post, string Unit, int Year, DateOnly Deadline, bool Signed);
public sealed record TalkFact(int PersonId, int OrgUnitId, string Person, string Unit, int Year, bool Talked);
public sealed record FollowUpFact(long AssessmentId, int OrgUnitId, string Unit, int Year, DateOnly Assessed, bool FollowedUp, int Days);
public sealed record SupervisedPointFact(long PointId, int OrgUnitId, string Point, string Supervisor, int Year, bool Supervised);
public sealed record PostChangeFact(int PersonId, int OrgUnitId, string Person, string Post, DateTime ChangedAt, DateTime? LastApprovedAt);

/// <summary>
/// The warning (预警) rules of DESIGN.md §4 as pure functions of facts and a date, so every rule is tested with a fake clock.
/// A rule that no longer fires for a target means its warning has cleared.
/// </summary>
public static class WarningRules
{
    public const string RectificationOverdue = "rectification-overdue";
    public const string RectificationDueSoon = "rectification-due-soon";
    public const string LeaderInspectionsShort = "leader-inspections-short";
    public const string ImportantWithoutProject = "important-without-project";
    public const string ListNotSubmitted = "list-not-submitted";
    public const string ComplaintsConcentrated = "complaints-concentrated";
    public const string KeyPostNotRerated = "key-post-not-rerated";
    public const string PostChangeUnreviewed = "post-change-unreviewed";
    public const string PowerWithoutRiskPoint = "power-without-risk-point";
    public const string StepWithoutSupervision = "step-without-supervision";
    public const string RescreeningDue = "rescreening-due";
    public const string RevisionDue = "revision-due";
    public const string SelfAssessmentDue = "self-assessment-due";
    public const string SpotCheckDue = "spot-check-due";
    public const string AssessmentDue = "assessment-due";
    public const string NotPublished = "not-published";
    public const string PointUnsupervised = "point-unsupervised";
    public const string IntegrityTalkDue = "integrity-talk-due";
    public const string FollowUpDue = "follow-up-due";
    public const string LetterDue = "letter-due";

    public static string Label(string rule) => rule switch
    {
        RectificationOverdue => "整改逾期", RectificationDueSoon => "整改即将到期", LeaderInspectionsShort => "一岗双责检查次数不足",
        ImportantWithoutProject => "重要风险点未立项监督", ListNotSubmitted => "清单未按期提交", ComplaintsConcentrated => "信访反映较为集中",
        KeyPostNotRerated => "重点岗位超期未重新评定", PostChangeUnreviewed => "岗位变动后风险点待复核",
        PowerWithoutRiskPoint => "职权事项未查找风险点", StepWithoutSupervision => "高等级风险环节缺少监督方式",
        RescreeningDue => "年度动态排查未按期完成", RevisionDue => "年度排查修正未开展", SelfAssessmentDue => "季度自查未报送",
        SpotCheckDue => "半年抽查未开展", AssessmentDue => "年度考核未开展", NotPublished => "审定清单尚未公示", PointUnsupervised => "分级监督未落实",
        IntegrityTalkDue => "年度廉政谈话未开展", FollowUpDue => "整改单位未跟踪回访", LetterDue => "党风廉政建设责任书未签订", _ => rule,
    };

    public static IEnumerable<Fired> Rectifications(IEnumerable<RectificationFact> facts, DateOnly today, int dueSoonDays)
    {
        foreach (var r in facts.Where(r => r.Status == RectificationStatus.Open))
        {
            var left = r.Deadline.DayNumber - today.DayNumber;
            if (left < 0)
                yield return new(RectificationOverdue, "Rectification", r.Id, r.OrgUnitId, $"“{r.Task}”已超过整改期限 {-left} 天（期限 {r.Deadline:yyyy-MM-dd}）", r.Owner);
            else if (left <= dueSoonDays)
                yield return new(RectificationDueSoon, "Rectification", r.Id, r.OrgUnitId, $"“{r.Task}”距整改期限还有 {left} 天（{r.Deadline:yyyy-MM-dd}）", r.Owner);
        }
    }

    /// <summary>How many inspections a year the scheme's LeaderInspections rule asks of a leader (2 unless it says); 0 without the rule.</summary>
    public static int LeaderInspectionsPerYear(Schemes.Scheme? scheme) =>
        scheme is not null && Schemes.RuleKinds.Has(scheme, Schemes.RuleKinds.LeaderInspections)
            ? Schemes.RuleKinds.RuleInt(scheme, Schemes.RuleKinds.LeaderInspections, "perYear", 2)
            : 0;

    /// <summary>
    /// Of perYear inspections in <paramref name="year"/>, how many are due by <paramref name="today"/>: the share of the
    /// year gone by (with 2 a year: one by mid-year, two by year end), all of them once the year is over. The warning and
    /// the scorecard both count by it.
    /// </summary>
    public static int InspectionsDue(int perYear, int year, DateOnly today) =>
        year < today.Year ? perYear : year > today.Year ? 0 : (int)Math.Floor((double)perYear * today.DayOfYear / (DateTime.IsLeapYear(year) ? 366 : 365));

    /// <summary>
    /// 一岗双责: a responsible leader inspects each point in their charge perYear times a year. Short means fewer than the
    /// share of the year gone by asks for (with 2 a year: one by mid-year, two by year end).
    /// </summary>
    public static IEnumerable<Fired> LeaderInspections(IEnumerable<LeaderPointFact> facts, DateOnly today)
    {
        foreach (var f in facts)
        {
            var due = InspectionsDue(f.PerYear, today.Year, today);
            if (f.InspectionsThisYear < due)
                yield return new(LeaderInspectionsShort, "RiskPoint", f.PointId, f.OrgUnitId,
                    $"{f.Leader}对“{f.Point}”今年已检查 {f.InspectionsThisYear} 次，按每年不少于 {f.PerYear} 次，到今天应至少 {due} 次", f.Leader);
        }
    }

    public static IEnumerable<Fired> ImportantPoints(IEnumerable<ImportantPointFact> facts) =>
        facts.Where(f => !f.HasProject).Select(f => new Fired(ImportantWithoutProject, "RiskPoint", f.PointId, f.OrgUnitId,
            $"{f.Level}风险点“{f.Point}”今年尚未开展立项监督", "派驻纪检监察机构 / 本单位党办"));

    public static IEnumerable<Fired> OpenLists(IEnumerable<OpenListFact> facts, DateOnly today, int nearDays)
    {
        foreach (var l in facts)
        {
            var left = l.Deadline.DayNumber - today.DayNumber;
            if (left <= nearDays)
                yield return new(ListNotSubmitted, "RiskList", l.ListId, l.OrgUnitId,
                    (l.Campaign is null ? "" : $"【{l.Campaign}】")
                    + (left < 0 ? $"{l.Title}已过排查截止日期 {-left} 天仍未提交" : $"{l.Title}距排查截止还有 {left} 天，尚未提交"),
                    l.WhoActs);
        }
    }

    /// <summary>信访反映较为集中: at least Count complaints on one point or one person within the last Days days.</summary>
    public static IEnumerable<Fired> Complaints(IEnumerable<ComplaintFact> facts, DateTime now)
    {
        var recent = facts.Where(c => c.ReceivedAt >= now.AddDays(-c.Days)).ToList();
        foreach (var g in recent.Where(c => c.PointId is not null).GroupBy(c => c.PointId!.Value))
            if (g.Count() >= g.First().Count)
                yield return new(ComplaintsConcentrated, "RiskPoint", g.Key, g.First().OrgUnitId,
                    $"风险点“{g.First().Point}”近 {g.First().Days} 天收到 {g.Count()} 件信访反映", "本单位党办 / 派驻纪检监察机构");
        foreach (var g in recent.Where(c => c.PersonId is not null).GroupBy(c => c.PersonId!.Value))
            if (g.Count() >= g.First().Count)
                yield return new(ComplaintsConcentrated, "Person", g.Key, g.First().OrgUnitId,
                    $"{g.First().Person}近 {g.First().Days} 天被反映 {g.Count()} 次", "派驻纪检监察机构");
    }

    /// <summary>
    /// 000/001 AnnualRescreening: each year's 动态排查 is completed by the end of the quarter the rule names (the first year by
    /// its own deadline). Fires a month before the deadline while not done, and as overdue after it. Period is the quarter.
    /// </summary>
    public static IEnumerable<Fired> Rescreening(IEnumerable<PeriodFact> facts, DateOnly today, DateOnly? firstDeadline = null)
    {
        foreach (var f in facts.Where(f => !f.Done && f.Year == today.Year))
        {
            var deadline = firstDeadline is { } first && first.Year == f.Year ? first : new DateOnly(f.Year, f.Period * 3, 1).AddMonths(1).AddDays(-1);
            if (today < deadline.AddMonths(-1)) continue;
            yield return new(RescreeningDue, "OrgUnit", f.OrgUnitId, f.OrgUnitId, today > deadline
                ? $"{f.Unit}{f.Year}年度动态排查应于 {deadline:yyyy-MM-dd} 前完成（{f.Scheme}），已逾期 {today.DayNumber - deadline.DayNumber} 天"
                : $"{f.Unit}{f.Year}年度动态排查应于 {deadline:yyyy-MM-dd} 前完成（{f.Scheme}），尚未完成", "本单位党办");
        }
    }

    /// <summary>002 AnnualRevision: a unit that ran the regime opens the year's 排查修正 before the year ends (fires from December).</summary>
    public static IEnumerable<Fired> Revision(IEnumerable<PeriodFact> facts, DateOnly today) =>
        facts.Where(f => !f.Done && f.Year == today.Year && today.Month == 12).Select(f => new Fired(RevisionDue, "OrgUnit", f.OrgUnitId, f.OrgUnitId,
            $"{f.Unit}{f.Year}年度尚未开展廉政风险排查修正（{f.Scheme}：以年度为周期修正完善）", "本单位党办"));

    /// <summary>003 QuarterlySelfAssessment: each quarter's 自查 is reported once the quarter has ended (Period is the quarter).</summary>
    public static IEnumerable<Fired> SelfAssessments(IEnumerable<PeriodFact> facts) =>
        facts.Where(f => !f.Done).Select(f => new Fired(SelfAssessmentDue, "OrgUnit", f.OrgUnitId, f.OrgUnitId,
            $"{f.Unit}{f.Year}年第{f.Period}季度廉政风险防范管理自查尚未报送领导小组办公室（{f.Scheme}）", $"{f.Unit}负责人"));

    /// <summary>003 HalfYearSpotCheck: the leading group spot-checks each unit's departments every half year (Period 1 or 2).</summary>
    public static IEnumerable<Fired> SpotChecks(IEnumerable<PeriodFact> facts) =>
        facts.Where(f => !f.Done).Select(f => new Fired(SpotCheckDue, "OrgUnit", f.OrgUnitId, f.OrgUnitId,
            $"{f.Unit}{f.Year}年{(f.Period == 1 ? "上" : "下")}半年未开展廉政风险防范抽查（{f.Scheme}：领导小组每半年抽查一次）", "领导小组办公室"));

    /// <summary>002 AnnualAssessment: each year that ran the regime ends with its 年度考核 (the year's, due from December; a past year's, overdue).</summary>
    public static IEnumerable<Fired> Assessments(IEnumerable<PeriodFact> facts, DateOnly today) =>
        facts.Where(f => !f.Done && (f.Year < today.Year || today.Month == 12)).Select(f => new Fired(AssessmentDue, "OrgUnit", f.OrgUnitId, f.OrgUnitId,
            f.Pending > 0 ? $"{f.Unit}{f.Year}年还有 {f.Pending} 个岗位{(f.Year < today.Year ? "未进行" : "尚未进行")}年终综合评价（{f.Scheme}：评价结果与绩效考核挂钩）"
                : $"{f.Unit}{f.Year}年度廉政风险防范管理工作{(f.Year < today.Year ? "未进行" : "尚未进行")}年度综合评价（{f.Scheme}）", "领导小组办公室"));

    /// <summary>Publication: an approved list is published (公示) — until it is, the party office is reminded.</summary>
    public static IEnumerable<Fired> Unpublished(IEnumerable<UnpublishedFact> facts) =>
        facts.Select(f => new Fired(NotPublished, "RiskList", f.ListId, f.OrgUnitId, $"{f.Title}已于 {f.ApprovedOn:yyyy-MM-dd} 审定，尚未公示", "本单位党办"));

    /// <summary>
    /// LevelSupervisor: each approved point is supervised by its supervisor within the year of its campaign — reminded from
    /// October, overdue once the year has passed.
    /// </summary>
    public static IEnumerable<Fired> Supervised(IEnumerable<SupervisedPointFact> facts, DateOnly today) =>
        facts.Where(f => !f.Supervised && (f.Year < today.Year || today.Month >= 10))
            .Select(f => new Fired(PointUnsupervised, "RiskPoint", f.PointId, f.OrgUnitId,
            f.Year < today.Year ? $"“{f.Point}”{f.Year}年度未经{f.Supervisor}监督检查（分级监督）" : $"“{f.Point}”今年尚未经{f.Supervisor}监督检查（分级监督，年底前须落实）",
            f.Supervisor));

    /// <summary>003 IntegrityTalks: each person has a 廉政谈话 each year — reminded from October, overdue once the year has passed.</summary>
    public static IEnumerable<Fired> Talks(IEnumerable<TalkFact> facts, DateOnly today) =>
        facts.Where(f => !f.Talked && (f.Year < today.Year || today.Month >= 10)).Select(f => new Fired(IntegrityTalkDue, "Person", f.PersonId, f.OrgUnitId,
            $"{f.Person}{f.Year}年度{(f.Year < today.Year ? "未" : "尚未")}进行廉政谈话（{f.Unit}主管领导每年与所管辖的党员干部谈话一次）", $"{f.Unit}主管领导"));

    /// <summary>003 ResponsibilityLetters: each covered cadre signs the year's 责任书 by the deadline; reminded before it, flagged after.</summary>
    public static IEnumerable<Fired> Letters(IEnumerable<LetterFact> facts, DateOnly today) =>
        facts.Where(f => !f.Signed).Select(f => new Fired(LetterDue, "Person", f.PersonId, f.OrgUnitId, today > f.Deadline
                ? $"{f.Person}（{f.Post}）{f.Year}年党风廉政建设责任书逾期未签订（应于 {f.Deadline:yyyy-MM-dd} 前签订）"
                : $"{f.Person}（{f.Post}）{f.Year}年党风廉政建设责任书尚未签订，请于 {f.Deadline:yyyy-MM-dd} 前签订", $"{f.Unit}党办"));

    /// <summary>003 AssessmentFollowUp: a unit graded 不及格 is visited again (跟踪回访) within the rule's days of its 整改通知.</summary>
    public static IEnumerable<Fired> FollowUps(IEnumerable<FollowUpFact> facts, DateOnly today) =>
        facts.Where(f => !f.FollowedUp && today.DayNumber - f.Assessed.DayNumber >= f.Days)
            .Select(f => new Fired(FollowUpDue, "Assessment", f.AssessmentId, f.OrgUnitId,
            $"{f.Unit}{f.Year}年度考核不及格，整改通知已下达 {today.DayNumber - f.Assessed.DayNumber} 天，尚未跟踪回访", "领导小组办公室"));

    /// <summary>002: 重点岗位廉政风险等级原则上三年一评定.</summary>
    public static IEnumerable<Fired> KeyPosts(IEnumerable<PostRatingFact> facts, DateOnly today) =>
        facts.Where(p => p.LastRated.AddYears(p.Years) < today).Select(p => new Fired(KeyPostNotRerated, "Post", p.PostId, p.OrgUnitId,
            $"重点岗位“{p.Post}”上次评定于 {p.LastRated:yyyy-MM-dd}，已超过 {p.Years} 年未重新评定风险等级", "本单位党办"));

    /// <summary>A new post or appointment: the person's risk points are to be reviewed again from the day of the change.</summary>
    public static IEnumerable<Fired> PostChanges(IEnumerable<PostChangeFact> facts) =>
        facts.Where(c => c.LastApprovedAt is null || c.LastApprovedAt < c.ChangedAt)
            .Select(c => new Fired(PostChangeUnreviewed, "Person", c.PersonId, c.OrgUnitId,
            $"{c.Person}于 {c.ChangedAt:yyyy-MM-dd} 调整为“{c.Post}”，其廉政风险点须重新排查审定", c.Person));

    /// <summary>003: every power has its risk points found; a step holding a top-level point names how it is supervised.</summary>
    public static IEnumerable<Fired> Powers(IEnumerable<PowerFact> facts)
    {
        foreach (var p in facts)
        {
            if (p.RiskPoints == 0)
                yield return new(PowerWithoutRiskPoint, "Power", p.PowerId, p.OrgUnitId, $"职权事项“{p.Power}”尚未查找廉政风险点", "本单位党办 / 承办处室");
            if (p.TopStepsWithoutSupervision.Count > 0)
                yield return new(StepWithoutSupervision, "Power", p.PowerId, p.OrgUnitId,
                    $"“{p.Power}”流程中的{string.Join("、", p.TopStepsWithoutSupervision.Select(s => $"“{s}”"))}有最高等级风险点，但未写明监督方式", "本单位党办 / 承办处室");
        }
    }
}
