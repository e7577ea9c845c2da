using Lianfang.Core.Schemes;

namespace Lianfang.Core.Forms;

/// <summary>The forms a scheme defines for lists, the 汇总表, and this product's own full form.</summary>
public static class FormCatalog
{
    public const string DetailCode = "detail";

    /// <summary>Every field of a point in its own column: what export → import keeps exactly.</summary>
    public static FormDef Detail => new()
    {
        Code = DetailCode, Title = "廉政风险点明细表", Columns = FormColumns.Detail, Landscape = true,
        HeadLine = ["清单", "导出日期"],
    };

    /// <summary>Forms that hold risk points (a description column); 职权目录 and 汇总表 are not list forms.</summary>
    public static IReadOnlyList<FormDef> ListForms(Scheme scheme) =>
        [.. scheme.Forms.Where(f => !IsSummary(f) && f.Columns.Any(c => FormColumns.Match(c) == FormField.Description)), Detail];

    public static FormDef? ListForm(Scheme scheme, string? code) => ListForms(scheme).FirstOrDefault(f => f.Code == code);

    /// <summary>The form a list is exported in by default: the scheme's form for its kind of list, else the first, else the full form.</summary>
    public static FormDef DefaultFor(Scheme scheme, ListScope scope)
    {
        var forms = ListForms(scheme);
        return forms.FirstOrDefault(f => f.For == scope) ?? forms.FirstOrDefault(f => f.For is null && f.Code != DetailCode)
            ?? forms.FirstOrDefault(f => scope == ListScope.Post && f.For == ListScope.Person)
            ?? forms.FirstOrDefault(f => UnitTakesDepartmentForms(forms, scope) && f.For == ListScope.Department) ?? forms[0];
    }

    /// <summary>Forms suited to this kind of list (a post list held by a person takes personal forms too).</summary>
    public static IReadOnlyList<FormDef> For(Scheme scheme, ListScope scope, bool personal)
    {
        var forms = ListForms(scheme);
        return forms.Where(f => f.For is null || f.For == scope || personal && f.For is ListScope.Person or ListScope.Post
            || UnitTakesDepartmentForms(forms, scope) && f.For == ListScope.Department).ToList();
    }

    /// <summary>A unit's own list is filled on the department forms where the scheme has none for units (003: 局班子、科室确认填表（附件6）).</summary>
    private static bool UnitTakesDepartmentForms(IReadOnlyList<FormDef> forms, ListScope scope) =>
        scope == ListScope.Unit && forms.All(f => f.For != ListScope.Unit);

    public static bool IsSummary(FormDef f) => f.Columns.Any(c => c.Contains("合计"));

    public static FormDef Summary(Scheme scheme) => scheme.Forms.FirstOrDefault(IsSummary) ?? new FormDef
    {
        Code = "summary", Title = "廉政风险识别、防控、监督汇总表", Landscape = true,
        Columns = ["填报单位（科室）", "参与查找人数（人）", "风险点合计（个）", "防控措施（个）", "监督办法（个）", "新建立制度（个）", "修订制度（个）"],
        HeadLine = ["填报单位（盖章）", "填报日期"], Signatures = ["填报人签字", "主管领导签字"],
    };
}
