using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Lianfang.Core.Forms;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Lianfang.Web.Office;

/// <summary>
/// Reads the visible sheets of an .xlsx into grids, streaming each part: shared and inline strings (rich text runs
/// joined, phonetic runs left out, _x000D_ escapes decoded), numbers as Excel shows whole numbers, row numbers as
/// Excel shows them, merged ranges filled into every cell they cover. Cells beyond the 64th column are ignored.
/// </summary>
public static partial class XlsxReader
{
    /// <summary>Merged ranges may fill at most this many cells per file; more is not a form people fill in.</summary>
    private const int MaxMergeFill = 2_000_000;

    public static IReadOnlyList<Grid> Read(Stream stream) => ReadForm(stream).Grids;

    public static OfficeForm ReadForm(Stream stream)
    {
        try
        {
            using var doc = SpreadsheetDocument.Open(stream, false, ReadLimits.Settings);
            var wb = doc.WorkbookPart ?? throw new BadFileException("Excel 文件中没有工作簿");
            var strings = wb.SharedStringTablePart is { } sst ? SharedStrings(sst) : [];
            var grids = new List<Grid>();
            var rows = 0;
            var (visible, recordId) = Sheets(wb);
            foreach (var (name, id) in visible)
            {
                if (Worksheet(wb, id) is not { } ws) continue; // chart sheets and the like
                var grid = Sheet(ws, name, strings, ref rows);
                if (grid.Rows.Count > 0) grids.Add(grid);
            }
            FormRecord? record = null;
            if (recordId is not null && Worksheet(wb, recordId) is { } recordSheet)
            {
                var recordRows = 0;
                record = FormRecord.FromRows(Sheet(recordSheet, FormRecord.SheetName, strings, ref recordRows).Rows.Select(r => r.Cells), ReadLimits.MaxRows);
            }
            return new OfficeForm(grids, record);
        }
        catch (BadFileException) { throw; }
        catch (Exception e) when (ReadLimits.Unreadable(e))
        {
            throw new BadFileException("无法读取该 Excel 文件，文件可能已损坏或不是标准的 .xlsx 格式");
        }
    }

    private static WorksheetPart? Worksheet(WorkbookPart wb, string id)
    {
        try { return wb.GetPartById(id) as WorksheetPart; }
        catch (ArgumentException) { return null; }
    }

    /// <summary>The visible sheets, and the (very hidden) sheet of a form's record.</summary>
    private static (List<(string Name, string Id)> Visible, string? Record) Sheets(WorkbookPart wb)
    {
        var sheets = new List<(string, string)>();
        string? record = null;
        using var r = OpenXmlReader.Create(wb, false, false);
        while (r.Read())
        {
            if (!r.IsStartElement || r.ElementType != typeof(S.Sheet)) continue;
            string? name = null, id = null, state = null;
            foreach (var a in r.Attributes)
            {
                if (a.LocalName == "name") name = a.Value;
                else if (a.LocalName == "state") state = a.Value;
                else if (a.LocalName == "id" && a.NamespaceUri.Contains("relationships")) id = a.Value;
            }
            if (id is not null && name == FormRecord.SheetName) record ??= id;
            if (id is null || state is "hidden" or "veryHidden") continue;
            if (sheets.Count >= ReadLimits.MaxTables) throw new BadFileException("Excel 文件中的工作表过多，疑似异常文件");
            sheets.Add((name ?? $"Sheet{sheets.Count + 1}", id));
        }
        return (sheets, record);
    }

    private static List<string> SharedStrings(SharedStringTablePart part)
    {
        var list = new List<string>();
        using var x = Xml(part);
        var more = x.Read();
        while (more)
        {
            if (x.NodeType == XmlNodeType.Element && x.LocalName == "si" && Ours(x) && !x.IsEmptyElement)
            {
                list.Add(StringItem(x));
                more = !x.EOF;
                continue;
            }
            if (x.NodeType == XmlNodeType.Element && x.LocalName == "si" && Ours(x)) list.Add("");
            more = x.Read();
        }
        return list;
    }

