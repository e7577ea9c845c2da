namespace Lianfang.Web.Features.Forms;

/// <summary>
/// A form laid out once and written twice (Word and Excel): title, the line under it, header fields, the table
/// (one or two header rows, category rows, merged category cells), opinion rows closing the table, signature lines
/// and notes.
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
    string FileStem);

/// <param name="Group">The upper header cell shared by neighbouring columns ("风险等级" over "自评" and "审定").</param>
/// <param name="Weight">Relative width.</param>
/// <param name="MergeRepeats">Equal neighbouring values are one merged cell (the category column).</param>
public sealed record FormColumn(string? Group, string Name, double Weight, bool Center = false, bool MergeRepeats = false);

public enum RowKind { Data, Section, Total }

public sealed record FormRow(IReadOnlyList<string> Cells, RowKind Kind = RowKind.Data);

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
