using Lianfang.Core.Forms;
using Lianfang.Core.Schemes;

namespace Lianfang.Web.Office;

/// <summary>
/// A form laid out once and written twice (Word and Excel): title, the line under it, header fields, the table
/// (one or two header rows, category rows, merged category cells), opinion rows closing the table, signature lines
/// and notes; for a list, the <see cref="FormRecord"/> the file carries unprinted.
/// </summary>
public sealed record FormDocument(
    string Title,
    bool Landscape,
    IReadOnlyList<(string Label, string Value)> HeadLine,
    IReadOnlyList<(string Label, string Value)> Fields,
    FormTable Table,
    IReadOnlyList<(string Title, string Body)> ClosingRows,
    IReadOnlyList<string> SignLines,
    IReadOnlyList<string> Notes,
    string FileStem)
{
    public FormRecord? Record { get; init; }
}

public enum VMerge { None, Restart, Continue }

/// <summary>A header-field cell on the table's columns: a label or a value, from column Start over Span columns.</summary>
public sealed record FieldCell(string Text, bool Label, int Start, int Span, VMerge Merge = VMerge.None);

/// <param name="Group">The upper header cell shared by neighbouring columns ("风险等级" over "自评" and "审定").</param>
/// <param name="Weight">Relative width.</param>
/// <param name="MergeRepeats">Equal neighbouring values are one merged cell (the category column).</param>
public sealed record FormColumn(string? Group, string Name, double Weight, bool Center = false, bool MergeRepeats = false);

public enum RowKind { Data, Section, Total }

public sealed record FormRow(IReadOnlyList<string> Cells, RowKind Kind = RowKind.Data)
{
    /// <summary>The point a data row prints (a unit's template lays out its measures from it); null for a blank row.</summary>
    public long? PointId { get; init; }
}

public sealed record FormTable(IReadOnlyList<FormColumn> Columns, IReadOnlyList<FormRow> Rows)
{
    public bool TwoHeaderRows => Columns.Any(c => c.Group is not null);

    /// <summary>Spans of equal groups in the upper header row: (first column, count, text).</summary>
    public IEnumerable<(int Start, int Count, string Text)> GroupSpans()
    {
        for (var i = 0; i < Columns.Count;)
        {
            var g = Columns[i].Group;
            var j = i + 1;
            while (g is not null && j < Columns.Count && Columns[j].Group == g) j++;
            yield return (i, j - i, g ?? Columns[i].Name);
            i = j;
        }
    }

    /// <summary>
    /// Header fields as rows on the table's own columns, the same in Word and Excel: two short fields to a row where the
    /// table has four columns or more (004 附件3: 责任人姓名 … 岗位职务 …), a field of 职责 on a row of its own, and the fields
    /// of a group ("一岗双责：岗位职责") beside the group's name merged down over them.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<FieldCell>> FieldRows(IReadOnlyList<(string Label, string Value)> fields)
    {
        var n = Columns.Count;
        var total = Columns.Sum(c => c.Weight);
        int SpanFrom(int start, double share)
        {
            var k = 1;
            while (start + k < n - 1 && Columns.Skip(start).Take(k).Sum(c => c.Weight) < share * total) k++;
            return k;
        }
        var label = n == 1 ? 1 : SpanFrom(0, 0.10);
        var rows = new List<IReadOnlyList<FieldCell>>();
        FieldCell Value(string text, int start) => new(text, false, start, n - start);
        for (var i = 0; i < fields.Count; i++)
        {
            var (field, value) = fields[i];
            var (group, name) = FormDef.FieldParts(field);
            if (n == 1) { rows.Add([Value($"{(group is null ? "" : group + "·")}{name}：{value}", 0)]); continue; }
            if (group is not null && n >= 3)
            {
                var first = i == 0 || FormDef.FieldParts(fields[i - 1].Label).Group != group;
                var more = i + 1 < fields.Count && FormDef.FieldParts(fields[i + 1].Label).Group == group;
                var merge = first ? more ? VMerge.Restart : VMerge.None : VMerge.Continue;
                var end = Math.Max(label, 2);
                rows.Add([new FieldCell(first ? group : "", true, 0, 1, merge), new FieldCell(name, true, 1, end - 1), Value(value, end)]);
                continue;
            }
            var text = group is null ? name : $"{group}·{name}";
            var next = i + 1 < fields.Count ? fields[i + 1] : default;
            if (n >= 4 && group is null && !name.Contains("职责") && next.Label is { } nextField
                && FormDef.FieldParts(nextField) is (null, var nextName) && !nextName.Contains("职责"))
            {
                var mid = label + 1;
                while (mid < n - 2 && Columns.Take(mid).Sum(c => c.Weight) < 0.45 * total) mid++;
                var second = Math.Min(SpanFrom(mid, 0.10), n - 1 - mid);
                rows.Add([new FieldCell(text, true, 0, label), new FieldCell(value, false, label, mid - label),
                    new FieldCell(nextName, true, mid, second), Value(next.Value, mid + second)]);
                i++;
                continue;
            }
            rows.Add([new FieldCell(text, true, 0, label), Value(value, label)]);
        }
        return rows;
    }

    /// <summary>How many rows from this data row down hold the same value in a MergeRepeats column (1 = not merged).</summary>
    public int MergeLength(int row, int column)
    {
        if (!Columns[column].MergeRepeats || Rows[row].Kind != RowKind.Data) return 1;
        if (row > 0 && Rows[row - 1].Kind == RowKind.Data && Rows[row - 1].Cells[column] == Rows[row].Cells[column]) return 0; // covered by the row above
        var n = 1;
        while (row + n < Rows.Count && Rows[row + n].Kind == RowKind.Data && Rows[row + n].Cells[column] == Rows[row].Cells[column]) n++;
        return n;
    }
}
