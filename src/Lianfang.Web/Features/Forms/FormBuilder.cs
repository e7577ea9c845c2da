using System.Globalization;
using Lianfang.Core.Forms;
using Lianfang.Core.Register;
using Lianfang.Core.Reports;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Web.Office;

namespace Lianfang.Web.Features.Forms;

/// <summary>What a list's form is filled with: the list, its points and history, and the org data of its header.</summary>
public sealed record ListFormData(RiskList List, Scheme Scheme, string ListTitle, string UnitName, string? ParentUnitName, bool UnitIsDepartment,
    string? PostName, string? PostDuties, string? PostIntegrityDuties, string? HolderName, string? HolderTitle, DateOnly? HolderAppointedOn,
    IReadOnlyList<RiskPoint> Points, IReadOnlyList<ReviewRecord> History, DateOnly Today,
    IReadOnlyDictionary<long, IReadOnlyList<string>>? RowSigners = null, IReadOnlyList<string>? Chain = null,
    string? UnitDuties = null, string? UnitIntegrityDuties = null, UnitHead? Head = null, string? CampaignName = null, int? Year = null);

/// <summary>The list unit's 主要负责人 / 负责人 as kept in the org tree: name, 职务, 任职时间.</summary>
public sealed record UnitHead(string Name, string? Title, DateOnly? AppointedOn);

/// <summary>Lays out a list's official form, or the 汇总表, as a <see cref="FormDocument"/>.</summary>
public static class FormBuilder
{
    public static FormDocument List(FormDef form, ListFormData d)
    {
        var scheme = d.Scheme;
        var detail = form.Code == FormCatalog.DetailCode;
        var columns = form.Columns.Select(c => (Name: c, Field: FormColumns.Match(c))).ToList();
        bool Has(FormField f) => columns.Any(c => c.Field == f);
        var hasCategory = Has(FormField.Category);
        var hasLevel = Has(FormField.Level);

        var formColumns = columns.Select(c => Column(c.Name, c.Field, mergeCategory: hasCategory && !detail)).ToList();
        var order = scheme.Categories.Select(c => c.Code).Append(Scheme.UnclassifiedCode).ToList();
        // Where the form has a category column the points go under their categories; else in the list's own order.
        var points = !hasCategory || detail ? d.Points.OrderBy(p => p.Seq).ToList()
            : d.Points
                .OrderBy(p => Math.Max(order.IndexOf(p.CategoryCode), 0) + (p.CategoryCode == Scheme.UnclassifiedCode ? 1000 : 0))
                .ThenBy(p => p.Seq)
                .ToList();

        var rows = new List<FormRow>();
        var recorded = new List<(string, RiskPoint)>();
        var n = 0;
        var inCategory = new Dictionary<string, int>();
        var description = columns.FindIndex(c => c.Field == FormField.Description);
        foreach (var p in points)
        {
            n++;
            var cells = columns.Select(c => Cell(c.Field, p, n, form, scheme, detail, withManifestation: !Has(FormField.Manifestation),
                withApproved: Has(FormField.ApprovedLevel), approvedList: d.List.Status is ListStatus.Approved or ListStatus.Published,
                signed: d.RowSigners?.GetValueOrDefault(p.Id))).ToList();
            inCategory[p.CategoryCode] = inCategory.GetValueOrDefault(p.CategoryCode) + 1;
            if (description >= 0 && form.NumberedRows is not null && hasCategory) cells[description] = $"{inCategory[p.CategoryCode]}.{cells[description]}";
            rows.Add(new FormRow(cells) { PointId = p.Id });
            if (description >= 0)
                recorded.Add((PointCells.ParseDescription(cells[description], t => !hasLevel && FormLookup.Level(scheme, t) is not null).Description, p));
        }
        if (hasCategory && !detail)
        {
            // As on the seed's forms, every category has its rows: 004's numbered lines to write in (1. 2. 3.), 003's one blank row.
            var printed = form.Categories is { } own ? scheme.Categories.Where(c => own.Contains(c.Code)) : scheme.Categories.Where(c => !c.Optional);
            var blank = form.NumberedRows is { } count ? Enumerable.Range(1, count).Select(i => $"{i}.").ToArray() : [""];
            foreach (var c in printed.Where(c => points.All(p => p.CategoryCode != c.Code)))
            {
                var before = rows.FindLastIndex(r => order.IndexOf(CategoryOf(r, columns, scheme)) < order.IndexOf(c.Code)) + 1;
                rows.InsertRange(before, blank.Select(text => new FormRow(columns.Select(x => x.Field switch
                {
                    FormField.Category => form.CategoryName(scheme, c.Code), FormField.Description => text, _ => "",
                }).ToList())));
            }
        }
        if (rows.Count == 0)
            for (var i = 1; i <= 3; i++)
                rows.Add(new FormRow(columns.Select(c => c.Field == FormField.Seq ? i.ToString(CultureInfo.InvariantCulture) : "").ToList()));

        var submitted = Submitted(d);
        var date = FilledOn(d);
        var lines = SignatureLines.Fill(form, scheme, d.List.Scope, d.List.Revision, d.History, d.List.Commitment);
        var closing = new List<(string, string)>();
        var signs = new List<string>();
        foreach (var l in lines)
        {
            if (l.IsBlock) closing.Add((l.Title!, l.Text ?? ""));
            else if (l.Title is not null) closing.Add((l.Title, OpinionText(l)));
            else signs.Add(SignText(l));
        }
        var notes = Notes(form, closing);
        if (form.DateLineParts() is { } dateLine)
        {
            var (dateLabel, blank, monthOnly) = dateLine;
            signs.Add($"{dateLabel}：{(submitted is null ? blank : monthOnly ? $"{date.Year}年{date.Month}月" : Date(date))}");
        }

        string Value(string label) => FieldValue(label, d, date);
        var formTitle = form.TitleFor(d.Chain ?? [d.UnitName]);
        var title = detail ? $"{d.ListTitle} {formTitle}" : formTitle;
        return new FormDocument(title, form.Landscape, form.HeadLine.Select(h => (h, Value(h))).ToList(),
            form.Fields.Select(f => (f, Value(f))).ToList(), new FormTable(formColumns, rows), closing,
            OneLine(signs, signed: lines.Any(l => l.Title is null && l.Signed)), notes,
            FileStem: $"{d.ListTitle} {formTitle}") { Record = FormRecord.Of(scheme.Code, recorded) };
    }

