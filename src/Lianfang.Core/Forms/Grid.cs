namespace Lianfang.Core.Forms;

/// <summary>
/// A table as a file shows it: rows of cell text, each with the row number Excel shows (or, for a Word table,
/// its row counted from the top of the table), merged cells already expanded into every cell they cover.
/// </summary>
public sealed record Grid(string Name, IReadOnlyList<GridRow> Rows)
{
    /// <summary>Paragraphs above a Word table (title, 填表处室 line); empty for sheets.</summary>
    public IReadOnlyList<string> Preamble { get; init; } = [];

    /// <summary>"工作表“Sheet1”" or "第 2 个表格": where a row is, when a file holds several tables.</summary>
    public string Label { get; init; } = "";

    public int Width => Rows.Count == 0 ? 0 : Rows.Max(r => r.Cells.Count);
}

public sealed record GridRow(int Number, IReadOnlyList<string> Cells)
{
    public string this[int column] => column >= 0 && column < Cells.Count ? Cells[column] : "";
}
