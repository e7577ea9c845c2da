using Lianfang.Core.Forms;

namespace Lianfang.Core.Register;

public sealed record ParsedRule(string Sheet, int Row, string? Unit, InternalRuleFields Fields);
public sealed record RuleIssue(string Sheet, int Row, string Column, string Message);
public sealed record RuleParse(IReadOnlyList<ParsedRule> Items, IReadOnlyList<RuleIssue> Issues);

/// <summary>
/// Reads a unit's 制度 list as it is kept in Word or Excel: a header with 制度名称 and, in any order, 新建或修订 (类型),
/// 印发日期, 文号, 单位（处室）, 备注. Each row is checked as a record would be; problems name the row and the column.
/// </summary>
public static class InternalRuleForm
{
    private enum Col { Name, Change, Date, Number, Unit, Remarks }

    private static Col? ColumnOf(string header)
    {
        var h = SchemeTextNormalize(header);
        if (h is "制度名称" or "制度" or "名称" or "制度文件名称") return Col.Name;
        if (h.Contains("新建") || h.Contains("修订") && !h.Contains("日期") || h is "类型" or "类别") return Col.Change;
        if (h.Contains("日期") || h.Contains("时间")) return Col.Date;
        if (h is "文号" or "发文字号" or "文件编号") return Col.Number;
        if (h is "单位" or "处室" or "科室" or "部门" or "单位(处室)" or "制定单位") return Col.Unit;
        if (h is "备注" or "说明") return Col.Remarks;
        return null;
    }

    /// <summary>新建、新建立、制定、出台 → New; 修订、修改、完善 → Revised.</summary>
    public static RuleChange? ChangeOf(string text) => SchemeTextNormalize(text) switch
    {
        "新建" or "新建立" or "新制定" or "制定" or "新订" or "出台" or "new" => RuleChange.New,
        "修订" or "修改" or "完善" or "修正" or "revised" => RuleChange.Revised,
        _ => null,
    };

    public static RuleParse Parse(IReadOnlyList<Grid> grids, DateOnly today)
    {
        var items = new List<ParsedRule>();
        var issues = new List<RuleIssue>();
        foreach (var grid in grids)
        {
            var header = -1;
            Dictionary<Col, int> cols = [];
            for (var i = 0; i < grid.Rows.Count && header < 0; i++)
            {
                var map = new Dictionary<Col, int>();
                for (var c = 0; c < grid.Rows[i].Cells.Count; c++)
                    if (ColumnOf(grid.Rows[i].Cells[c]) is { } col) map.TryAdd(col, c);
                if (map.ContainsKey(Col.Name) && map.ContainsKey(Col.Change)) (header, cols) = (i, map);
            }
            if (header < 0) continue;
            var sheet = grid.Label.Length > 0 ? grid.Label : grid.Name;
            string Cell(GridRow r, Col c) => cols.TryGetValue(c, out var i) ? r[i].Trim() : "";
            foreach (var row in grid.Rows.Skip(header + 1))
            {
                if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
                var changeText = Cell(row, Col.Change);
                var change = ChangeOf(changeText);
                if (change is null && changeText.Length > 0)
                {
                    issues.Add(new(sheet, row.Number, "新建或修订", $"“{changeText}”应为“新建立”或“修订”"));
                    continue;
                }
                var dateText = Cell(row, Col.Date);
                var date = CellDate.Parse(dateText);
                if (date is null && dateText.Length > 0)
                {
                    issues.Add(new(sheet, row.Number, "印发日期", $"“{dateText}”不是日期（如 2026-03-01 或 2026年3月1日）"));
                    continue;
                }
                var fields = new InternalRuleFields(Cell(row, Col.Name), change, date, Cell(row, Col.Number), Cell(row, Col.Remarks));
                try
                {
                    _ = new InternalRule(0, 0, fields, today); // the record's own rules, before anything is saved
                    items.Add(new ParsedRule(sheet, row.Number, Cell(row, Col.Unit) is { Length: > 0 } u ? u : null, fields));
                }
                catch (DomainException e) { issues.Add(new(sheet, row.Number, Label(e.Field), e.Message)); }
            }
        }
        return new RuleParse(items, issues);
    }

    private static string Label(string field) => field switch
    {
        "name" => "制度名称", "change" => "新建或修订", "adoptedOn" => "印发日期", "documentNumber" => "文号", _ => "备注",
    };

    private static string SchemeTextNormalize(string s) => Schemes.SchemeText.Normalize(s).Replace("（", "(").Replace("）", ")").ToLowerInvariant();
}