    private static DateTime? Submitted(ListFormData d) =>
        d.History.Where(r => r.Revision == d.List.Revision && r.Decision == Decision.Submit).Select(r => (DateTime?)r.At).LastOrDefault();

    /// <summary>The day a form is dated: the list's submission, today before it is submitted.</summary>
    public static DateOnly FilledOn(ListFormData d) => Submitted(d) is { } at ? DateOnly.FromDateTime(Clock.Local(at)) : d.Today;

    /// <summary>
    /// A list form as a unit's template to start from: the same layout with a placeholder wherever the form prints data —
    /// the title, each header field, one row of point fields, the opinion rows (意见栏N) and the signature line — so that,
    /// uploaded unchanged, it exports what the built-in form does.
    /// </summary>
    public static FormDocument Template(FormDef form)
    {
        var detail = form.Code == FormCatalog.DetailCode;
        var columns = form.Columns.Select(c => (Name: c, Field: FormColumns.Match(c))).ToList();
        var hasCategory = columns.Any(c => c.Field == FormField.Category);
        var row = new FormRow(columns.Select(c => c.Field is { } f ? Placeholder(TemplateFields.PointName(f)) : "").ToList());
        var closing = new List<(string, string)>();
        var signs = form.DateLineParts() is not null;
        foreach (var (raw, title, _, isBlock) in SignatureLines.Layout(form))
        {
            if (isBlock || title is not null) closing.Add((isBlock ? raw : title!, Placeholder(TemplateFields.Opinion(closing.Count + 1))));
            else signs = true;
        }
        var notes = Notes(form, closing);
        (string, string) Field(string label) => (label, FieldKey(label) is { } key ? Placeholder(key) : "");
        return new FormDocument(Placeholder("表名"), form.Landscape, form.HeadLine.Select(Field).ToList(), form.Fields.Select(Field).ToList(),
            new FormTable(columns.Select(c => Column(c.Name, c.Field, mergeCategory: hasCategory && !detail)).ToList(), [row]),
            closing, signs ? [Placeholder("签字行")] : [], notes, FileStem: $"{form.Title}（模板）");
    }