    /// <summary>
    /// A part read with a plain XmlReader: the SDK's OpenXmlReader allocates per element (≈150 MB for the 160,000 cells of a
    /// 10,000-point record sheet), a plain reader a fraction of that. Same limits as the SDK's: no DTD, at most MaxCharactersInPart.
    /// </summary>
    private static XmlReader Xml(OpenXmlPart part) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = true,
        MaxCharactersInDocument = ReadLimits.Settings.MaxCharactersInPart,
    });

    /// <summary>An element of SpreadsheetML, transitional or strict (the SDK reads both as the same elements).</summary>
    private static bool Ours(XmlReader x) => x.NamespaceURI is Main or StrictMain;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    /// <summary>
    /// The text of a shared or inline string (the reader on its non-empty si or is; left after its end): its first own t, else
    /// the first t of each run (phonetic guides excluded).
    /// </summary>
    private static string StringItem(XmlReader x)
    {
        var depth = x.Depth;
        string? plain = null;
        StringBuilder? runs = null;
        var inRun = false;
        var runText = false;
        x.Read();
        while (!x.EOF && x.Depth > depth)
        {
            if (x.NodeType == XmlNodeType.Element)
            {
                if (x.Depth == depth + 1)
                {
                    inRun = Ours(x) && x.LocalName == "r";
                    runText = false;
                    if (Ours(x) && x.LocalName == "t")
                    {
                        var t = Content(x);
                        plain ??= t;
                        continue;
                    }
                }
                else if (x.Depth == depth + 2 && inRun && !runText && Ours(x) && x.LocalName == "t")
                {
                    (runs ??= new StringBuilder()).Append(Content(x));
                    runText = true;
                    continue;
                }
            }
            x.Read();
        }
        if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth) x.Read();
        return Unescaped(plain ?? runs?.ToString() ?? "");
    }

    /// <summary>The text of a t or v element (empty when it is empty); leaves the reader after it.</summary>
    private static string Content(XmlReader x)
    {
        if (!x.IsEmptyElement) return x.ReadElementContentAsString();
        x.Read();
        return "";
    }

    private static string Unescaped(string text)
    {
        if (text.Length > ReadLimits.MaxCellChars) text = text[..ReadLimits.MaxCellChars];
        return text.Contains("_x", StringComparison.Ordinal)
            ? Escaped().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber)).ToString())
            : text;
    }

    /// <summary>A cell's attributes, the first v and the first inline string, gathered as the reader passes them.</summary>
    private sealed class PendingCell
    {
        public string? Reference, Type, Raw, Inline;
        public bool HasValue, HasInline;
    }

    private static Grid Sheet(WorksheetPart part, string name, List<string> strings, ref int totalRows)
    {
        var rows = new SortedDictionary<int, Dictionary<int, string>>();
        var merges = new List<(int R1, int C1, int R2, int C2)>();
        var rowNumber = 0;
        var col = -1;
        PendingCell? cell = null;
        var cellDepth = -1;
        using (var x = Xml(part))
        {
            var more = x.Read();
            while (more)
            {
                if (cell is not null && (x.Depth <= cellDepth || x.EOF))
                {
                    Take(cell, ref totalRows);
                    cell = null;
                }
                if (x.NodeType != XmlNodeType.Element || !Ours(x)) { more = x.Read(); continue; }
                if (cell is not null && x.Depth == cellDepth + 1)
                {
                    if (x.LocalName == "v" && !cell.HasValue)
                    {
                        (cell.Raw, cell.HasValue) = (Content(x), true);
                        more = !x.EOF;
                        continue;
                    }
                    if (x.LocalName == "is" && !cell.HasInline)
                    {
                        cell.HasInline = true;
                        if (x.IsEmptyElement) { cell.Inline = ""; x.Read(); }
                        else cell.Inline = StringItem(x);
                        more = !x.EOF;
                        continue;
                    }
                }
                switch (x.LocalName)
                {
                    case "row":
                        rowNumber = int.TryParse(Attribute(x, "r"), out var n) && n > 0 && n <= 1_048_576 ? n : rowNumber + 1;
                        col = -1;
                        break;
                    case "c":
                        cell = new PendingCell { Reference = Attribute(x, "r"), Type = Attribute(x, "t") };
                        cellDepth = x.Depth;
                        if (x.IsEmptyElement) { Take(cell, ref totalRows); cell = null; }
                        break;
                    case "mergeCell":
                        if (Range(Attribute(x, "ref")) is { } m) merges.Add(m);
                        break;
                }
                more = x.Read();
            }
            if (cell is not null) Take(cell, ref totalRows);
        }

        void Take(PendingCell c, ref int total)
        {
            var (cr, cc) = Reference(c.Reference);
            if (cr > 0 && cr != rowNumber) rowNumber = cr;
            col = cc ?? col + 1;
            if (rowNumber == 0) rowNumber = 1;
            if (col >= ReadLimits.MaxColumns) return;
            var value = Value(c, strings);
            if (string.IsNullOrWhiteSpace(value)) return;
            if (!rows.TryGetValue(rowNumber, out var cells))
            {
                if (++total > ReadLimits.MaxRows) throw new BadFileException($"Excel 文件超过 {ReadLimits.MaxRows} 行，请拆分后导入");
                rows[rowNumber] = cells = [];
            }
            cells[col] = value;
        }

        FillMerges(rows, merges);
        var width = rows.Count == 0 ? 0 : rows.Values.Max(c => c.Count == 0 ? 0 : c.Keys.Max() + 1);
        var grid = rows.Select(p => new GridRow(p.Key, Enumerable.Range(0, width).Select(c => p.Value.GetValueOrDefault(c, "")).ToArray())).ToList();
        return new Grid(name, grid) { Label = $"工作表“{name}”" };
    }

    /// <summary>Puts a merged range's value into each of its cells on the rows that exist (empty rows stay empty).</summary>
    private static void FillMerges(SortedDictionary<int, Dictionary<int, string>> rows, List<(int R1, int C1, int R2, int C2)> merges)
    {
        if (merges.Count == 0 || rows.Count == 0) return;
        var numbers = rows.Keys.ToArray();
        long filled = 0;
        foreach (var (r1, c1, r2, c2) in merges)
        {
            if (!rows.TryGetValue(r1, out var top) || !top.TryGetValue(c1, out var value)) continue;
            var from = Array.BinarySearch(numbers, r1);
            for (var i = from; i < numbers.Length && numbers[i] <= r2; i++)
            {
                var cells = rows[numbers[i]];
                for (var c = c1; c <= Math.Min(c2, ReadLimits.MaxColumns - 1); c++)
                {
                    if (++filled > MaxMergeFill) throw new BadFileException("Excel 文件中的合并单元格过多，疑似异常文件");
                    cells[c] = value;
                }
            }
        }
    }

    private static string Value(PendingCell cell, List<string> strings)
    {
        var type = cell.Type;
        var raw = cell.HasValue ? cell.Raw : null;
        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
            case "inlineStr":
                return cell.Inline ?? "";
            case "b":
                return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw ?? "";
            case "str" or "e" or "d":
                return raw ?? "";
            default:
                if (raw is null) return "";
                if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n))
                    return n == Math.Floor(n) && Math.Abs(n) < 1e15
                        ? ((long)n).ToString(CultureInfo.InvariantCulture)
                        : n.ToString("G15", CultureInfo.InvariantCulture);
                return raw;
        }
    }

    /// <summary>
    /// "C7" → (7, 2), "$C$7" too; a column beyond XFD or a row beyond Excel's last is not a cell. Scanned by hand: it runs for
    /// every cell, and a regex match allocates its groups each time.
    /// </summary>
    private static (int Row, int? Col) Reference(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return (0, null);
        var s = reference.AsSpan();
        var i = s[0] == '$' ? 1 : 0;
        var col = 0;
        var letters = 0;
        for (; i < s.Length && char.IsAsciiLetter(s[i]); i++, letters++) col = col * 26 + (char.ToUpperInvariant(s[i]) - 'A' + 1);
        if (letters is 0 or > 3) return (0, null);
        if (i < s.Length && s[i] == '$') i++;
        var digits = s[i..];
        if (digits.Length is 0 or > 7 || digits.ContainsAnyExceptInRange('0', '9')) return (0, null);
        var row = int.Parse(digits, CultureInfo.InvariantCulture);
        return (row <= 1_048_576 ? row : 0, col - 1);
    }

    private static (int, int, int, int)? Range(string? reference)
    {
        var parts = (reference ?? "").Split(':');
        if (parts.Length != 2) return null;
        var (r1, c1) = Reference(parts[0]);
        var (r2, c2) = Reference(parts[1]);
        if (r1 <= 0 || r2 < r1 || c1 is not { } a || c2 is not { } b || b < a) return null;
        return (r1, a, r2, b);
    }

    /// <summary>An attribute by its local name, whatever its prefix (as the SDK's readers matched them).</summary>
    private static string? Attribute(XmlReader x, string name)
    {
        string? value = null;
        while (value is null && x.MoveToNextAttribute()) if (x.LocalName == name) value = x.Value;
        x.MoveToElement();
        return value;
    }

    [GeneratedRegex(@"_x([0-9A-Fa-f]{4})_")] private static partial Regex Escaped();
}
