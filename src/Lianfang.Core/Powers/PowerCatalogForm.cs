using System.Text.RegularExpressions;
using Lianfang.Core.Forms;

namespace Lianfang.Core.Powers;

public sealed record ParsedPower(string Sheet, int Row, PowerFields Fields);
public sealed record PowerIssue(string Sheet, int Row, string Column, string Message);
public sealed record PowerParse(IReadOnlyList<ParsedPower> Items, IReadOnlyList<PowerIssue> Issues);

/// <summary>
/// Reads 003 附件1 (职权目录总表: category sections, 项目名称) and 附件2 (分表: 项目名称、实施主体、实施依据、公开形式、公开范围、
/// 公开时间、收费(征收)依据和标准、承办机构、备注) as units fill them: the header found by its names, the category from a
/// 类别 column, a section row (“二、行政处罚 共 3 项”) or the title (“行政职权目录分表（行政处罚类）”).
/// </summary>
public static partial class PowerCatalogForm
{
    public static readonly string[] Annex2Columns = ["序号", "项目名称", "实施主体", "实施依据", "公开形式", "公开范围", "公开时间", "收费(征收)依据和标准", "承办机构", "备注"];

    private enum Col { Seq, Category, Name, Subject, Basis, Form, Scope, Time, Fees, Handler, Remarks }

    private static Col? ColumnOf(string header)
    {
        var h = Normalize(header);
        return h switch
        {
            "序号" => Col.Seq,
            "类别" or "权力类别" or "职权类别" => Col.Category,
            "项目名称" or "职权名称" or "权力名称" or "事项名称" => Col.Name,
            "实施主体" or "行使主体" => Col.Subject,
            "实施依据" or "法律依据" or "设定依据" => Col.Basis,
            "公开形式" => Col.Form,
            "公开范围" => Col.Scope,
            "公开时间" => Col.Time,
            "承办机构" or "承办处室" or "承办科室" => Col.Handler,
            "备注" => Col.Remarks,
            _ when h.StartsWith("收费", StringComparison.Ordinal) || h.Contains("征收")  => Col.Fees,
            _ => null,
        };
    }

    public static PowerParse Parse(IReadOnlyList<Grid> grids)
    {
        var items = new List<ParsedPower>();
        var issues = new List<PowerIssue>();
        foreach (var grid in grids)
        {
            var headerIndex = -1;
            Dictionary<Col, int> cols = [];
            for (var i = 0; i < grid.Rows.Count && headerIndex < 0; i++)
            {
                var map = new Dictionary<Col, int>();
                for (var c = 0; c < grid.Rows[i].Cells.Count; c++)
                    if (ColumnOf(grid.Rows[i].Cells[c]) is { } col) map.TryAdd(col, c);
                if (map.ContainsKey(Col.Name)) (headerIndex, cols) = (i, map);
            }
            if (headerIndex < 0) continue;
            var sheet = grid.Label.Length > 0 ? grid.Label : grid.Name;
            var above = grid.Preamble.Concat(grid.Rows.Take(headerIndex).SelectMany(r => r.Cells));
            var current = above.Select(TitleCategory).FirstOrDefault(c => c is not null);
            string Cell(GridRow r, Col c) => cols.TryGetValue(c, out var i) ? r[i].Trim() : "";
            foreach (var row in grid.Rows.Skip(headerIndex + 1))
            {
                if (row.Cells.All(c => Placeholder(c))) continue;
                var name = Cell(row, Col.Name);
                var section = row.Cells.Select(HeadingCategory).FirstOrDefault(c => c is not null);
                if (section is not null && (Placeholder(name) || CountLine().IsMatch(Normalize(name)) || HeadingCategory(name) is not null))
                {
                    current = section;
                    continue;
                }
                if (Placeholder(name)) continue;
                PowerCategory? category = current;
                var categoryText = Cell(row, Col.Category);
                if (categoryText.Length > 0 && !Placeholder(categoryText))
                {
                    category = PowerItem.ParseCategory(categoryText);
                    if (category is null) { issues.Add(new(sheet, row.Number, "类别", $"类别“{categoryText}”不是职权目录的八类之一（或内部人财物管理）")); continue; }
                }
                if (category is null) { issues.Add(new(sheet, row.Number, "类别", "无法确定类别：请加“类别”列、类别分组行，或在标题中写明（如“行政处罚类”）")); continue; }
                var scopeText = Cell(row, Col.Scope);
                var scope = PowerItem.ParseScope(scopeText);
                if (scopeText.Length > 0 && !Placeholder(scopeText) && scope is null)
                {
                    issues.Add(new(sheet, row.Number, "公开范围", $"公开范围“{scopeText}”应为社会公开、内部公开或不公开"));
                    continue;
                }
                if (name.Length > 200) { issues.Add(new(sheet, row.Number, "项目名称", "项目名称不能超过200个字")); continue; }
                items.Add(new ParsedPower(sheet, row.Number, new PowerFields(category, name, Opt(Cell(row, Col.Subject)), Opt(Cell(row, Col.Basis)),
                    Opt(Cell(row, Col.Form)), scope, Opt(Cell(row, Col.Time)), Opt(Cell(row, Col.Fees)), Opt(Cell(row, Col.Handler)),
                    Opt(Cell(row, Col.Remarks)))));
            }
        }
        return new PowerParse(items, issues);
    }

    /// <summary>“行政职权目录分表（行政处罚类）” names its category.</summary>
    private static PowerCategory? TitleCategory(string text)
    {
        var m = TitleClass().Match(text);
        return m.Success ? PowerItem.ParseCategory(m.Groups[1].Value) : null;
    }

    /// <summary>A cell that is just a category heading: “一、行政许可(含非许可行政审批)”, “行政处罚”.</summary>
    private static PowerCategory? HeadingCategory(string text)
    {
        var t = CountSuffix().Replace(Normalize(Numbering().Replace(text.Trim(), "")), "");
        if (t.Length == 0) return null;
        foreach (var c in Enum.GetValues<PowerCategory>())
        {
            var label = Normalize(PowerItem.Label(c));
            if (t == label || t == label.Split('(')[0] || t == c.ToString()) return c;
        }
        return null;
    }

    private static string? Opt(string s) => Placeholder(s) ? null : s;
    private static bool Placeholder(string s) => string.IsNullOrWhiteSpace(s) || PlaceholderText().IsMatch(s.Trim());
    private static string Normalize(string s) => WhiteSpace().Replace(s, "").Replace("（", "(").Replace("）", ")");

    [GeneratedRegex(@"^[…\.。·×\-—_]+$")] private static partial Regex PlaceholderText();
    [GeneratedRegex(@"\s+")] private static partial Regex WhiteSpace();
    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+|\d+)\s*[、.．]\s*")] private static partial Regex Numbering();
    [GeneratedRegex(@"^共.*项$")] private static partial Regex CountLine();
    [GeneratedRegex(@"共[^共]*项$")] private static partial Regex CountSuffix();
    [GeneratedRegex(@"[（(]\s*([^（()）_]+?)\s*类\s*[)）]")] private static partial Regex TitleClass();
}
