namespace Lianfang.Core.Schemes;

/// <summary>
/// The moments a rule acts at, as the scheme API reports them in each rule's <c>acts</c>: a point being saved, a list
/// being submitted, a named stage passing (<c>stage:CODE</c>), final approval, 公示, the warning sweep, or a supervision
/// record (inspection, disposition, assessment) being written. <c>scheme</c> means it constrains the scheme itself.
/// </summary>
public static class RuleMoment
{
    public const string Scheme = "scheme", Write = "write", Submit = "submit", Approval = "approval", Publish = "publish", Sweep = "sweep",
        Inspection = "inspection", Disposition = "disposition", Assessment = "assessment";

    public static string Stage(string code) => $"stage:{code}";

    /// <param name="scheme">names a stage by the scheme's own name for it</param>
    public static string Label(string moment, Scheme? scheme = null) => moment switch
    {
        Scheme => "保存方案时",
        Write => "填写风险点时",
        Submit => "提交清单时",
        Approval => "清单最终审定时",
        Publish => "公示时",
        Sweep => "预警巡检",
        Inspection => "登记监督检查时",
        Disposition => "登记四种形态处置时",
        Assessment => "考核时",
        _ when moment.StartsWith("stage:") =>
            $"“{scheme?.ListKinds.SelectMany(k => k.Stages).FirstOrDefault(st => st.Code == moment[6..])?.Name ?? moment[6..]}”环节通过前",
        _ => moment,
    };
}

/// <summary>A kind of rule the code knows: its name, what it does, where it acts for a scheme, and which parameters it takes.</summary>
public sealed record RuleKindDef(string Kind, string Name, string Effect, Func<Scheme, SchemeRule, IReadOnlyList<string>> Acts,
    IReadOnlyList<string> Parameters)
{
    public IReadOnlyList<string> ActsFor(Scheme scheme, SchemeRule rule) => Acts(scheme, rule);
}

/// <summary>
/// Every rule kind a scheme may state. A scheme naming a kind not listed here is refused when saved, so nothing is shown
/// as a rule in force that no code carries out; each kind's effect is implemented where its <see cref="RuleKindDef.Acts"/> says.
/// </summary>
public static class RuleKinds
{
    public const string RequiredItems = "RequiredItems", ResponsibleLeader = "ResponsibleLeader", HolderWritesOwnList = "HolderWritesOwnList",
        EveryStageSigned = "EveryStageSigned", RowSignatures = "RowSignatures", Filing = "Filing", FormFiling = "FormFiling",
        Publication = "Publication", LevelSupervisor = "LevelSupervisor", LeaderInspections = "LeaderInspections",
        ProjectSupervision = "ProjectSupervision", InspectionReport = "InspectionReport", DispositionToIntegrityFile = "DispositionToIntegrityFile",
        AnnualRescreening = "AnnualRescreening", AnnualRevision = "AnnualRevision", KeyPostRerate = "KeyPostRerate",
        QuarterlySelfAssessment = "QuarterlySelfAssessment", HalfYearSpotCheck = "HalfYearSpotCheck", AnnualAssessment = "AnnualAssessment",
        AssessmentGrades = "AssessmentGrades", IntegrityTalks = "IntegrityTalks", AssessmentFollowUp = "AssessmentFollowUp",
        RiskElements = "RiskElements", ResponsibilityLetters = "ResponsibilityLetters";

    private static IReadOnlyList<string> Only(params string[] moments) => moments;

    /// <summary>The stages of any list kind whose actor is one of <paramref name="actors"/>, as <c>stage:CODE</c>.</summary>
    private static IEnumerable<string> StagesOf(Scheme s, params StageActor[] actors) =>
        s.ListKinds.SelectMany(k => k.Stages).Where(st => actors.Contains(st.Actor)).Select(st => RuleMoment.Stage(st.Code)).Distinct();

