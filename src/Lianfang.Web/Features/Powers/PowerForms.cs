using Lianfang.Core.Access;
using Lianfang.Core.Powers;
using Lianfang.Web.Office;

namespace Lianfang.Web.Features.Powers;

/// <summary>003 附件1 (职权目录总表) and 附件2 (分表) out as Word/Excel/PDF, and in from the files units keep.</summary>
public sealed class PowerForms(AppDbContext db, PowerCommands powers, OfficeRenderer renderer, PdfConverter pdf)
{
    public sealed record ImportOutcome(IReadOnlyList<ParsedPower> Items, bool Saved);

    public async Task<ExportFile> ExportAsync(AccessScope scope, int orgUnitId, string? form, PowerCategory? category, string? format, CancellationToken ct)
    {
        var f = OfficeRenderer.Format(format);
        var unit = await db.OrgUnits.AsNoTracking().InBusinessReach(scope)
            .Where(u => u.Id == orgUnitId)
            .Select(u => new { u.Id, u.Name })
            .FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
        var items = await powers.Visible(scope).Where(p => p.OrgUnitId == unit.Id && (category == null || p.Category == category))
            .OrderBy(p => p.Category).ThenBy(p => p.Id).ToListAsync(ct);
        var doc = (form ?? "annex2").Trim().ToLowerInvariant() switch
        {
            "annex1" => Annex1(unit.Name, items),
            "annex2" => Annex2(unit.Name, items, category),
            _ => throw new DomainException("form", $"form 应为 annex1（职权目录总表）或 annex2（职权目录分表），收到“{form}”"),
        };
        return await renderer.RenderAsync(doc, f, ct);
    }

    /// <summary>
    /// The 权力运行流程图 for the Word forms: the chart as the page draws it, then one row per step in flow order with what the
    /// chart cannot hold (条件、程序、期限、监督方式), where it leads and its risk points. The PDF is made from the Word file;
    /// Excel keeps only the table, a sheet having no place for the chart.
    /// </summary>
    public async Task<ExportFile> ExportFlowAsync(AccessScope scope, int id, string? format, CancellationToken ct)
    {
        var f = OfficeRenderer.Format(format);
        var item = await powers.LoadAsync(scope, id, ct);
        var layers = item.Flow.Layers();
        var names = item.Flow.Steps.ToDictionary(s => s.Key, s => s.Name);
        var (pinned, levelCount) = await powers.PinnedAsync(id, false, ct);
        var rows = new List<FormRow>();
        var n = 0;
        foreach (var s in item.Flow.Steps.OrderBy(s => layers[s.Key]))
        {
            var next = string.Join("；", item.Flow.Edges.Where(e => e.From == s.Key && names.ContainsKey(e.To))
                .Select(e => (e.Back ? "退回" : "→") + names[e.To] + (e.Label is null ? "" : $"（{e.Label}）")));
            var risks = string.Join("\n", pinned.GetValueOrDefault(s.Key)?.Select(p => $"{p.Description}【{p.LevelName}】") ?? []);
            rows.Add(new FormRow(
                [(++n).ToString(), s.Name, s.Actor ?? "", s.Conditions ?? "", s.Procedure ?? "", s.TimeLimit ?? "", s.Supervision ?? "", risks, next]));
        }
        double[] weights = [0.7, 1.8, 1.5, 2, 2.2, 1.1, 1.8, 3, 2];
        string[] headers = ["序号", "环节", "办理主体", "条件", "程序", "期限", "监督方式", "廉政风险点（等级）", "下一环节"];
        var columns = headers.Select((h, i) => new FormColumn(null, h, weights[i], Center: i == 0)).ToList();
        var doc = new FormDocument($"{item.Name}权力运行流程图", true, [("单位", item.OrgUnit.Name), ("类别", PowerItem.Label(item.Category))], [],
            new FormTable(columns, rows), [], [], ["按流程先后排列；“退回”为退回补正等回到前面环节的情形。"], $"{item.OrgUnit.Name}·{item.Name}·权力运行流程图");
        if (f == "xlsx") return await renderer.RenderAsync(doc, f, ct);
        var word = await renderer.RenderAsync(doc, "docx", ct);
        var chart = FlowChartDocx.WithChart(word.Content, FlowLayout.Of(item.Name, item.Flow, pinned, levelCount));
        return f == "pdf" ? new ExportFile(await pdf.ToPdfAsync(chart, ct), "application/pdf", Path.ChangeExtension(word.FileName, ".pdf"))
            : word with { Content = chart };
    }