    private static string Placeholder(string name) => "{{" + name + "}}";

    /// <summary>The notes printed under the form; a "备注：…" note is a row closing the table, added to <paramref name="closing"/>.</summary>
    private static List<string> Notes(FormDef form, List<(string, string)> closing)
    {
        var notes = new List<string>();
        foreach (var note in form.Notes)
        {
            var i = note.IndexOf('：');
            if (i > 0 && note[..i] == "备注") closing.Add(("备注", note[(i + 1)..]));
            else notes.Add(note);
        }
        return notes;
    }

    public static FormDocument Summary(FormDef form, Scheme scheme, SummaryTable table, string unitName, DateOnly today, IReadOnlyList<string>? chain = null)
    {
        var formTitle = form.TitleFor(chain ?? [unitName]);
        var named = form.Columns;
        string Named(int i, string fallback) => i < named.Count && !named[i].Contains('．') ? named[i] : fallback;
        var tail = named.Where(c => !c.Contains('．')).Skip(3).ToList();
        if (tail.Count != 4) tail = ["防控措施（个）", "监督办法（个）", "新建立制度（个）", "修订制度（个）"];
        var columns = new List<FormColumn>
        {
            new(null, Named(0, "填报单位（科室）"), 14),
            new(null, Named(1, "参与查找人数（人）"), 6, Center: true),
            new(null, Named(2, "风险点合计（个）"), 6, Center: true),
        };
        foreach (var (c, i) in table.Categories.Select((c, i) => (c, i)))
            foreach (var l in table.Levels)
                columns.Add(new FormColumn($"{i + 1}．{c.Name}点", l.Name, 4, Center: true));
        columns.AddRange(tail.Select(t => new FormColumn(null, t, 5.5, Center: true)));

        IReadOnlyList<string> Cells(SummaryRow r) =>
            [r.Label, Num(r.Participants), Num(r.Points),
             .. table.Categories.SelectMany(c => table.Levels.Select(l => Num(r.Count(c.Code, l.Code)))),
             Num(r.Measures), Num(r.SupervisionMethods), Num(r.NewSystems), Num(r.RevisedSystems)];
        var rows = table.Rows.Select(r => new FormRow(Cells(r))).Append(new FormRow(Cells(table.Total), RowKind.Total)).ToList();
        var head = form.HeadLine.Count > 0 ? form.HeadLine : ["填报单位（盖章）", "填报日期"];
        var values = new Dictionary<string, string> { [head[0]] = unitName };
        var signs = (form.Signatures.Count > 0 ? form.Signatures : ["填报人签字", "主管领导签字"]).Select(s => $"{s}：").ToList();
        return new FormDocument(formTitle, true, head.Select(h => (h, values.GetValueOrDefault(h, Date(today)))).ToList(), [],
            new FormTable(columns, rows), [], OneLine(signs), [], FileStem: $"{unitName} {formTitle}");
    }

    /// <summary>
    /// The seeds print the signatures under a form, and its date, on one line ("填表人签字：　　　第一责任人签字：　　　填表时间：");
    /// signed, each carries its signer, day and verification code and takes a line of its own in the same paragraph.
    /// </summary>
    private static IReadOnlyList<string> OneLine(List<string> signs, bool signed = false) =>
        signs.Count == 0 ? [] : [string.Join(signed ? "\n" : "　　　　　　", signs)];

    private const string DateBlank = "　　　　年　　月　　日";

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    /// <summary>A signature on the line under the form: blank to sign, or the signer, the day and the verification code.</summary>
    private static string SignText(FilledLine l) => l.Signed
        ? $"{l.Label}：{l.Signer}　{Date(DateOnly.FromDateTime(Clock.Local(l.SignedAtUtc!.Value)))}　验证码：{l.VerificationCode}"
        : $"{l.Label}：";

