using Lianfang.Core.Schemes;

namespace Lianfang.Core.Forms;

/// <summary>What a column of a risk-point table holds.</summary>
public enum FormField
{
    Seq, Category, Description, Manifestation, Level, ApprovedLevel, Measures,
    Supervision, SupervisionBasis, SupervisionFocus, SupervisionMethods,
    Responsible, Leader, Department, Persons, Sources,
}

/// <summary>
/// Column names as the seeds' forms and people write them ("廉洁风险点描述", "具体风险点", "潜在风险点及表现",
/// "风险\n等级", "风险等级（自评）" …), matched after removing spaces and line breaks. Both the importer and the
/// exporter use this, so a form's columns mean the same thing in and out.
/// </summary>
public static class FormColumns
{
    public static FormField? Match(string? header)
    {
        var h = Clean(header);
        if (h.Length is 0 or > 30) return null;
        if (h is "序号" or "编号" or "序" or "No" or "no" || h.StartsWith("序号")) return FormField.Seq;
        if (h.Contains("审定")) return FormField.ApprovedLevel;
        if (h.Contains("自评")) return FormField.Level;
        if (h.Contains("等级") || h.Contains("级别")) return FormField.Level;
        if (h.Contains("措施类型") || h.Contains("措施阶段")) return null;
        if (h.Contains("类别") || h is "风险类型" or "类型" or "风险种类") return FormField.Category;
        if (h.Contains("表现形式") && !h.Contains("内容") && !h.Contains("风险点")) return FormField.Manifestation;
        if (h.Contains("风险点") || h.Contains("风险描述") || h.Contains("具体内容") || h is "风险" or "风险内容" or "廉政风险" or "廉洁风险") return FormField.Description;
        if (h.Contains("措施")) return FormField.Measures;
        if (h is "监督依据") return FormField.SupervisionBasis;
        if (h is "监督重点") return FormField.SupervisionFocus;
        if (h is "监督方法" or "监督方式") return FormField.SupervisionMethods;
        if (h.Contains("监督")) return FormField.Supervision;
        if (h is "责任领导") return FormField.Leader;
        if (h is "责任处室" or "责任部门" or "责任科室" or "责任单位") return FormField.Department;
        if (h is "责任人员") return FormField.Persons;
        if (h.Contains("责任人")) return FormField.Responsible;
        if (h is "排查方式" or "排查来源" or "查找方式") return FormField.Sources;
        return null;
    }

    /// <summary>Header text without spaces or line breaks, full-width letters folded, ( ) as （ ）.</summary>
    public static string Clean(string? header) => SchemeText.Normalize(header).Replace('(', '（').Replace(')', '）');

    /// <summary>The label a column goes by in messages: "风险等级（自评）" for a two-row header "风险等级 / 自评".</summary>
    public static string Label(string header) => Clean(header);

    /// <summary>The columns of this product's own full export: every field of a point, so export → import is exact.</summary>
    public static readonly IReadOnlyList<string> Detail =
    [
        "序号", "风险类别", "廉政风险点描述", "表现形式", "风险等级（自评）", "风险等级（审定）", "防控措施",
        "监督依据", "监督重点", "监督方法", "责任领导", "责任处室", "责任人员", "排查方式",
    ];
}
