using Lianfang.Core.Schemes;

namespace Lianfang.Core.Register;

/// <summary>防控措施: what is done about a risk, of a kind and in a phase the scheme names.</summary>
public sealed record ControlMeasure(string Text, string? Kind = null, string? Phase = null, string? Owner = null, DateOnly? Due = null);

/// <summary>监督检查路径: 监督依据, 监督重点 and 监督方法.</summary>
public sealed record SupervisionPath(string? Basis = null, string? Focus = null, IReadOnlyList<string>? Methods = null);

/// <summary>相关责任人: 责任领导, 责任处室 and 责任人员.</summary>
public sealed record Responsible(string? Leader = null, string? Department = null, IReadOnlyList<string>? Persons = null);

/// <summary>The content of a risk point as written, validated against the list's scheme.</summary>
public sealed record RiskPointContent(
    string? CategoryCode, string? Description, string? Manifestation, string? LevelCode, string? ApprovedLevelCode,
    int? PostId, IReadOnlyList<string>? Sources, IReadOnlyList<ControlMeasure>? Measures, SupervisionPath? Supervision, Responsible? Responsible,
    int? PowerId = null, string? FlowStepKey = null, int? Likelihood = null, int? Harm = null, bool? ElementsChecked = null);

/// <summary>廉政风险点.</summary>
public sealed class RiskPoint : IVersioned
{
    private RiskPoint() { CategoryCode = Description = LevelCode = SearchText = ""; }

    public RiskPoint(RiskList list, int seq, Scheme scheme, RiskPointContent content, long? originId = null)
    {
        List = list;
        ListId = list.Id;
        CampaignId = list.CampaignId;
        OrgUnitId = list.OrgUnitId;
        Seq = seq;
        OriginId = originId;
        CategoryCode = Description = LevelCode = SearchText = "";
        Apply(scheme, content);
    }

