using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Lianfang.Core.Forms;
using Text = DocumentFormat.OpenXml.Spreadsheet.Text;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Lianfang.Web.Office;

/// <summary>
/// A unit's own Excel form as a template: finds the placeholders in its cells and page headers, and fills a copy, the
/// one row holding point or measure placeholders repeated once per item. Filling works like Excel inserting rows
/// under the template row: rows, merges, defined names (print area and titles), conditional formats, validations,
/// hyperlinks, page breaks, tables, pictures and formula references below move down, and a range that spans the
/// template row grows over its copies (a total's SUM too). Values are written as inline strings; one a spreadsheet
/// would take for a formula gets a quote-prefix twin of its cell's format. Not moved: cell comments (their note
/// boxes are VML) and formulas inside extension lists (x14 conditional formats); shared formulas in the template
/// row stay in its first copy only (in the others the cell is left empty).
/// </summary>
public static partial class XlsxTemplate
{
    /// <summary>
    /// Every placeholder in every worksheet cell (shared strings, inline strings, rich-text runs joined) and page
    /// header/footer, with Where = "工作表名!B4"; RepeatingRows = the rows ("工作表名 第4行") holding a point or measure
    /// placeholder; BaseForm = the form code when the file's keywords are "lianfang-form:&lt;code&gt;" (LibreOffice saves
    /// them again as "lianfang-form &lt;code&gt;", keywords being a list to it).
    /// </summary>
    public static TemplateScan Scan(Stream xlsx)
    {
        try
        {
            using var doc = SpreadsheetDocument.Open(xlsx, false, ReadLimits.Settings);
            var wb = doc.WorkbookPart ?? throw new BadFileException("Excel 文件中没有工作簿");
            var strings = SharedStrings(wb);
            var found = new List<PlaceholderAt>();
            var repeating = new List<string>();
            foreach (var (name, part) in Worksheets(wb))
            {
                var ws = part.Worksheet;
                foreach (var row in Rows(ws))
                {
                    var cells = row.Elements<Cell>()
                        .Select(c => (Ref: c.CellReference!.Value!, Names: Content(c, strings) is { } content
                            ? TemplateFields.Scan(Joined(content)).Select(f => f.Name).ToList() : []))
                        .Where(c => c.Names.Count > 0).ToList();
                    var repeats = cells.Any(c => c.Names.Any(IsRowField));
                    if (repeats) repeating.Add($"{name} 第{row.RowIndex!.Value}行");
                    found.AddRange(cells.SelectMany(c => c.Names.Select(n => new PlaceholderAt(n, $"{name}!{c.Ref}", repeats))));
                }
                foreach (var e in HeaderFooters(ws))
                    found.AddRange(TemplateFields.Scan(e.Text).Select(f => new PlaceholderAt(f.Name,
                        $"{name} {(e is OddHeader or EvenHeader or FirstHeader ? "页眉" : "页脚")}", false)));
            }
            var form = BaseFormKeywords().Match(doc.PackageProperties.Keywords ?? "");
            return new TemplateScan(found, repeating, form.Success ? form.Groups["code"].Value : null);
        }
        catch (BadFileException) { throw; }
        catch (Exception e) when (ReadLimits.Unreadable(e))
        {
            throw new BadFileException("无法读取该 Excel 模板，文件可能已损坏或不是标准的 .xlsx 格式");
        }
    }

