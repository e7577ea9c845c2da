using System.Globalization;
using System.Text.RegularExpressions;
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
        using var r = OpenXmlReader.Create(part, false, false);
        while (r.Read())
        {
            if (!r.IsStartElement || r.ElementType != typeof(S.SharedStringItem)) continue;
            list.Add(Text((S.SharedStringItem)r.LoadCurrentElement()!));
        }
        return list;
    }

    /// <summary>The text of a shared or inline string: its plain text, else its runs (phonetic guides excluded).</summary>
    private static string Text(OpenXmlCompositeElement item)
    {
        var plain = item.GetFirstChild<S.Text>()?.Text;
        var text = plain ?? string.Concat(item.Elements<S.Run>().Select(r => r.Text?.Text));
        if (text.Length > ReadLimits.MaxCellChars) text = text[..ReadLimits.MaxCellChars];
        return text.Contains("_x", StringComparison.Ordinal)
            ? Escaped().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber)).ToString())
            : text;
    }

    private static Grid Sheet(WorksheetPart part, string name, List<string> strings, ref int totalRows)
    {
        var rows = new SortedDictionary<int, Dictionary<int, string>>();
        var merges = new List<(int R1, int C1, int R2, int C2)>();
        var rowNumber = 0;
        using (var r = OpenXmlReader.Create(part, false, false))
        {
            var col = -1;
            while (r.Read())
            {
                if (!r.IsStartElement) continue;
                var t = r.ElementType;
                if (t == typeof(S.Row))
                {
                    var at = r.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                    rowNumber = int.TryParse(at, out var n) && n > 0 && n <= 1_048_576 ? n : rowNumber + 1;
                    col = -1;
                }
                else if (t == typeof(S.Cell))
                {
                    var cell = (S.Cell)r.LoadCurrentElement()!;
                    var (cr, cc) = Reference(cell.CellReference?.Value);
                    if (cr > 0 && cr != rowNumber) rowNumber = cr;
                    col = cc ?? col + 1;
                    if (rowNumber == 0) rowNumber = 1;
                    if (col >= ReadLimits.MaxColumns) continue;
                    var value = Value(cell, strings);
                    if (string.IsNullOrWhiteSpace(value)) continue;
                    if (!rows.TryGetValue(rowNumber, out var cells))
                    {
                        if (++totalRows > ReadLimits.MaxRows) throw new BadFileException($"Excel 文件超过 {ReadLimits.MaxRows} 行，请拆分后导入");
                        rows[rowNumber] = cells = [];
                    }
                    cells[col] = value;
                }
                else if (t == typeof(S.MergeCell))
                {
                    var reference = r.Attributes.FirstOrDefault(a => a.LocalName == "ref").Value;
                    if (Range(reference) is { } m) merges.Add(m);
                }
            }
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

    private static string Value(S.Cell cell, List<string> strings)
    {
        var type = cell.GetAttributes().FirstOrDefault(a => a.LocalName == "t").Value;
        var raw = cell.CellValue?.Text;
        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
            case "inlineStr":
                return cell.InlineString is { } inline ? Text(inline) : "";
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

    /// <summary>"C7" → (7, 2); a column beyond XFD or a row beyond Excel's last is not a cell.</summary>
    private static (int Row, int? Col) Reference(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return (0, null);
        var m = CellRef().Match(reference);
        if (!m.Success) return (0, null);
        var col = 0;
        foreach (var ch in m.Groups[1].Value.ToUpperInvariant()) col = col * 26 + (ch - 'A' + 1);
        var row = int.TryParse(m.Groups[2].Value, out var r) && r <= 1_048_576 ? r : 0;
        return (row, col - 1);
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

    [GeneratedRegex(@"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")] private static partial Regex CellRef();
    [GeneratedRegex(@"_x([0-9A-Fa-f]{4})_")] private static partial Regex Escaped();
}