    public long Id { get; private set; }
    public int ListId { get; private set; }
    public RiskList List { get; private set; } = null!;
    // Copied from the list (which never moves) so the register filters without joins.
    public int CampaignId { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    public int Seq { get; private set; }
    public string CategoryCode { get; private set; }
    public string Description { get; private set; }
    /// <summary>表现形式.</summary>
    public string? Manifestation { get; private set; }
    /// <summary>自评 level.</summary>
    public string LevelCode { get; private set; }
    /// <summary>审定 level, once approved.</summary>
    public string? ApprovedLevelCode { get; private set; }
    public int? PostId { get; private set; }
    public Org.Post? Post { get; private set; }
    public List<string> Sources { get; private set; } = [];
    public List<ControlMeasure> Measures { get; private set; } = [];
    public SupervisionPath Supervision { get; private set; } = new();
    public Responsible Responsible { get; private set; } = new();
    /// <summary>The power (职权) this risk lies in, and the step of its flowchart where it is exercised.</summary>
    public int? PowerId { get; private set; }
    public string? FlowStepKey { get; private set; }
    /// <summary>The point of the previous campaign this one was carried forward from (动态排查).</summary>
    public long? OriginId { get; private set; }
    /// <summary>The personal 岗位自查 point a department's list gathered this one from (001: 对岗位自查内容进行汇总).</summary>
    public long? SourcePointId { get; private set; }
    /// <summary>004: the positions (1-based) on the scheme's likelihood and harm scales the level was derived from.</summary>
    public int? Likelihood { get; private set; }
    public int? Harm { get; private set; }
    /// <summary>000: the writer has weighed the point's 危害性、可描述性、可防范性 (RiskElements); part of what they sign.</summary>
    public bool ElementsChecked { get; private set; }
    /// <summary>分级监督: who supervises the point once approved (LevelSupervisor), e.g. "局主要领导 张茂彬"; not part of the signed content.</summary>
    public string? Supervisor { get; private set; }
    /// <summary>The supervisor when a person (else a body: the agency, the commission).</summary>
    public int? SupervisorPersonId { get; private set; }

    public void AssignSupervisor(string? supervisor, int? personId)
    {
        Supervisor = supervisor;
        SupervisorPersonId = personId;
    }

    /// <summary>A department's list gathers a post holder's self-checked point: the holder (岗位责任人) is among its 责任人员 and signs it.</summary>
    /// <param name="headName">the department's head (处室单位负责人), 责任领导 of a gathered row that names none</param>
    public static RiskPoint Gathered(RiskList list, int seq, Scheme scheme, RiskPoint source, string holderName, string? headName = null)
    {
        var content = source.ToContent();
        var persons = (content.Responsible?.Persons ?? []).ToList();
        if (holderName.Length > 0 && !persons.Contains(holderName)) persons.Insert(0, holderName);
        var responsible = (content.Responsible ?? new Responsible()) with { Persons = persons };
        if (string.IsNullOrWhiteSpace(responsible.Leader) && headName is { Length: > 0 }) responsible = responsible with { Leader = headName };
        content = content with { Responsible = responsible };
        return new RiskPoint(list, seq, scheme, content) { SourcePointId = source.Id };
    }
    /// <summary>Description, manifestation and measures in one column, for Chinese substring search.</summary>
    public string SearchText { get; private set; }
    // What the 汇总表 adds up, kept with the point so the province's table is counted in the database.
    public int MeasureCount { get; private set; }
    public int SupervisionMethodCount { get; private set; }
    public int Version { get; set; }

    /// <summary>The level that counts: the approved one once set, else the self-assessed one.</summary>
    public string EffectiveLevelCode => ApprovedLevelCode ?? LevelCode;

    /// <summary>The content to carry into next year's list: the level that counted, to be approved again.</summary>
    public RiskPointContent ToContent() => new(CategoryCode, Description, Manifestation, EffectiveLevelCode, null, PostId,
        Sources, Measures, Supervision, Responsible, PowerId, FlowStepKey,
        // the matrix position stands only while the level is the one it gives (a 审定 may differ)
        ApprovedLevelCode is null ? Likelihood : null, ApprovedLevelCode is null ? Harm : null, ElementsChecked);

    /// <summary>
    /// 审定: the reviewing body a scheme names sets the approved level while the list waits at its stage. A level other
    /// than the self-assessed one needs a reason. Returns the change, or null when the level stays what it was.
    /// </summary>
    public Review.ContentChange? SetApprovedLevel(Scheme scheme, string? levelCode, string? reason, string field = "levels")
    {
        if (List.Status != ListStatus.InReview) throw DomainException.Conflict("status", "只有审核中的清单可以审定风险等级");
        var level = scheme.Level(levelCode) ?? scheme.FindLevel(levelCode);
        if (level is null || level.Code == Scheme.UnratedCode)
            throw new DomainException($"{field}.levelCode", $"第 {Seq} 条：审定等级“{levelCode}”不属于方案“{scheme.Name}”，" +
                $"可选：{string.Join("、", scheme.Levels.Select(x => $"{x.Code}（{x.Name}）"))}");
        var why = Text.Optional(reason, $"{field}.reason", "审定理由", 500);
        var before = EffectiveLevelCode;
        if (level.Code == before) return null;
        if (level.Code != LevelCode && why is null)
            throw new DomainException($"{field}.reason", $"第 {Seq} 条：审定等级“{level.Name}”与自评“{scheme.Level(LevelCode)?.Name ?? LevelCode}”不同，请写明理由");
        ApprovedLevelCode = level.Code == LevelCode ? null : level.Code;
        return new Review.ContentChange(Id, Seq, "审定等级", scheme.Level(before)?.Name ?? before, level.Name, why);
    }

    /// <summary>
    /// A reviewing body that may revise (001's 政治处 after 帮查) rewrites a point's measures in its signed approval, with
    /// a reason. Returns the change, or null when the measures stay as they were.
    /// </summary>
    public Review.ContentChange? ReviseMeasures(IReadOnlyList<string>? measures, string? reason, string field = "revisions")
    {
        if (List.Status != ListStatus.InReview) throw DomainException.Conflict("status", "只有审核中的清单可以在审核中修订");
        var texts = (measures ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
        if (texts.Count == 0) throw new DomainException($"{field}.measures", $"第 {Seq} 条：修订后的防控措施不能为空");
        var revised = texts.Select((t, i) => Measures.ElementAtOrDefault(i) is { } old ? old with { Text = Text.Required(t, $"{field}.measures", "防控措施", 2000) }
            : new ControlMeasure(Text.Required(t, $"{field}.measures", "防控措施", 2000))).ToList();
        if (revised.Select(m => m.Text).SequenceEqual(Measures.Select(m => m.Text))) return null;
        var why = Text.Optional(reason, $"{field}.reason", "修订理由", 500) ?? throw new DomainException($"{field}.reason", $"第 {Seq} 条：请写明修订理由（如依据的帮查、助查意见）");
        var before = string.Join("；", Measures.Select(m => m.Text));
        Measures = revised;
        Reindex();
        return new Review.ContentChange(Id, Seq, "防控措施", before, string.Join("；", Measures.Select(m => m.Text)), why);
    }

    public void Update(Scheme scheme, RiskPointContent content)
    {
        List.EnsureEditable();
        Apply(scheme, content);
    }

    /// <summary>004: the level the scheme's likelihood × harm matrix gives (positions 1-based), or null when none was given.</summary>
    private static RiskLevelDef? Derive(Scheme scheme, int? likelihood, int? harm)
    {
        if (likelihood is null && harm is null) return null;
        var m = scheme.Matrix ?? throw new DomainException("likelihood", $"方案“{scheme.Name}”不按可能性和危害程度定级，请直接选择风险等级");
        if (likelihood is not { } l || l < 1 || l > m.Likelihoods.Count)
            throw new DomainException("likelihood", $"可能性应为 1–{m.Likelihoods.Count}：{string.Join("；", m.Likelihoods.Select((x, i) => $"{i + 1} {x}"))}");
        if (harm is not { } h || h < 1 || h > m.Harms.Count)
            throw new DomainException("harm", $"危害程度应为 1–{m.Harms.Count}：{string.Join("；", m.Harms.Select((x, i) => $"{i + 1} {x}"))}");
        return scheme.Level(m.Derive(l - 1, h - 1));
    }

    private void Apply(Scheme scheme, RiskPointContent c)
    {
        // users read names, not codes: an empty choice asks for one, an unknown one lists what the scheme offers by name
        if (string.IsNullOrWhiteSpace(c.CategoryCode)) throw new DomainException("categoryCode", "请选择风险类别");
        var category = scheme.Category(c.CategoryCode) ?? scheme.FindCategory(c.CategoryCode)
            ?? throw new DomainException("categoryCode",
                $"风险类别“{c.CategoryCode}”不属于方案“{scheme.Name}”，可选：{string.Join("、", scheme.Categories.Select(x => x.Name))}");
        var derived = Derive(scheme, c.Likelihood, c.Harm);
        if (string.IsNullOrWhiteSpace(c.LevelCode) && derived is null) throw new DomainException("levelCode", "请选择风险等级");
        var level = (string.IsNullOrWhiteSpace(c.LevelCode) && derived is not null ? derived : scheme.Level(c.LevelCode) ?? scheme.FindLevel(c.LevelCode))
            ?? throw new DomainException("levelCode", $"风险等级“{c.LevelCode}”不属于方案“{scheme.Name}”，可选：{string.Join("、", scheme.Levels.Select(x => x.Name))}");
        if (derived is not null && level.Code != derived.Code)
            throw new DomainException("levelCode",
                $"按可能性“{scheme.Matrix!.Likelihoods[c.Likelihood!.Value - 1]}”、危害程度“{scheme.Matrix.Harms[c.Harm!.Value - 1]}”，" +
                $"风险等级应为“{derived.Name}”，不是“{level.Name}”");
        var kind = scheme.ListKind(List.Scope);
        if (kind.Categories.Count > 0 && category.Code != Scheme.UnclassifiedCode && !kind.Categories.Contains(category.Code))
            throw new DomainException("categoryCode", $"{kind.Name}只查找{string.Join("、", kind.Categories.Select(c => scheme.Category(c)?.Name ?? c))}，" +
                $"“{category.Name}”不属于本清单");
        // 审定 belongs to the reviewing body (SetApprovedLevel), never to whoever writes the list.
        if (!string.IsNullOrWhiteSpace(c.ApprovedLevelCode))
            throw new DomainException("approvedLevelCode", "审定等级由方案指定的审定环节在审核时确定，填写人不能填写");
        var measures = (c.Measures ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Text)).Select((m, i) =>
        {
            if (m.Kind is { Length: > 0 } k && scheme.MeasureKinds.Count > 0 && !scheme.MeasureKinds.Contains(k))
                throw new DomainException($"measures[{i}].kind", $"措施类型“{k}”不在方案中，可选：{string.Join("、", scheme.MeasureKinds)}");
            if (m.Phase is { Length: > 0 } p && scheme.MeasurePhases.Count > 0 && !scheme.MeasurePhases.Contains(p))
                throw new DomainException($"measures[{i}].phase", $"措施阶段“{p}”不在方案中，可选：{string.Join("、", scheme.MeasurePhases)}");
            return m with { Text = Text.Required(m.Text, $"measures[{i}].text", "防控措施", 2000), Kind = NullIfEmpty(m.Kind), Phase = NullIfEmpty(m.Phase) };
        }).ToList();
        var sources = (c.Sources ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        foreach (var s in sources.Where(s => scheme.ScreeningSources.Count > 0 && !scheme.ScreeningSources.Contains(s)))
            throw new DomainException("sources", $"排查方式“{s}”不在方案中，可选：{string.Join("、", scheme.ScreeningSources)}");

        CategoryCode = category.Code;
        Likelihood = derived is null ? null : c.Likelihood;
        ElementsChecked = c.ElementsChecked ?? false;
        Harm = derived is null ? null : c.Harm;
        Description = Text.Required(c.Description, "description", "风险点描述", 2000);
        Manifestation = Text.Optional(c.Manifestation, "manifestation", "表现形式", 2000);
        LevelCode = level.Code;
        ApprovedLevelCode = null; // a rewritten point is rated again by the 审定 body
        PostId = c.PostId ?? List.PostId;
        Sources = sources;
        Measures = measures;
        Supervision = new SupervisionPath(
            Text.Optional(c.Supervision?.Basis, "supervision.basis", "监督依据", 2000),
            Text.Optional(c.Supervision?.Focus, "supervision.focus", "监督重点", 2000),
            (c.Supervision?.Methods ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct().ToList());
        Responsible = new Responsible(
            Text.Optional(c.Responsible?.Leader, "responsible.leader", "责任领导", 100),
            Text.Optional(c.Responsible?.Department, "responsible.department", "责任处室", 100),
            (c.Responsible?.Persons ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList());
        if (c.FlowStepKey is { Length: > 0 } && c.PowerId is null) throw new DomainException("flowStepKey", "指定流程环节时须同时指定所属职权");
        PowerId = c.PowerId;
        FlowStepKey = string.IsNullOrWhiteSpace(c.FlowStepKey) ? null : c.FlowStepKey.Trim();
        Reindex();
    }

    /// <summary>What search and the 汇总表 read from the point, after its text changed.</summary>
    private void Reindex()
    {
        SearchText = string.Join('\n', new[] { Description, Manifestation }.Concat(Measures.Select(m => m.Text)).Where(s => !string.IsNullOrEmpty(s)));
        Tally();
    }

    /// <summary>Counts measures and supervision methods for the 汇总表.</summary>
    public void Tally()
    {
        MeasureCount = Measures.Count;
        SupervisionMethodCount = Supervision.Methods?.Count ?? 0;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
