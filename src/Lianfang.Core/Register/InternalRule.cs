namespace Lianfang.Core.Register;

/// <summary>新建立 or 修订: how a 制度 came about (003 附件9 counts each).</summary>
public enum RuleChange { New, Revised }

public sealed record InternalRuleFields(string? Name, RuleChange? Change, DateOnly? AdoptedOn, string? DocumentNumber, string? Remarks);

/// <summary>
/// 制度: a rule a unit or department set up or revised in a campaign, with the risk points it answers. The 汇总表's
/// 新建立制度 and 修订制度 count these records, not words in the measures.
/// </summary>
public sealed class InternalRule : IVersioned
{
    private InternalRule() { Name = ""; }

    public InternalRule(int campaignId, int orgUnitId, InternalRuleFields fields, DateOnly today)
    {
        CampaignId = campaignId;
        OrgUnitId = orgUnitId;
        Name = "";
        Update(fields, today);
    }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    /// <summary>制度名称, as issued (《…办法》).</summary>
    public string Name { get; private set; }
    public RuleChange Change { get; private set; }
    /// <summary>印发（修订）日期.</summary>
    public DateOnly AdoptedOn { get; private set; }
    /// <summary>文号, when it was issued as a document.</summary>
    public string? DocumentNumber { get; private set; }
    public string? Remarks { get; private set; }
    public List<InternalRulePoint> Points { get; private set; } = [];
    public int Version { get; set; }

    public void Update(InternalRuleFields f, DateOnly today)
    {
        Name = Text.Required(f.Name, "name", "制度名称", 200);
        Change = f.Change ?? throw new DomainException("change", "请选择新建立或修订");
        var on = f.AdoptedOn ?? throw new DomainException("adoptedOn", "请填写印发（修订）日期");
        // A date ahead of today is a plan, not a rule in force: the 汇总表 counts what exists.
        if (on > today) throw new DomainException("adoptedOn", $"印发（修订）日期不能晚于今天（{today:yyyy-MM-dd}）");
        AdoptedOn = on;
        DocumentNumber = Text.Optional(f.DocumentNumber, "documentNumber", "文号", 100);
        Remarks = Text.Optional(f.Remarks, "remarks", "备注", 1000);
    }

    /// <summary>Replaces the risk points the rule answers (the caller has checked they are the campaign's, in the unit's reach).</summary>
    public void SetPoints(IEnumerable<long> riskPointIds)
    {
        var ids = riskPointIds.Distinct().ToHashSet();
        Points.RemoveAll(p => !ids.Contains(p.RiskPointId));
        foreach (var id in ids.Where(id => Points.All(p => p.RiskPointId != id))) Points.Add(new InternalRulePoint(id));
    }

    public static string Label(RuleChange c) => c == RuleChange.New ? "新建立" : "修订";
}

/// <summary>A risk point a 制度 answers.</summary>
public sealed class InternalRulePoint
{
    private InternalRulePoint() { }

    public InternalRulePoint(long riskPointId) => RiskPointId = riskPointId;

    public int InternalRuleId { get; private set; }
    public long RiskPointId { get; private set; }
}