    public static readonly IReadOnlyList<RuleKindDef> All =
    [
        new(RiskElements, "三要素研判", "填写风险点时确认已把握其危害性、可描述性、可防范性三个要素；未确认的风险点不能提交",
            (_, _) => Only(RuleMoment.Write, RuleMoment.Submit), []),
        new(RequiredItems, "五项内容齐全", "每个风险点须写明规定的各项内容才能提交；派驻机构审核时逐项确认",
            (s, _) => [RuleMoment.Submit, .. StagesOf(s, StageActor.Agency)], ["items"]),
        new(ResponsibleLeader, "明确责任领导", "提交时每个风险点须写明责任领导，且须为本单位在册人员（一岗双责按人统计）",
            (_, _) => Only(RuleMoment.Submit), []),
        new(HolderWritesOwnList, "不得代写", "个人清单只由本人填写，处室清单只由本处室负责人填写，他人（含党办）不得代写代填",
            (_, _) => Only(RuleMoment.Write, RuleMoment.Submit), []),
        new(EveryStageSigned, "逐级签字", "自查和审核环节都须电子签字；方案中不签字的审核环节不予保存",
            (_, _) => Only(RuleMoment.Scheme), []),
        new(RowSignatures, "逐条逐栏签字", "处室清单的每一条由其责任人员本人签字后才能提交",
            (_, _) => Only(RuleMoment.Submit), []),
        new(Filing, "重要风险点备案", "最终审定时，规定等级的风险点报纪委（监委）备案",
            (_, _) => Only(RuleMoment.Approval), ["levels"]),
        new(FormFiling, "登记表报送备案", "单位及班子成员的登记表在最终审定时、汇总表在本单位清单全部审定时报纪委备案",
            (_, _) => Only(RuleMoment.Approval), ["forms", "copies"]),
        new(Publication, "公示", "审定的清单由本单位党办或主要负责人公示；公示环节在公示期结束前不能办结；审定后未公示的预警提醒",
            (s, _) => [.. s.ListKinds.SelectMany(k => k.Stages).Where(st => st.Publicity).Select(st => RuleMoment.Stage(st.Code)).Distinct(),
                RuleMoment.Publish, RuleMoment.Sweep], ["deskCards", "days"]),
        new(LevelSupervisor, "分级监督", "审定后每个风险点按等级确定监督责任人，列入其一岗双责；年内未监督的预警",
            (_, _) => Only(RuleMoment.Approval, RuleMoment.Sweep), ["level1", "level2", "level3"]),
        new(LeaderInspections, "责任领导监督检查次数", "责任领导对分管风险点每年监督检查不少于规定次数，按时间进度预警",
            (_, _) => Only(RuleMoment.Sweep), ["perYear"]),
        new(ProjectSupervision, "立项监督", "规定等级的风险点当年须开展立项监督，未开展的预警",
            (_, _) => Only(RuleMoment.Sweep), ["levels"]),
        new(InspectionReport, "检查方案与报告", "对规定等级风险点的监督检查须先有检查方案，结束须有检查报告",
            (_, _) => Only(RuleMoment.Inspection), ["levels"]),
        new(DispositionToIntegrityFile, "处置结果纳入廉政档案", "四种形态处置结果登记时即记入本人廉政档案",
            (_, _) => Only(RuleMoment.Disposition), []),
        new(AnnualRescreening, "年度动态排查", "每年规定季度末前须完成动态排查，临近和逾期预警",
            (_, _) => Only(RuleMoment.Sweep), ["quarter", "firstDeadline"]),
        new(AnnualRevision, "年度修正", "每年须开展一次排查修正，年底前未开展的预警",
            (_, _) => Only(RuleMoment.Sweep), []),
        new(KeyPostRerate, "重点岗位定期评定", "重点岗位的风险等级超过规定年数未重新评定的预警",
            (_, _) => Only(RuleMoment.Sweep), ["years"]),
        new(QuarterlySelfAssessment, "季度自查", "各单位、各部门每季度自查并报领导小组办公室，季末未报的预警",
            (_, _) => Only(RuleMoment.Sweep, RuleMoment.Assessment), ["reportTo"]),
        new(HalfYearSpotCheck, "半年抽查", "领导小组每半年抽查一次各部门，半年末未抽查的预警",
            (_, _) => Only(RuleMoment.Sweep), ["months"]),
        new(AnnualAssessment, "年度考核", "每年对各单位（岗位）考核评价一次，年底未考核的预警",
            (_, _) => Only(RuleMoment.Sweep, RuleMoment.Assessment), ["perYear"]),
        new(AssessmentGrades, "考核等次", "考核结果只能评为规定的等次",
            (_, _) => Only(RuleMoment.Assessment), ["grades", "thresholds"]),
        new(IntegrityTalks, "年度廉政谈话", "主管领导每年与所管辖的党员干部进行一次廉政谈话并记录（个别谈话）；年内未谈的第四季度提醒，上一年未谈的预警",
            (_, _) => Only(RuleMoment.Sweep), []),
        new(ResponsibilityLetters, "签订党风廉政建设责任书", "每年与规定层面岗位的干部签订党风廉政建设责任书（党办登记，可导出责任书）；规定季度内提醒，逾期未签的预警",
            (_, _) => Only(RuleMoment.Sweep), ["quarter", "tiers"]),
        new(AssessmentFollowUp, "表彰与跟踪回访", "考核为规定的优秀等次的单位可出具表彰通报；不及格的下达整改通知，规定天数内未跟踪回访（监督检查）的预警",
            (_, _) => Only(RuleMoment.Assessment, RuleMoment.Sweep), ["commend", "rectify", "days"]),
    ];

