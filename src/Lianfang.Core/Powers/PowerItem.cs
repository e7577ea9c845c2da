namespace Lianfang.Core.Powers;

/// <summary>The eight power categories of 003 附件1, plus internal powers over people, money and assets.</summary>
public enum PowerCategory { Licensing, Penalty, Levy, Enforcement, Benefit, Adjudication, Confirmation, Other, Internal }

/// <summary>公开范围: who may see the item (and its flowchart).</summary>
public enum DisclosureScope { Public, Internal, None }

/// <summary>职权目录 / 权力事项: one power a unit exercises, with the fields of 003 附件2 and its 权力运行流程图.</summary>
public sealed class PowerItem : IVersioned
{
    private PowerItem() { Name = ""; }

    public PowerItem(int orgUnitId, PowerFields fields)
    {
        OrgUnitId = orgUnitId;
        Name = "";
        Update(fields);
    }

    public int Id { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    public PowerCategory Category { get; private set; }
    /// <summary>项目名称.</summary>
    public string Name { get; private set; }
    /// <summary>实施主体.</summary>
    public string? Subject { get; private set; }
    /// <summary>实施依据.</summary>
    public string? Basis { get; private set; }
    /// <summary>公开形式.</summary>
    public string? DisclosureForm { get; private set; }
    /// <summary>公开范围.</summary>
    public DisclosureScope DisclosureScope { get; private set; }
    /// <summary>公开时间.</summary>
    public string? DisclosureTime { get; private set; }
    /// <summary>收费(征收)依据和标准.</summary>
    public string? Fees { get; private set; }
    /// <summary>承办机构.</summary>
    public string? Handler { get; private set; }
    /// <summary>备注.</summary>
    public string? Remarks { get; private set; }
    public PowerFlow Flow { get; private set; } = PowerFlow.Empty;
    public int Version { get; set; }

    public void Update(PowerFields f)
    {
        Category = f.Category ?? throw new DomainException("category", "请选择权力类别");
        Name = Text.Required(f.Name, "name", "项目名称", 200);
        Subject = Text.Optional(f.Subject, "subject", "实施主体", 200);
        Basis = Text.Optional(f.Basis, "basis", "实施依据", 2000);
        DisclosureForm = Text.Optional(f.DisclosureForm, "disclosureForm", "公开形式", 200);
        DisclosureScope = f.DisclosureScope ?? DisclosureScope.Public;
        DisclosureTime = Text.Optional(f.DisclosureTime, "disclosureTime", "公开时间", 200);
        Fees = Text.Optional(f.Fees, "fees", "收费(征收)依据和标准", 1000);
        Handler = Text.Optional(f.Handler, "handler", "承办机构", 200);
        Remarks = Text.Optional(f.Remarks, "remarks", "备注", 1000);
    }

    /// <summary>Replaces the flowchart after checking it.</summary>
    public void SetFlow(PowerFlow flow)
    {
        flow.Validate();
        Flow = flow;
    }

    public static string Label(PowerCategory c) => c switch
    {
        PowerCategory.Licensing => "行政许可(含非许可行政审批)", PowerCategory.Penalty => "行政处罚", PowerCategory.Levy => "行政征收",
        PowerCategory.Enforcement => "行政强制", PowerCategory.Benefit => "行政给付", PowerCategory.Adjudication => "行政裁决",
        PowerCategory.Confirmation => "行政确认", PowerCategory.Other => "其他权力", _ => "内部人财物管理",
    };

    public static string Label(DisclosureScope s) => s switch { DisclosureScope.Public => "社会公开", DisclosureScope.Internal => "内部公开", _ => "不公开" };

    /// <summary>Reads a category as forms write it ("行政许可", "二、行政处罚", a code).</summary>
    public static PowerCategory? ParseCategory(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (Enum.TryParse<PowerCategory>(t, true, out var c)) return c;
        foreach (var v in Enum.GetValues<PowerCategory>())
            if (t.Contains(Label(v)[..4])) return v;
        return null;
    }

    public static DisclosureScope? ParseScope(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (Enum.TryParse<DisclosureScope>(t, true, out var s)) return s;
        return t.Contains("不公开") ? DisclosureScope.None
            : t.Contains("内部") ? DisclosureScope.Internal
            : t.Contains("社会") || t.Contains("公开") ? DisclosureScope.Public
            : null;
    }
}

public sealed record PowerFields(PowerCategory? Category, string? Name, string? Subject, string? Basis, string? DisclosureForm,
    DisclosureScope? DisclosureScope, string? DisclosureTime, string? Fees, string? Handler, string? Remarks);