    /// <summary>
    /// An opinion row's cell as 004 附件2/3 print it: the opinion, then "单位负责人签字：" and "（盖章）" on lines of their own, and
    /// the date under them; signed, the signer and verification code after the label and the day the stage was signed.
    /// </summary>
    private static string OpinionText(FilledLine l)
    {
        var label = l.Label.TrimEnd('：', ':');
        var seal = "";
        if (label.EndsWith('）') && label.LastIndexOf('（') is var open and > 0) (label, seal) = (label[..open], label[open..]);
        var sign = l.Signed ? $"{label}：{l.Signer}　验证码：{l.VerificationCode}" : $"{label}：";
        var date = l.Signed ? Date(DateOnly.FromDateTime(Clock.Local(l.SignedAtUtc!.Value))) : DateBlank;
        return string.Join('\n', new[] { l.Text ?? "", "", sign, seal, date }.Where((x, i) => i < 3 || x.Length > 0));
    }

    private static string CategoryOf(FormRow r, List<(string Name, FormField? Field)> columns, Scheme scheme)
    {
        var i = columns.FindIndex(c => c.Field == FormField.Category);
        return i < 0 ? "" : FormLookup.Category(scheme, r.Cells[i])?.Code ?? "";
    }

    private static FormColumn Column(string name, FormField? field, bool mergeCategory)
    {
        var clean = FormColumns.Clean(name);
        string? group = null;
        var sub = name;
        var open = clean.IndexOf('（');
        if (open > 0 && clean.EndsWith('）') && clean[(open + 1)..^1] is "自评" or "审定")
            (group, sub) = (clean[..open], clean[(open + 1)..^1]);
        var (weight, center) = field switch
        {
            FormField.Seq => (4.0, true),
            FormField.Category => (10.5, true),
            FormField.Description => (26.0, false),
            FormField.Manifestation => (16.0, false),
            FormField.Level or FormField.ApprovedLevel => (8.0, true),
            FormField.Measures => (28.0, false),
            FormField.Supervision => (24.0, false),
            FormField.SupervisionBasis or FormField.SupervisionFocus => (14.0, false),
            FormField.Responsible => (14.0, false),
            FormField.Leader or FormField.Department or FormField.Persons or FormField.SupervisionMethods or FormField.Sources => (8.0, false),
            _ => (10.0, false),
        };
        return new FormColumn(group, sub, weight, center, MergeRepeats: field == FormField.Category && mergeCategory);
    }

    /// <param name="detail">the full 明细表: every field in its own column and measure tags, for exchanging lists between systems</param>
    private static string Cell(FormField? field, RiskPoint p, int n, FormDef form, Scheme scheme, bool detail, bool withManifestation, bool withApproved,
        bool approvedList, IReadOnlyList<string>? signed)
    {
        // Once the list is approved every point has its 审定 level: the one the reviewing body set, else its 自评 confirmed.
        var approved = p.ApprovedLevelCode ?? (approvedList ? p.LevelCode : null);
        var content = new RiskPointContent(p.CategoryCode, p.Description, withManifestation ? p.Manifestation : null, p.LevelCode, approved,
            p.PostId, p.Sources, p.Measures, p.Supervision, p.Responsible);
        return field switch
        {
            FormField.Seq => n.ToString(CultureInfo.InvariantCulture),
            FormField.Category => form.CategoryName(scheme, p.CategoryCode),
            FormField.Description => PointCells.FormatDescription(content),
            FormField.Manifestation => p.Manifestation ?? "",
            // With one level column the level that counts is shown: the 审定 one once set.
            FormField.Level => scheme.Level(withApproved ? p.LevelCode : p.EffectiveLevelCode)?.Name ?? p.LevelCode,
            FormField.ApprovedLevel => approved is { } a ? scheme.Level(a)?.Name ?? a : "",
            FormField.Measures => PointCells.FormatMeasures(p.Measures, withTags: detail),
            FormField.Supervision => PointCells.FormatSupervision(p.Supervision),
            FormField.SupervisionBasis => p.Supervision.Basis ?? "",
            FormField.SupervisionFocus => p.Supervision.Focus ?? "",
            FormField.SupervisionMethods => string.Join("、", p.Supervision.Methods ?? []),
            FormField.Responsible => PointCells.FormatResponsible(p.Responsible, signed, form.LeaderLabel),
            FormField.Leader => p.Responsible.Leader ?? "",
            FormField.Department => p.Responsible.Department ?? "",
            FormField.Persons => string.Join("、", p.Responsible.Persons ?? []),
            FormField.Sources => PointCells.FormatSources(p.Sources),
            _ => "",
        };
    }

