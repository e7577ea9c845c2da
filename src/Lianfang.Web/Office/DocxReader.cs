using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Lianfang.Core.Forms;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Lianfang.Web.Office;

/// <summary>Bounds on what a reader builds from one file, whatever the file claims.</summary>
public static class ReadLimits
{
    public const int MaxColumns = 64;
    public const int MaxRows = 50_000;
    public const int MaxCellChars = 20_000;
    public const int MaxTables = 500;
    public const int MaxNesting = 16;

    public static readonly OpenSettings Settings = new() { AutoSave = false, MaxCharactersInPart = 60_000_000 };

    /// <summary>What a malformed package or part throws while being read; anything else (an index out of range …) is a bug of ours.</summary>
    public static bool Unreadable(Exception e) => e is not ArgumentOutOfRangeException
        and (OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException
        or FormatException or InvalidOperationException or NotSupportedException or ArgumentException or KeyNotFoundException
        or OverflowException or InvalidCastException or System.Xml.Schema.XmlSchemaException);
}

/// <summary>
/// Reads the tables of a .docx into grids, streaming the document part: cell text by paragraph, line breaks kept,
/// gridSpan (horizontal) and vMerge (vertical) merges expanded, nested tables flattened into their cell, text in
/// drawings, deleted runs and unfilled content-control placeholders left out. The paragraphs above each table are
/// kept as its preamble.
/// </summary>
public static class DocxReader
{
    public static IReadOnlyList<Grid> Read(Stream stream) => ReadForm(stream).Grids;

    public static OfficeForm ReadForm(Stream stream)
    {
        try
        {
            using var doc = WordprocessingDocument.Open(stream, false, ReadLimits.Settings);
            var part = doc.MainDocumentPart ?? throw new BadFileException("Word 文件中没有正文");
            return new OfficeForm(ReadPart(part), ReadRecord(part));
        }
        catch (BadFileException) { throw; }
        catch (Exception e) when (ReadLimits.Unreadable(e))
        {
            throw new BadFileException("无法读取该 Word 文件，文件可能已损坏或不是标准的 .docx 格式");
        }
    }

    private sealed class Cell
    {
        public int Span = 1;
        public int VMerge; // 0 none, 1 restart, 2 continue
        public bool HMergeContinue;
        public readonly List<string> Lines = [];
        public int Chars;

        public void Add(string line)
        {
            if (Chars >= ReadLimits.MaxCellChars) return;
            Chars += line.Length;
            Lines.Add(line);
        }
    }

    private sealed class Row { public int Before; public readonly List<Cell> Cells = []; }

    private sealed class Table
    {
        public int GridColumns;
        public readonly List<Row> Rows = [];
        public Row? Row;
        public Cell? Cell;
    }

    private static IReadOnlyList<Grid> ReadPart(MainDocumentPart part)
    {
        var grids = new List<Grid>();
        var tables = new Stack<Table>();
        var preamble = new List<string>();
        var rows = 0;
        StringBuilder? para = null;
        var placeholder = false;

        using var r = OpenXmlReader.Create(part, false, false);
        var more = r.Read();
        while (more)
        {
            var t = r.ElementType;
            if (r.IsStartElement)
            {
                if (t == typeof(W.Drawing) || t == typeof(W.Picture) || t == typeof(W.EmbeddedObject) || t == typeof(W.DeletedRun)
                    || t == typeof(W.MoveFromRun) || t == typeof(AlternateContentFallback)
                    || placeholder && t.Name.StartsWith("SdtContent", StringComparison.Ordinal))
                {
                    if (t.Name.StartsWith("SdtContent", StringComparison.Ordinal)) placeholder = false;
                    r.Skip();
                    more = !r.EOF;
                    continue;
                }
                if (t == typeof(W.Paragraph)) para = new StringBuilder();
                else if (t == typeof(W.Text)) { if (para is { Length: < ReadLimits.MaxCellChars }) para.Append(r.GetText()); }
                else if (t == typeof(W.TabChar)) para?.Append(' ');
                else if (t == typeof(W.Break) || t == typeof(W.CarriageReturn)) para?.Append('\n');
                else if (t == typeof(W.NoBreakHyphen)) para?.Append('-');
                else if (t == typeof(W.ShowingPlaceholder)) placeholder = true;
                else if (t == typeof(W.Table))
                {
                    if (tables.Count >= ReadLimits.MaxNesting) throw new BadFileException("Word 文件中的表格嵌套过深，疑似异常文件");
                    tables.Push(new Table());
                }
                else if (tables.TryPeek(out var tbl))
                {
                    if (t == typeof(W.GridColumn)) tbl.GridColumns++;
                    else if (t == typeof(W.TableRow)) tbl.Row = new Row();
                    else if (t == typeof(W.GridBefore) && tbl.Row is { } row) row.Before = Math.Clamp(IntAttr(r, "val") ?? 0, 0, ReadLimits.MaxColumns);
                    else if (t == typeof(W.TableCell) && tbl.Row is not null) tbl.Cell = new Cell();
                    else if (t == typeof(W.GridSpan) && tbl.Cell is { } c) c.Span = Math.Clamp(IntAttr(r, "val") ?? 1, 1, ReadLimits.MaxColumns);
                    else if (t == typeof(W.VerticalMerge) && tbl.Cell is { } c2) c2.VMerge = Attr(r, "val") == "restart" ? 1 : 2;
                    else if (t == typeof(W.HorizontalMerge) && tbl.Cell is { } c3) c3.HMergeContinue = Attr(r, "val") != "restart";
                }
            }
            else if (r.IsEndElement)
            {
                if (t == typeof(W.Paragraph) && para is not null)
                {
                    var text = para.ToString();
                    para = null;
                    if (tables.TryPeek(out var tbl)) tbl.Cell?.Add(text);
                    else if (preamble.Count < 200) preamble.Add(text);
                }
                else if (tables.TryPeek(out var tbl))
                {
                    if (t == typeof(W.TableCell) && tbl.Cell is not null) { tbl.Row?.Cells.Add(tbl.Cell); tbl.Cell = null; }
                    else if (t == typeof(W.TableRow) && tbl.Row is not null)
                    {
                        if (++rows > ReadLimits.MaxRows) throw new BadFileException($"Word 文件中的表格超过 {ReadLimits.MaxRows} 行，请拆分后导入");
                        tbl.Rows.Add(tbl.Row);
                        tbl.Row = null;
                    }
                    else if (t == typeof(W.Table))
                    {
                        tables.Pop();
                        if (tables.TryPeek(out var parent))
                        {
                            // A table inside a cell: its rows become lines of that cell.
                            foreach (var line in tbl.Rows
                                         .Select(x => string.Join(" ", x.Cells.Select(c => string.Join(" ", c.Lines)).Where(s => s.Length > 0))))
                                if (line.Length > 0) parent.Cell?.Add(line);
                        }
                        else if (tbl.Rows.Count > 0)
                        {
                            if (grids.Count >= ReadLimits.MaxTables) throw new BadFileException("Word 文件中的表格过多，疑似异常文件");
                            var n = grids.Count + 1;
                            grids.Add(Build(tbl, n) with { Preamble = preamble.Where(p => p.Trim().Length > 0).ToList(), Label = $"第 {n} 个表格" });
                            preamble = [];
                        }
                    }
                }
            }
            more = r.Read();
        }
        return grids;
    }