    /// <summary>
    /// A copy of the template with every placeholder filled: outside the repeating row from <c>data.Values</c>
    /// (missing → ""), the repeating row once per <c>data.Rows</c> item (none → the row is removed) from the item's
    /// values falling back to <c>data.Values</c>, rows below moved down; the file's keywords set to <paramref name="keywords"/>.
    /// </summary>
    public static byte[] Fill(Stream xlsx, TemplateData data, string keywords)
    {
        using var ms = new MemoryStream();
        xlsx.CopyTo(ms);
        try
        {
            using (var doc = SpreadsheetDocument.Open(ms, true,
                       new OpenSettings { AutoSave = true, MaxCharactersInPart = ReadLimits.Settings.MaxCharactersInPart }))
            {
                if (doc.DocumentType == SpreadsheetDocumentType.Template) doc.ChangeDocumentType(SpreadsheetDocumentType.Workbook);
                var wb = doc.WorkbookPart ?? throw new BadFileException("Excel 文件中没有工作簿");
                var strings = SharedStrings(wb);
                var styles = new Styles(wb);
                var sheets = Worksheets(wb).ToList();
                string Header(string name) => data.Values.GetValueOrDefault(name) ?? "";

                (string Sheet, WorksheetPart Part, Row Row)? repeat = null;
                foreach (var (name, part) in sheets)
                    foreach (var row in Rows(part.Worksheet))
                    {
                        if (repeat is null && row.Elements<Cell>().Any(c =>
                                Content(c, strings) is { } content && TemplateFields.Scan(Joined(content)).Any(f => IsRowField(f.Name))))
                        {
                            repeat = (name, part, row);
                            continue;
                        }
                        foreach (var cell in row.Elements<Cell>()) FillCell(cell, strings, Header, styles);
                    }
                foreach (var (_, part) in sheets)
                    foreach (var e in HeaderFooters(part.Worksheet)) e.Text = FillHeaderFooter(e.Text, Header);

                if (repeat is { } r) Repeat(wb, sheets, r.Sheet, r.Part, r.Row, data, strings, styles);
                doc.PackageProperties.Keywords = keywords;
            }
            return ms.ToArray();
        }
        catch (BadFileException) { throw; }
        catch (Exception e) when (ReadLimits.Unreadable(e))
        {
            throw new BadFileException("无法读取该 Excel 模板，文件可能已损坏或不是标准的 .xlsx 格式");
        }
    }

    private static bool IsRowField(string name) =>
        name.StartsWith(TemplateFields.PointPrefix, StringComparison.Ordinal) || name.StartsWith(TemplateFields.MeasurePrefix, StringComparison.Ordinal);

    /// <summary>Replaces the template row by one copy per item and moves everything below it.</summary>
    private static void Repeat(WorkbookPart wb, List<(string Name, WorksheetPart Part)> sheets, string sheet, WorksheetPart part, Row template,
        TemplateData data, IReadOnlyList<SharedStringItem> strings, Styles styles)
    {
        var ws = part.Worksheet;
        var at = (int)template.RowIndex!.Value;
        var n = data.Rows.Count;
        var shift = new RowShift(at, n);

        // Merges inside the template row repeat with it; the others move like everything else.
        var rowMerges = new List<(int C1, int C2)>();
        foreach (var mc in ws.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>()).ToList())
        {
            var area = Area.Parse(mc.Reference?.Value);
            if (area is { R1: var r1, R2: var r2 } && r1 == at && r2 == at) { rowMerges.Add((area.C1, area.C2)); mc.Remove(); }
            else if (mc.Reference?.Value is { } reference && shift.Range(reference) is { } moved) mc.Reference = moved;
            else mc.Remove();
        }

        foreach (var (name, other) in sheets)
            foreach (var f in other.Worksheet.Descendants<CellFormula>())
            {
                var text = f.Text;
                f.Text = shift.Formula(text, name, sheet);
                if (name == sheet && f.Reference?.Value is { } fr) f.Reference = shift.Range(fr) ?? fr;
                // A result cached before the rows were filled is stale; LibreOffice shows a cached result without
                // recalculating, and computes a formula that has none.
                if ((name == sheet || f.Text != text) && f.Parent is Cell c) c.CellValue = null;
            }
        foreach (var dn in wb.Workbook.DefinedNames?.Elements<DefinedName>() ?? [])
            dn.Text = shift.Formula(dn.Text, null, sheet);
        foreach (var row in Rows(ws).Where(r => r.RowIndex!.Value > at).ToList())
        {
            var moved = shift.Row((int)row.RowIndex!.Value);
            row.RowIndex = (uint)moved;
            foreach (var c in row.Elements<Cell>()) c.CellReference = Area.Column(CellColumn(c)) + moved.ToString(CultureInfo.InvariantCulture);
        }
        MoveTheRest(ws, part, sheet, shift);