    /// <summary>All or nothing: any bad row and nothing is saved; every problem names its row and column.</summary>
    public async Task<ImportOutcome> ImportAsync(AccessScope scope, int orgUnitId, IFormFile? file, bool dryRun, CancellationToken ct)
    {
        var unit = await db.OrgUnits.AsNoTracking().InBusinessReach(scope)
            .Where(u => u.Id == orgUnitId)
            .Select(u => new { u.Id, u.Path })
            .FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
        if (!PowerCommands.MayEdit(scope, unit.Path)) throw DomainException.Forbidden("职权目录由本单位党办、主要负责人或处室负责人编制");
        if (file is null) throw new DomainException("file", "请选择要导入的 Word（.docx）或 Excel（.xlsx）文件");
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        var parse = PowerCatalogForm.Parse(OfficeFile.ReadGrids(file.FileName, stream));
        var errors = parse.Issues.Select(i => new FieldError(i.Column, i.Message, i.Row, i.Sheet, i.Column)).ToList();
        if (parse.Items.Count == 0 && errors.Count == 0)
            errors.Add(new FieldError("file", "文件中找不到职权目录表格：表头须有“项目名称”一列"));
        // the entity's own rules, row by row, before anything is saved
        var checkedItems = new List<PowerItem>();
        foreach (var p in parse.Items)
            try { checkedItems.Add(new PowerItem(unit.Id, p.Fields)); }
            catch (DomainException e) { errors.Add(new FieldError(e.Field, e.Message, p.Row, p.Sheet, e.Field)); }
        if (errors.Count > 0)
            throw new ValidationFailedException(errors, $"文件有 {errors.Count} 处问题，未导入任何职权事项", StatusCodes.Status422UnprocessableEntity);
        if (dryRun) return new ImportOutcome(parse.Items, false);
        db.Powers.AddRange(checkedItems);
        await db.SaveChangesAsync(ct);
        return new ImportOutcome(parse.Items, true);
    }

    /// <summary>
    /// As the seed prints it: a row per category in its cells (“一 | 行政许可(含非许可行政审批) | 共×××项”), every one of the
    /// eight even when it has no items, then its items; 内部人财物管理, which the seed does not have, only when there are some.
    /// </summary>
    private static FormDocument Annex1(string unit, List<PowerItem> items)
    {
        var rows = new List<FormRow>();
        var n = 0;
        foreach (var category in Enum.GetValues<PowerCategory>().Where(c => c != PowerCategory.Internal || items.Any(p => p.Category == c)))
        {
            var group = items.Where(p => p.Category == category).ToList();
            rows.Add(new FormRow([Numeral(++n), PowerItem.Label(category), $"共{group.Count}项"]));
            rows.AddRange(group.Select((p, i) => new FormRow([(i + 1).ToString(), "", p.Name])));
        }
        var columns = new[] { new FormColumn(null, "序号", 1, Center: true), new FormColumn(null, "类别", 3), new FormColumn(null, "项目名称", 6) };
        return new FormDocument("行政职权目录总表", false, [("单位", unit + "（公章）")], [], new FormTable(columns, rows), [], [], [], $"{unit}·行政职权目录总表");
    }

    private static FormDocument Annex2(string unit, List<PowerItem> items, PowerCategory? only)
    {
        var rows = new List<FormRow>();
        foreach (var g in items.GroupBy(p => p.Category))
        {
            if (only is null) rows.Add(new FormRow([PowerItem.Label(g.Key), .. Enumerable.Repeat("", 9)], RowKind.Section));
            rows.AddRange(g.Select((p, i) => new FormRow([(i + 1).ToString(), p.Name, p.Subject ?? "", p.Basis ?? "", p.DisclosureForm ?? "",
                PowerItem.Label(p.DisclosureScope), p.DisclosureTime ?? "", p.Fees ?? "", p.Handler ?? "", p.Remarks ?? ""])));
        }
        double[] weights = [0.8, 3, 2, 3.5, 1.5, 1.3, 1.5, 2, 1.8, 1.6];
        var columns = PowerCatalogForm.Annex2Columns.Select((c, i) => new FormColumn(null, c, weights[i], Center: i == 0)).ToList();
        var title = only is { } c ? $"行政职权目录分表（{PowerItem.Label(c)}类）" : "行政职权目录分表";
        return new FormDocument(title, true, [("单位", unit)], [], new FormTable(columns, rows), [], [], [], $"{unit}·{title}");
    }

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    /// <summary>A section's number as the 职权目录 prints it, 一 to 十二.</summary>
    private static string Numeral(int n) => Numerals[Math.Clamp(n, 1, Numerals.Length) - 1];
}