    private static Grid Build(Table t, int n)
    {
        var width = Math.Max(t.GridColumns, t.Rows.Max(r => r.Before + r.Cells.Sum(c => c.Span)));
        width = Math.Clamp(width, 1, ReadLimits.MaxColumns);
        var rows = new List<GridRow>(t.Rows.Count);
        string[]? above = null;
        foreach (var (row, i) in t.Rows.Select((r, i) => (r, i)))
        {
            var cells = Enumerable.Repeat("", width).ToArray();
            var col = Math.Min(row.Before, width);
            string? left = null;
            foreach (var cell in row.Cells)
            {
                if (col >= width) break;
                var text = string.Join('\n', cell.Lines).Trim();
                if (cell.VMerge == 2 && above is not null) text = above[col];
                else if (cell.HMergeContinue && left is not null) text = left;
                for (var k = 0; k < cell.Span && col < width; k++) cells[col++] = text;
                left = text;
            }
            rows.Add(new GridRow(i + 1, cells));
            above = cells;
        }
        return new Grid($"表格{n}", rows);
    }

    /// <summary>The form record among the document's custom XML parts: rows of cells under our namespace; anything else is not ours.</summary>
    private static FormRecord? ReadRecord(MainDocumentPart main)
    {
        foreach (var part in main.CustomXmlParts.Take(ReadLimits.MaxTables))
        {
            try
            {
                using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
                using var xml = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings
                    { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 40_000_000, IgnoreWhitespace = true });
                if (xml.MoveToContent() != System.Xml.XmlNodeType.Element || xml.LocalName != "record" || xml.NamespaceURI != FormRecord.Namespace) continue;
                var rows = new List<List<string>>();
                xml.Read();
                while (!xml.EOF && rows.Count <= ReadLimits.MaxRows)
                {
                    var ours = xml.NodeType == System.Xml.XmlNodeType.Element && xml.NamespaceURI == FormRecord.Namespace;
                    if (ours && xml.LocalName == "c" && rows.Count > 0)
                    {
                        var text = xml.ReadElementContentAsString(); // moves to the next node itself
                        if (rows[^1].Count < ReadLimits.MaxColumns) rows[^1].Add(text);
                        continue;
                    }
                    if (ours && xml.LocalName == "r") rows.Add([]);
                    xml.Read();
                }
                return FormRecord.FromRows(rows, ReadLimits.MaxRows);
            }
            catch (Exception e) when (e is System.Xml.XmlException or IOException or InvalidOperationException) { } // a damaged part: read the form as printed
        }
        return null;
    }

    private static string? Attr(OpenXmlReader r, string name)
    {
        foreach (var a in r.Attributes) if (a.LocalName == name) return a.Value;
        return null;
    }

    private static int? IntAttr(OpenXmlReader r, string name) => int.TryParse(Attr(r, name), out var v) ? v : null;
}