        var cells = template.Elements<Cell>().Select(c => (Col: CellColumn(c), Content: Content(c, strings))).ToList();
        var spans = rowMerges.GroupBy(m => m.C1).ToDictionary(g => g.Key, g => g.First().C2);
        // A cell that is nothing but one placeholder merges down over consecutive items with the same merge key.
        var groups = new List<(int C1, int C2, int From, int To)>();
        foreach (var (col, content) in cells)
        {
            if (content is null) continue;
            var text = Joined(content).Trim();
            if (TemplateFields.Scan(text).ToList() is not [var only] || only.Length != text.Length) continue;
            for (var i = 0; i < n; i++)
            {
                if (data.Rows[i].MergeKeys.GetValueOrDefault(only.Name) is not { } key) continue;
                var j = i;
                while (j + 1 < n && data.Rows[j + 1].MergeKeys.GetValueOrDefault(only.Name) == key) j++;
                if (j > i) groups.Add((col, spans.GetValueOrDefault(col, col), i, j));
                i = j;
            }
        }

        var widths = new ColumnWidths(ws);
        var defaultHeight = ws.GetFirstChild<SheetFormatProperties>()?.DefaultRowHeight?.Value ?? 15;
        var after = (OpenXmlElement)template;
        for (var i = 0; i < n; i++)
        {
            var item = data.Rows[i];
            string Value(string name) => item.Values.GetValueOrDefault(name) ?? data.Values.GetValueOrDefault(name) ?? "";
            var copy = (Row)template.CloneNode(true);
            var number = at + i;
            copy.RowIndex = (uint)number;
            var needed = 0.0;
            var lineBreak = false;
            foreach (var c in copy.Elements<Cell>())
            {
                var col = CellColumn(c);
                c.CellReference = Area.Column(col) + number.ToString(CultureInfo.InvariantCulture);
                if (c.CellFormula is { } f)
                {
                    // Each copy's relative references move with it, as when Excel copies a row; a shared formula's
                    // dependents would point at a master outside their range, so only the first copy keeps it.
                    if (i > 0 && f.FormulaType?.Value == CellFormulaValues.Shared) f.Remove();
                    else if (i > 0)
                    {
                        f.Text = RowShift.Offset(f.Text, i);
                        if (f.Reference?.Value is { } fr) f.Reference = RowShift.OffsetArea(fr, i);
                    }
                }
                if (groups.Any(g => g.C1 == col && i > g.From && i <= g.To)) { Clear(c); continue; }
                if (FillCell(c, strings, Value, styles) is not { } text) continue;
                lineBreak |= text.Contains('\n');
                if (groups.Any(g => g.C1 == col && i == g.From) || !styles.Wraps(c.StyleIndex?.Value ?? 0) && !text.Contains('\n')) continue;
                var size = styles.FontSize(c.StyleIndex?.Value ?? 0);
                needed = Math.Max(needed, Lines(text, widths.Span(col, spans.GetValueOrDefault(col, col)), size) * size * 1.5 + 4);
            }
            // Excel keeps a stored height; LibreOffice re-measures a row without customHeight, so both show wrapped lines.
            var height = copy.Height?.Value ?? defaultHeight;
            if (needed > height) copy.Height = Math.Min(409, Math.Round(needed, 1));
            if (needed > height || lineBreak) copy.CustomHeight = null;
            after = after.InsertAfterSelf(copy);
        }
        template.Remove();

        var merges = new List<string>();
        for (var i = 0; i < n; i++)
            foreach (var (c1, c2) in rowMerges)
                if (!groups.Any(g => g.C1 == c1 && i >= g.From && i <= g.To)) merges.Add(Area.Format(c1, at + i, c2, at + i));
        merges.AddRange(groups.Select(g => Area.Format(g.C1, at + g.From, g.C2, at + g.To)));
        SetMerges(ws, merges);