    /// <summary>Who may be named as a level's supervisor (LevelSupervisor).</summary>
    public static readonly IReadOnlyList<StageActor> Supervisors =
        [StageActor.Holder, StageActor.DeptHead, StageActor.LeaderInCharge, StageActor.Principal, StageActor.Agency, StageActor.Commission];

    private static readonly Dictionary<string, RuleKindDef> ByKind = All.ToDictionary(k => k.Kind);

    public static RuleKindDef? Find(string? kind) => kind is null ? null : ByKind.GetValueOrDefault(kind);

    /// <summary>Where the scheme's rule acts (empty for a kind the code does not know).</summary>
    public static IReadOnlyList<string> Acts(Scheme scheme, SchemeRule rule) => Find(rule.Kind)?.ActsFor(scheme, rule) ?? [];

    public static bool Has(this Scheme scheme, string kind) => scheme.Rules.Any(r => r.Kind == kind);

    public static SchemeRule? Rule(this Scheme scheme, string kind) => scheme.Rules.FirstOrDefault(r => r.Kind == kind);

    /// <summary>A rule's list parameter ("important,major"), empty when the scheme has no such rule.</summary>
    public static IReadOnlyList<string> RuleList(this Scheme scheme, string kind, string parameter) =>
        (scheme.Rule(kind)?.Parameters.GetValueOrDefault(parameter) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static int RuleInt(this Scheme scheme, string kind, string parameter, int fallback) =>
        int.TryParse(scheme.Rule(kind)?.Parameters.GetValueOrDefault(parameter), out var v) ? v : fallback;

    /// <summary>Refuses a rule the code does not carry out, or one whose parameters it cannot read.</summary>
    public static void Validate(Scheme s)
    {
        foreach (var (r, i) in s.Rules.Select((r, i) => (r, i)))
        {
            var kind = Find(r.Kind) ?? throw new DomainException($"rules[{i}].kind",
                $"规则类型“{r.Kind}”系统无法执行；可用的规则类型：{string.Join("、", All.Select(k => $"{k.Kind}（{k.Name}）"))}");
            if (s.Rules.Count(x => x.Kind == r.Kind) > 1) throw new DomainException($"rules[{i}].kind", $"规则“{kind.Name}”重复");
            if (r.Kind != LevelSupervisor && r.Parameters.Keys.FirstOrDefault(p => !kind.Parameters.Contains(p)) is { } unknown)
                throw new DomainException($"rules[{i}].parameters",
                    $"规则“{kind.Name}”没有参数“{unknown}”" + (kind.Parameters.Count > 0 ? $"（可用：{string.Join("、", kind.Parameters)}）" : ""));
            foreach (var p in new[] { "levels" }.Where(r.Parameters.ContainsKey))
                if (s.RuleList(r.Kind, p).FirstOrDefault(l => s.Level(l) is null) is { } bad)
                    throw new DomainException($"rules[{i}].parameters.{p}", $"规则“{kind.Name}”引用了不存在的风险等级“{bad}”");
            foreach (var p in new[] { "perYear", "years", "quarter", "months", "copies", "days" }.Where(r.Parameters.ContainsKey))
                if (!int.TryParse(r.Parameters[p], out var n) || n < 1 || (p == "quarter" && n > 4))
                    throw new DomainException($"rules[{i}].parameters.{p}", $"规则“{kind.Name}”的参数“{p}”应为正整数" + (p == "quarter" ? "（1–4）" : ""));
            if (r.Kind == LevelSupervisor)
                foreach (var (p, v) in r.Parameters)
                    if (s.Level(p) is null)
                        throw new DomainException($"rules[{i}].parameters.{p}", $"分级监督引用了不存在的风险等级“{p}”");
                    else if (!Supervisors.Contains(Enum.TryParse<StageActor>(v, out var actor) ? actor : StageActor.Oversight))
                        throw new DomainException($"rules[{i}].parameters.{p}", $"分级监督的监督人“{v}”不是可用的角色（如 Principal、LeaderInCharge、DeptHead、Holder、Agency）");
            if (r.Kind == AssessmentGrades)
            {
                var names = s.RuleList(r.Kind, "grades");
                var mins = s.RuleList(r.Kind, "thresholds");
                if (mins.Count > 0 && (mins.Count != names.Count || mins.Any(m => !int.TryParse(m, out var v) || v is < 0 or > 100)))
                    throw new DomainException($"rules[{i}].parameters.thresholds", "考核等次的最低得分率（thresholds）应与等次一一对应，为 0–100 的整数");
                if (mins.Count == 0 && names.Count is not (0 or 4))
                    throw new DomainException($"rules[{i}].parameters.thresholds", $"考核等次“{string.Join("、", names)}”须同时规定各等次的最低得分率（thresholds）");
            }
            if (r.Kind == ResponsibilityLetters && s.RuleList(r.Kind, "tiers").FirstOrDefault(t => !Enum.TryParse<Org.PostTier>(t, out _)) is { } tier)
                throw new DomainException($"rules[{i}].parameters.tiers", $"岗位层面“{tier}”不存在（可用：Leader 领导岗位、Middle 中层岗位、Other 其他岗位）");
            if (r.Kind == RequiredItems && s.RuleList(r.Kind, "items").FirstOrDefault(x => !FiveItems.Names.ContainsKey(x)) is { } item)
                throw new DomainException($"rules[{i}].parameters.items", $"五项内容中没有“{item}”（可用：{string.Join("、", FiveItems.Names.Keys)}）");
            // 公示 is not a 自查 or 审核: it alone may go unsigned.
            if (r.Kind == EveryStageSigned && s.ListKinds.SelectMany(k => k.Stages).FirstOrDefault(st => !st.Signed && !st.Publicity) is { } unsigned)
                throw new DomainException("listKinds", $"方案规定“所有自查或审核的材料必须签字”（逐级签字），审核环节“{unsigned.Name}”必须签字");
        }
    }
}

/// <summary>000's five items of a risk point (廉洁风险点、防控措施、监督检查路径、风险等级、相关责任人).</summary>
public static class FiveItems
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["description"] = "廉洁风险点", ["measures"] = "防控措施", ["supervision"] = "监督检查路径", ["level"] = "风险等级", ["responsible"] = "相关责任人",
    };
}
