using Lianfang.Core.Forms;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Web.Office;

namespace Lianfang.Web.Features.Forms.Templates;

/// <summary>
/// A list's values for a unit's template, computed by the same code as the built-in forms: the template's repeating
/// row is read as a form whose columns are its point fields in their order, laid out by <see cref="FormBuilder"/>, so
/// each cell of a template holds exactly what the built-in form prints in that column.
/// </summary>
public static class TemplateValues
{
    /// <summary>The base form with the template's point fields as its columns.</summary>
    public static FormDef FormOf(FormDef baseForm, TemplateScan scan) => baseForm with
    {
        Columns = scan.Placeholders.Where(p => p.InRepeatingRow).Select(p => TemplateFields.Find(p.Name)?.Column).OfType<FormField>()
            .Distinct().Select(TemplateFields.ColumnName).ToList(),
    };

    /// <param name="blankBlock">what an opinion row nobody has written in holds in this format (room to write, as the built-in leaves it)</param>
    public static TemplateData Of(FormDef baseForm, ListFormData d, TemplateScan scan, string blankBlock)
    {
        var form = FormOf(baseForm, scan);
        var doc = FormBuilder.List(form, d);
        var date = FormBuilder.FilledOn(d);
        var values = TemplateFields.Header.ToDictionary(f => f.Name, f => FormBuilder.HeaderValue(f.Name, d, date));
        values["表名"] = doc.Title;
        values["签字行"] = string.Join("\n", doc.SignLines);
        var opinions = SignatureLines.Layout(baseForm).Count(l => l.IsBlock || l.Title is not null);
        for (var i = 1; i <= Math.Min(opinions, TemplateFields.MaxOpinions); i++)
            values[TemplateFields.Opinion(i)] = doc.ClosingRows[i - 1].Body is { Length: > 0 } body ? body : blankBlock;
        foreach (var (name, actor) in TemplateFields.Signers)
        {
            var signature = LatestSignature(d, actor);
            string Part(string part) => signature is null ? "" : part switch
            {
                "签字人" => signature.Actor,
                "日期" => FormBuilder.Date(DateOnly.FromDateTime(Clock.Local(signature.At))),
                "验证码" => signature.VerificationCode ?? "",
                _ => signature.Comment ?? "",
            };
            foreach (var (part, _) in TemplateFields.SignatureParts) values[$"{TemplateFields.SignaturePrefix}{name}.{part}"] = Part(part);
        }

        var columns = form.Columns.Select(c => FormColumns.Match(c)!.Value).ToList();
        var byMeasure = scan.Placeholders.Any(p => p.InRepeatingRow && p.Name.StartsWith(TemplateFields.MeasurePrefix, StringComparison.Ordinal));
        var mergeCategory = baseForm.Code != FormCatalog.DetailCode; // the 明细表 prints each point's category, as the built-in does
        var points = d.Points.ToDictionary(p => p.Id);
        var rows = new List<TemplateRowData>();
        for (var r = 0; r < doc.Table.Rows.Count; r++)
        {
            var row = doc.Table.Rows[r];
            var cells = columns.Select((c, i) => (Name: TemplateFields.PointName(c), Value: row.Cells[i])).ToList();
            IReadOnlyList<ControlMeasure?> lines = byMeasure && row.PointId is { } id && points[id].Measures.Count > 0
                ? [.. points[id].Measures]
                : [(ControlMeasure?)null];
            for (var m = 0; m < lines.Count; m++)
            {
                var v = cells.ToDictionary(c => c.Name, c => c.Value);
                var merge = new Dictionary<string, string>();
                if (mergeCategory && v.GetValueOrDefault(TemplateFields.PointName(FormField.Category)) is { Length: > 0 } category)
                    merge[TemplateFields.PointName(FormField.Category)] = category;
                if (byMeasure)
                {
                    // a point's own cells span its measure lines
                    foreach (var c in cells.Where(c => c.Name != TemplateFields.PointName(FormField.Category))) merge[c.Name] = $"#{r}";
                    var measure = lines[m];
                    v["措施.序号"] = measure is null ? "" : (m + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    v["措施.内容"] = measure?.Text ?? "";
                    v["措施.类型"] = measure?.Kind ?? "";
                    v["措施.阶段"] = measure?.Phase ?? "";
                    v["措施.责任人"] = measure?.Owner ?? "";
                    v["措施.时限"] = measure?.Due is { } due ? FormBuilder.Date(due) : "";
                }
                rows.Add(new TemplateRowData(v, merge));
            }
        }
        return new TemplateData(values, rows);
    }

    /// <summary>The latest signature of the list's current revision by <paramref name="actor"/> (the submission is the holder's).</summary>
    private static ReviewRecord? LatestSignature(ListFormData d, StageActor actor)
    {
        var stages = d.Scheme.ListKinds.Count == 0 ? [] : Workflow.Stages(d.Scheme, d.List.Scope);
        StageActor? ActorOf(ReviewRecord r) => r.Decision switch
        {
            Decision.Submit => StageActor.Holder,
            Decision.Countersign => SignatureLines.ActorOf(r.StageName),
            _ => stages.FirstOrDefault(s => s.Code == r.StageCode)?.Actor,
        };
        return d.History.LastOrDefault(r => r.Revision == d.List.Revision && r.IsSignature && ActorOf(r) == actor);
    }
}