        if (wb.CalculationChainPart is { } chain) wb.DeletePart(chain); // Excel rebuilds it; a stale one is "repaired"
        if (sheets.Any(s => s.Part.Worksheet.Descendants<CellFormula>().Any()))
            (wb.Workbook.CalculationProperties ??= new CalculationProperties()).FullCalculationOnLoad = true;
    }

    /// <summary>What refers to rows of the sheet outside its cells and merges.</summary>
    private static void MoveTheRest(Worksheet ws, WorksheetPart part, string sheet, RowShift shift)
    {
        if (ws.GetFirstChild<SheetDimension>() is { Reference.Value: { } dim } dimension) dimension.Reference = shift.Range(dim) ?? dim;
        if (ws.GetFirstChild<AutoFilter>() is { Reference.Value: { } af } filter) filter.Reference = shift.Range(af) ?? af;
        foreach (var cf in ws.Elements<ConditionalFormatting>().ToList())
        {
            if (shift.Sqref(cf.SequenceOfReferences) is not { } sqref) { cf.Remove(); continue; }
            cf.SequenceOfReferences = sqref;
            foreach (var f in cf.Descendants<Formula>()) f.Text = shift.Formula(f.Text, sheet, sheet);
        }
        if (ws.GetFirstChild<DataValidations>() is { } validations)
        {
            foreach (var dv in validations.Elements<DataValidation>().ToList())
            {
                if (shift.Sqref(dv.SequenceOfReferences) is not { } sqref) { dv.Remove(); continue; }
                dv.SequenceOfReferences = sqref;
                if (dv.Formula1 is { } f1) f1.Text = shift.Formula(f1.Text, sheet, sheet);
                if (dv.Formula2 is { } f2) f2.Text = shift.Formula(f2.Text, sheet, sheet);
            }
            if (!validations.HasChildren) validations.Remove();
            else validations.Count = (uint)validations.ChildElements.Count;
        }
        if (ws.GetFirstChild<Hyperlinks>() is { } links)
        {
            foreach (var h in links.Elements<Hyperlink>().ToList())
                if (h.Reference?.Value is { } hr && shift.Range(hr) is { } moved) h.Reference = moved;
                else h.Remove();
            if (!links.HasChildren) links.Remove();
        }
        if (ws.GetFirstChild<RowBreaks>() is { } breaks)
            foreach (var b in breaks.Elements<Break>())
                // a break after the template row goes after its last copy
                if (b.Id?.Value is { } id && id >= shift.At) b.Id = (uint)Math.Max(0, (int)id + shift.Delta);
        foreach (var table in part.TableDefinitionParts.Select(t => t.Table).OfType<Table>())
        {
            if (table.Reference?.Value is { } tr) table.Reference = shift.Range(tr) ?? tr;
            if (table.AutoFilter?.Reference?.Value is { } tf) table.AutoFilter.Reference = shift.Range(tf) ?? tf;
        }
        if (part.DrawingsPart?.WorksheetDrawing is { } drawing)
            foreach (var marker in drawing.Descendants<Xdr.FromMarker>().Cast<OpenXmlElement>().Concat(drawing.Descendants<Xdr.ToMarker>()))
                if (marker.GetFirstChild<Xdr.RowId>() is { } rowId && int.TryParse(rowId.Text, CultureInfo.InvariantCulture, out var r0) && r0 + 1 > shift.At)
                    rowId.Text = (r0 + shift.Delta).ToString(CultureInfo.InvariantCulture); // markers count rows from 0
    }

    private static void SetMerges(Worksheet ws, List<string> added)
    {
        var mergeCells = ws.GetFirstChild<MergeCells>();
        if (mergeCells is null && added.Count > 0)
        {
            mergeCells = new MergeCells();
            // mergeCells comes after sheetData and the elements the schema puts between them
            var before = ws.ChildElements.LastOrDefault(e => e is SheetData or SheetCalculationProperties or SheetProtection or ProtectedRanges
                or Scenarios or AutoFilter or SortState or DataConsolidate or CustomSheetViews);
            if (before is null) ws.Append(mergeCells); else before.InsertAfterSelf(mergeCells);
        }
        if (mergeCells is null) return;
        foreach (var m in added) mergeCells.Append(new MergeCell { Reference = m });
        if (!mergeCells.HasChildren) mergeCells.Remove();
        else mergeCells.Count = (uint)mergeCells.ChildElements.Count;
    }

    /// <summary>Fills a string cell's placeholders; returns its new text, or null when it holds none.</summary>
    private static string? FillCell(Cell cell, IReadOnlyList<SharedStringItem> strings, Func<string, string> value, Styles styles)
    {
        if (Content(cell, strings) is not { } content) return null;
        var joined = Joined(content);
        var count = TemplateFields.Scan(joined).Count();
        if (count == 0) return null;
        string Filled(string text) => TemplateFields.Fill(text, name => value(name).ReplaceLineEndings("\n"));
        // Runs keep their formatting unless a placeholder was split across runs; then the cell's own format applies.
        List<(RunProperties? Props, string Text)> runs = content.Sum(s => TemplateFields.Scan(s.Text).Count()) == count
            ? [.. content.Select(s => (s.Props, Filled(s.Text))).Where(s => s.Item2.Length > 0)]
            : [(null, Filled(joined))];
        var text = Joined(runs);
        Clear(cell);
        if (text.Length == 0) return text;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = runs is [(null, _)]
            ? new InlineString(Plain(text))
            : new InlineString(runs.Select(s => s.Props is null ? new Run(Plain(s.Text)) : new Run(s.Props.CloneNode(true), Plain(s.Text))));
        // Text that a spreadsheet would read as a formula when edited stays literal (quote prefix), as XlsxWriter does.
        var literal = text[0] is '=' or '+' or '-' or '@' or '\t';
        var wrap = text.Contains('\n');
        var style = cell.StyleIndex?.Value ?? 0;
        if (literal || wrap && !styles.Wraps(style)) cell.StyleIndex = styles.Twin(style, literal, wrap);
        return text;
    }

    private static void Clear(Cell cell)
    {
        cell.CellValue = null;
        cell.InlineString = null;
        cell.DataType = null;
    }

    private static Text Plain(string text) => new(Encode(text)) { Space = SpaceProcessingModeValues.Preserve };

    /// <summary>Fills a page header or footer, where &amp; starts a code ("&amp;&amp;" is a literal one).</summary>
    private static string FillHeaderFooter(string text, Func<string, string> value)
    {
        var found = TemplateFields.Scan(text).ToList();
        for (var i = found.Count - 1; i >= 0; i--)
        {
            var f = found[i];
            var v = value(f.Name).Replace("&", "&&", StringComparison.Ordinal).ReplaceLineEndings("\n");
            // "&12" is a font size: a value starting with a digit right after it would change the size
            if (v.Length > 0 && char.IsAsciiDigit(v[0]) && FontSizeCode().IsMatch(text[..f.Index])) v = " " + v;
            text = text[..f.Index] + v + text[(f.Index + f.Length)..];
        }
        return text;
    }

    private static IEnumerable<OpenXmlLeafTextElement> HeaderFooters(Worksheet ws) =>
        ws.Elements<HeaderFooter>().SelectMany(h => h.ChildElements.OfType<OpenXmlLeafTextElement>());

    private static IEnumerable<(string Name, WorksheetPart Part)> Worksheets(WorkbookPart wb)
    {
        foreach (var s in wb.Workbook.Sheets?.Elements<Sheet>() ?? [])
            if (s.Id?.Value is { } id && wb.TryGetPartById(id, out var p) && p is WorksheetPart ws)
                yield return (s.Name?.Value ?? "", ws);
    }

    /// <summary>The sheet's rows, each row and cell given its explicit number and reference (both are optional in a file).</summary>
    private static IEnumerable<Row> Rows(Worksheet ws)
    {
        var last = 0;
        foreach (var row in ws.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            var number = row.RowIndex?.Value is { } r and > 0 ? (int)r : last + 1;
            row.RowIndex = (uint)number;
            last = number;
            var col = -1;
            foreach (var c in row.Elements<Cell>())
            {
                col = Area.Parse(c.CellReference?.Value) is { } a ? a.C1 : col + 1;
                c.CellReference = Area.Column(col) + number.ToString(CultureInfo.InvariantCulture);
            }
            yield return row;
        }
    }

    private static int CellColumn(Cell c) => Area.Parse(c.CellReference?.Value)!.C1;

    private static List<SharedStringItem> SharedStrings(WorkbookPart wb) =>
        wb.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().ToList() ?? [];

    /// <summary>A string cell's text as runs (one run without properties for plain text), escapes decoded; null for other cells.</summary>
    private static List<(RunProperties? Props, string Text)>? Content(Cell c, IReadOnlyList<SharedStringItem> strings)
    {
        OpenXmlCompositeElement? item = null;
        if (c.DataType?.Value == CellValues.SharedString)
        {
            if (int.TryParse(c.CellValue?.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count)
                item = strings[i];
        }
        else if (c.DataType?.Value == CellValues.InlineString) item = c.InlineString;
        if (item is null) return null;
        if (item.GetFirstChild<Text>() is { } t) return [(null, Decode(t.Text))];
        return [.. item.Elements<Run>().Select(r => (r.RunProperties, Decode(r.Text?.Text ?? "")))];
    }

    private static string Joined(IEnumerable<(RunProperties? Props, string Text)> runs) => string.Concat(runs.Select(r => r.Text));

    private static string Decode(string text) =>
        text.Contains("_x", StringComparison.Ordinal)
            ? Escaped().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : text;

    /// <summary>Control characters XML cannot hold, and text that reads as an escape, in the _xHHHH_ form Excel uses.</summary>
    private static string Encode(string text)
    {
        text = Escaped().Replace(text, m => "_x005F" + m.Value);
        return text.Any(ch => ch < ' ' && ch is not ('\t' or '\n'))
            ? string.Concat(text.Select(ch => ch < ' ' && ch is not ('\t' or '\n') ? $"_x{(int)ch:X4}_" : ch.ToString()))
            : text;
    }

    /// <summary>Lines a text takes in a width of this many character widths (a CJK character is two) at a font size.</summary>
    private static int Lines(string text, double width, double size)
    {
        if (width <= 0) return 1; // a hidden column shows nothing
        var per = Math.Max(1, width * 11 / size - 1);
        return text.Split('\n').Sum(line => Math.Max(1, (int)Math.Ceiling(line.Sum(ch => ch > 0x2E7F ? 2.0 : 1.1) / per)));
    }

    [GeneratedRegex(@"_x([0-9A-Fa-f]{4})_")] private static partial Regex Escaped();
    [GeneratedRegex(@"&\d+$")] private static partial Regex FontSizeCode();
    [GeneratedRegex(@"^\s*lianfang-form[\s:：;,]+(?<code>[^\s:：;,]+)")] private static partial Regex BaseFormKeywords();
    [GeneratedRegex(@"^(?<col>\$?[A-Za-z]{1,3})?(?<abs>\$?)(?<row>[0-9]{1,7})?$")] private static partial Regex EndPattern();
    /// <summary>A string literal (left alone), or a reference with its optional sheet: a cell, an area, or whole rows.</summary>
    [GeneratedRegex("""(?<str>"(?:[^"]|"")*")|""" +
        """(?<![\w.$'!:\]])(?:(?<sheet>'(?:[^']|'')+'|[^\W\d][\w.]*)!)?""" +
        """(?<area>\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(?::\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?|\$?[0-9]{1,7}:\$?[0-9]{1,7})(?![\w.(!:'$\[])""")]
    private static partial Regex References();

    /// <summary>A cell or rectangular area, columns from 0 and rows from 1.</summary>
    private sealed record Area(int C1, int R1, int C2, int R2)
    {
        /// <summary>"B4" or "B4:C5"; whole rows or columns are not an area here.</summary>
        public static Area? Parse(string? reference)
        {
            var parts = (reference ?? "").Split(':');
            if (parts.Length is not (1 or 2) || End.Parse(parts[0]) is not { Row: { } r1 } a || a.Column() is not { } c1) return null;
            if (parts.Length == 1) return new Area(c1, r1, c1, r1);
            return End.Parse(parts[1]) is { Row: { } r2 } b && b.Column() is { } c2 ? new Area(c1, r1, c2, r2) : null;
        }

        public static string Column(int col)
        {
            var s = "";
            for (var c = col + 1; c > 0; c = (c - 1) / 26) s = (char)('A' + (c - 1) % 26) + s;
            return s;
        }

        public static string Format(int c1, int r1, int c2, int r2) =>
            string.Create(CultureInfo.InvariantCulture, $"{Column(c1)}{r1}:{Column(c2)}{r2}");
    }

    /// <summary>One end of a reference: "$B$4", "B4", "$4" (a whole row) or "B" (a whole column).</summary>
    private sealed record End(string Col, bool Absolute, int? Row)
    {
        public static End? Parse(string s) => EndPattern().Match(s) is { Success: true } m && (m.Groups["col"].Success || m.Groups["row"].Success)
            ? new End(m.Groups["col"].Value, m.Groups["abs"].Length > 0,
                m.Groups["row"].Success ? int.Parse(m.Groups["row"].Value, CultureInfo.InvariantCulture) : null)
            : null;

        public int? Column()
        {
            if (Col.Length == 0) return null;
            var col = 0;
            foreach (var ch in Col.TrimStart('$').ToUpperInvariant()) col = col * 26 + (ch - 'A' + 1);
            return col - 1;
        }

        public string With(int row) => Col + (Absolute ? "$" : "") + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Row <see cref="At"/> replaced by <c>count</c> copies, as Excel inserts rows under it: rows below move by
    /// <see cref="Delta"/>, a range that spans the row grows over the copies, and with no copies a reference to the row alone is gone.
    /// </summary>
    private sealed class RowShift(int at, int count)
    {
        public int At => at;
        public int Delta => count - 1;

        public int Row(int row) => row > at ? row + Delta : row;

        /// <summary>A reference moved, or null when it is gone; whole columns and what is not a reference stay as they are.</summary>
        public string? Range(string reference, bool cellSpans = false)
        {
            var parts = reference.Split(':');
            if (parts.Length is not (1 or 2) || End.Parse(parts[0]) is not { Row: { } r1 } a) return reference;
            var b = parts.Length == 2 ? End.Parse(parts[1]) : a;
            if (b?.Row is not { } r2) return reference;
            if (parts.Length == 1 && !cellSpans) return r1 == at && count == 0 ? null : a.With(Row(r1));
            var (n1, n2) = (r1 > at ? r1 + Delta : r1, r2 >= at ? r2 + Delta : r2);
            if (n2 < n1) return null;
            return parts.Length == 1 && n1 == n2 ? a.With(n1) : $"{a.With(n1)}:{b.With(n2)}";
        }

        /// <summary>A list of ranges (conditional formats, validations); one on a cell of the template row covers its copies.</summary>
        public ListValue<StringValue>? Sqref(ListValue<StringValue>? list)
        {
            var moved = (list?.InnerText ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(r => Range(r, cellSpans: true))
                .OfType<string>()
                .ToList();
            return moved.Count == 0 ? null : new ListValue<StringValue>(moved.Select(r => new StringValue(r)));
        }

        /// <summary>
        /// The references of a formula to the moved sheet (<paramref name="own"/> is the sheet the formula stands on,
        /// whose references need no sheet name); one to a row that is gone becomes #REF!, as in Excel.
        /// </summary>
        public string Formula(string formula, string? own, string sheet) => References().Replace(formula, m =>
        {
            if (m.Groups["str"].Success) return m.Value;
            var named = m.Groups["sheet"].Success ? Unquote(m.Groups["sheet"].Value) : own;
            if (!string.Equals(named, sheet, StringComparison.OrdinalIgnoreCase)) return m.Value;
            var area = m.Groups["area"];
            return m.Value[..(area.Index - m.Index)] + (Range(area.Value) ?? "#REF!");
        });

        /// <summary>A formula copied <paramref name="rows"/> rows down: its relative row references follow.</summary>
        public static string Offset(string formula, int rows) => References().Replace(formula, m =>
        {
            if (m.Groups["str"].Success) return m.Value;
            var area = m.Groups["area"];
            return m.Value[..(area.Index - m.Index)] + OffsetArea(area.Value, rows);
        });

        public static string OffsetArea(string reference, int rows) => string.Join(':', reference.Split(':')
            .Select(p => End.Parse(p) is { Row: { } r, Absolute: false } e ? e.With(r + rows) : p));

        private static string Unquote(string sheet) => sheet.StartsWith('\'') ? sheet[1..^1].Replace("''", "'", StringComparison.Ordinal) : sheet;
    }

    /// <summary>Column widths as the sheet sets them (hidden columns have none).</summary>
    private sealed class ColumnWidths(Worksheet ws)
    {
        private readonly List<Column> _columns = [.. ws.Elements<Columns>().SelectMany(c => c.Elements<Column>())];
        private readonly double _default = ws.GetFirstChild<SheetFormatProperties>() is { } f
            ? f.DefaultColumnWidth?.Value ?? (f.BaseColumnWidth?.Value ?? 8) + 0.43 : 8.43;

        public double Span(int c1, int c2) => Enumerable.Range(c1, c2 - c1 + 1).Sum(Width);

        private double Width(int col) => _columns.FirstOrDefault(c => c.Min?.Value <= col + 1 && c.Max?.Value >= col + 1) is { } c
            ? c.Hidden?.Value == true ? 0 : c.Width?.Value ?? _default
            : _default;
    }

    /// <summary>The workbook's cell formats, and twins of them that are literal (quote prefix) or wrap text.</summary>
    private sealed class Styles
    {
        private readonly Stylesheet _sheet;
        private readonly CellFormats _formats;
        private readonly Dictionary<(uint, bool, bool), uint> _twins = [];

        public Styles(WorkbookPart wb)
        {
            var part = wb.WorkbookStylesPart ?? wb.AddNewPart<WorkbookStylesPart>();
            _sheet = part.Stylesheet ??= new Stylesheet(
                new Fonts(new Font(new FontSize { Val = 11 })) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
                    { Count = 2 },
                new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
                new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 });
            _formats = _sheet.CellFormats ??= new CellFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }) { Count = 1 };
        }

        private CellFormat? Format(uint index) => _formats.Elements<CellFormat>().ElementAtOrDefault((int)index);

        public bool Wraps(uint index) => Format(index)?.Alignment?.WrapText?.Value == true;

        public double FontSize(uint index) =>
            _sheet.Fonts?.Elements<Font>().ElementAtOrDefault((int)(Format(index)?.FontId?.Value ?? 0))?.FontSize?.Val?.Value is { } size and > 0 ? size : 11;

        public uint Twin(uint index, bool literal, bool wrap)
        {
            if (_twins.TryGetValue((index, literal, wrap), out var twin)) return twin;
            var xf = (CellFormat?)Format(index)?.CloneNode(true) ?? new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 };
            if (literal) xf.QuotePrefix = true;
            if (wrap)
            {
                (xf.Alignment ??= new Alignment()).WrapText = true;
                xf.ApplyAlignment = true;
            }
            _formats.Append(xf);
            _formats.Count = (uint)_formats.ChildElements.Count;
            return _twins[(index, literal, wrap)] = _formats.Count.Value - 1;
        }
    }
}