    /// <summary>A header field by its label on the seed's form.</summary>
    private static string FieldValue(string label, ListFormData d, DateOnly date) => FieldKey(label) is { } key ? HeaderValue(key, d, date) : "";

    /// <summary>The placeholder (<see cref="TemplateFields.Header"/>) a form's header label is filled as; null for a label the product does not fill.</summary>
    public static string? FieldKey(string label)
    {
        var l = FormColumns.Clean(FormDef.FieldParts(label).Label);
        return l switch
        {
            _ when l.Contains("日期") || l.Contains("时间") && !l.Contains("任职") => "填表日期",
            "清单" => "清单",
            "填表处室（单位）" or "部门" or "填报单位" or "处室" => "填报单位",
            "单位" => "单位",
            "姓名" or "责任人姓名" or "责任人" => "姓名",
            "岗位名称" or "岗位" => "岗位",
            "职务" or "岗位职务" or "任职时间" or "岗位职责" or "廉政职责" or "主要负责人" => l,
            "单位职责" or "部门工作职责" or "部门职责" => "单位职责",
            _ => null,
        };
    }

    /// <summary>A header placeholder's value for a list; <paramref name="date"/> is the day the form is dated (<see cref="FilledOn"/>).</summary>
    public static string HeaderValue(string key, ListFormData d, DateOnly date)
    {
        var signer = (StageActor actor) => SignerOf(d, actor);
        var unit = d.UnitIsDepartment && d.ParentUnitName is not null && d.List.Scope is ListScope.Person or ListScope.Post
            ? $"{d.ParentUnitName} {d.UnitName}" : d.UnitName;
        return key switch
        {
            "填表日期" => Date(date),
            "导出日期" => Date(d.Today),
            "清单" => d.ListTitle,
            "填报单位" => d.UnitName,
            "单位" => unit,
            "上级单位" => d.ParentUnitName ?? "",
            "排查" => d.CampaignName ?? "",
            "年度" => d.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
            "状态" => d.List.Status.Label(),
            "验证码" => d.History.LastOrDefault(r => r.Revision == d.List.Revision && r.IsSignature)?.VerificationCode ?? "",
            // a person's own list names its holder; a department's its 负责人 (from the org tree, else who signed as head)
            "姓名" => d.HolderName ?? d.Head?.Name ?? (d.List.Scope == ListScope.Department ? signer(StageActor.DeptHead) : null) ?? "",
            "岗位" => d.PostName ?? "",
            "职务" => (d.HolderName is null ? d.Head?.Title : d.HolderTitle) ?? "",
            "岗位职务" => string.Join(" ", new[] { d.PostName, d.HolderTitle }.Where(s => !string.IsNullOrEmpty(s))),
            "任职时间" => (d.HolderName is null ? d.Head?.AppointedOn : d.HolderAppointedOn) is { } a ? $"{a.Year}年{a.Month}月" : "",
            "岗位职责" => d.PostDuties ?? "",
            "廉政职责" => (d.List.Scope is ListScope.Post or ListScope.Person ? d.PostIntegrityDuties : d.UnitIntegrityDuties) ?? "",
            "单位职责" => d.UnitDuties ?? "",
            "主要负责人" => d.Head?.Name ?? signer(StageActor.Principal) ?? "",
            _ => "",
        };
    }

    private static string? SignerOf(ListFormData d, StageActor actor)
    {
        var stages = d.Scheme.ListKinds.Count == 0 ? [] : Workflow.Stages(d.Scheme, d.List.Scope);
        return d.History.Where(r => r.Revision == d.List.Revision && r.IsSignature && stages.FirstOrDefault(s => s.Code == r.StageCode)?.Actor == actor)
            .Select(r => r.Actor).LastOrDefault();
    }
}
