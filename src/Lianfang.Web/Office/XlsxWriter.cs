using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Text = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Lianfang.Web.Office;

/// <summary>
/// Writes a form as an Excel workbook: title and header lines merged across the table, bordered wrapped cells in
/// 宋体, column widths and row heights that fit the text, header rows repeated on every printed page, A4 (landscape
/// when the form says) fitted to the page width. Every value is stored as text, and one that a spreadsheet would
/// take for a formula (= + - @) is marked as literal text (quote prefix), so opening the file never evaluates it.
/// </summary>
public static class XlsxWriter
{
    /// <summary>An opinion or block row nobody has written in yet: room to write by hand.</summary>
    public const string BlankBlock = "\n\n";

    private enum St : uint
    {
        Default, Title, Line, Header, Text, Center, TextLiteral, Section, Plain, Label, Total, CenterLiteral, TitleLiteral, LineLiteral, HeaderLiteral,
        TotalLiteral,
    }

    public static byte[] Write(FormDocument f)
    {
        var t = f.Table;
        var n = t.Columns.Count;
        var total = t.Columns.Sum(c => c.Weight);
        var chars = f.Landscape ? 140.0 : 95.0;
        var widths = t.Columns.Select(c => Math.Max(5.0, chars * c.Weight / total)).ToArray();

        var rows = new List<Row>();
        var merges = new List<string>();
        var strings = new Dictionary<string, int>();
        var r = 0;

        Row NewRow(double? height = null)
        {
            var row = new Row { RowIndex = (uint)++r };
            if (height is { } h) { row.Height = Math.Min(h, 409); row.CustomHeight = true; }
            rows.Add(row);
            return row;
        }
        void Put(Row row, int col, string text, St style)
        {
            var literal = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
            // Every style has a literal twin, so a title or header that starts like a formula stays text when edited too.
            if (literal) style = style switch
            {
                St.Center => St.CenterLiteral, St.Title => St.TitleLiteral, St.Line => St.LineLiteral, St.Header => St.HeaderLiteral,
                St.Total => St.TotalLiteral, St.Text or St.Plain or St.Section or St.Label => St.TextLiteral, _ => style,
            };
            var cell = new Cell { CellReference = Ref(col, (int)row.RowIndex!.Value), StyleIndex = (uint)style };
            if (text.Length > 0)
            {
                if (!strings.TryGetValue(text, out var i)) strings[text] = i = strings.Count;
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture));
            }
            row.Append(cell);
        }
        void Merge(int c1, int r1, int c2, int r2) { if (c2 > c1 || r2 > r1) merges.Add($"{Ref(c1, r1)}:{Ref(c2, r2)}"); }
        void Spanning(string text, St style, St rest, double? height = null)
        {
            var row = NewRow(height);
            Put(row, 0, text, style);
            for (var c = 1; c < n; c++) Put(row, c, "", rest);
            Merge(0, r, n - 1, r);
        }
        double Height(IEnumerable<(string Text, double Width)> cells) => Math.Max(18, cells.Max(x => Lines(x.Text, x.Width)) * 16.5 + 4);

        Spanning(f.Title, St.Title, St.Title, 32);
        if (f.HeadLine.Count > 0)
            Spanning(string.Join("　　　　", f.HeadLine.Select(h => $"{h.Label}：{(h.Value.Length > 0 ? h.Value : "　　　　　　")}")), St.Line, St.Line, 20);
        var fieldRows = t.FieldRows(f.Fields);
        var groupFrom = 0;
        for (var i = 0; i < fieldRows.Count; i++)
        {
            var cells = fieldRows[i];
            var row = NewRow(Height(cells.Where(x => !x.Label).Select(x => (x.Text, widths.Skip(x.Start).Take(x.Span).Sum()))
                .DefaultIfEmpty(("", widths.Sum()))));
            foreach (var cell in cells)
            {
                for (var c = cell.Start; c < cell.Start + cell.Span; c++) Put(row, c, c == cell.Start ? cell.Text : "", cell.Label ? St.Label : St.Text);
                // a group's name is merged down over the rows of its fields
                if (cell.Merge == VMerge.Restart) groupFrom = r;
                else if (cell.Merge == VMerge.None) Merge(cell.Start, r, cell.Start + cell.Span - 1, r);
                else if (i + 1 == fieldRows.Count || !fieldRows[i + 1].Any(x => x.Start == cell.Start && x.Merge == VMerge.Continue))
                    Merge(cell.Start, groupFrom, cell.Start + cell.Span - 1, r);
            }
        }

        var headerFirst = r + 1;
        if (t.TwoHeaderRows)
        {
            var spans = t.GroupSpans().ToList();
            var top = NewRow(Height(spans.Select(g => (g.Text, widths.Skip(g.Start).Take(g.Count).Sum()))));
            var bottom = NewRow(Height(t.Columns.Select((c, i) => (c.Group is null ? "" : c.Name, widths[i]))));
            foreach (var (start, count, text) in t.GroupSpans())
            {
                for (var c = start; c < start + count; c++)
                {
                    var grouped = t.Columns[start].Group is not null;
                    Put(top, c, c == start ? text : "", St.Header);
                    Put(bottom, c, grouped ? t.Columns[c].Name : "", St.Header);
                }
                if (t.Columns[start].Group is null) Merge(start, r - 1, start, r);
                else Merge(start, r - 1, start + count - 1, r - 1);
            }
        }
        else
        {
            var header = NewRow(Height(t.Columns.Select((c, i) => (c.Name, widths[i]))));
            for (var c = 0; c < n; c++) Put(header, c, t.Columns[c].Name, St.Header);
        }
        var headerLast = r;

        for (var i = 0; i < t.Rows.Count; i++)
        {
            var row = t.Rows[i];
            if (row.Kind == RowKind.Section) { Spanning(row.Cells[0], St.Section, St.Section, 20); continue; }
            var xr = NewRow(Height(row.Cells.Select((text, c) => (t.MergeLength(i, c) == 1 ? text : "", widths[c]))));
            for (var c = 0; c < n; c++)
            {
                var merge = t.MergeLength(i, c);
                var style = row.Kind == RowKind.Total ? St.Total : t.Columns[c].Center ? St.Center : St.Text;
                Put(xr, c, merge == 0 ? "" : row.Cells[c], style);
                if (merge > 1) Merge(c, r, c, r + merge - 1);
            }
        }
        var titleSpan = 1;
        while (titleSpan < n - 1 && widths.Take(titleSpan).Sum() < chars * 0.10) titleSpan++;
        foreach (var (title, body) in f.ClosingRows)
        {
            var text = body.Length == 0 ? BlankBlock : body;
            var row = NewRow(Height([(text, widths.Skip(titleSpan).Sum())]));
            for (var c = 0; c < n; c++) Put(row, c, c == 0 ? title : c == titleSpan ? text : "", c < titleSpan ? St.Label : St.Text);
            Merge(0, r, titleSpan - 1, r);
            Merge(titleSpan, r, n - 1, r);
        }
        if (f.SignLines.Count > 0) NewRow();
        foreach (var s in f.SignLines) Spanning(s, St.Plain, St.Plain, Math.Max(22, Height([(s, widths.Sum())])));
        foreach (var (note, i) in f.Notes.Select((n, i) => (n, i)))
        {
            var text = i == 0 && !note.StartsWith('注') ? $"注：{note}" : i == 0 ? note : $"　　{note}";
            Spanning(text, St.Plain, St.Plain, Height([(text, widths.Sum())]));
        }

        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable(strings.OrderBy(p => p.Value)
                    .Select(p => new SharedStringItem(new Text(p.Key) { Space = SpaceProcessingModeValues.Preserve })))
                { Count = (uint)strings.Count, UniqueCount = (uint)strings.Count };
            var ws = wb.AddNewPart<WorksheetPart>();
            var sheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView(new Pane
                    {
                        VerticalSplit = headerLast, TopLeftCell = Ref(0, headerLast + 1), ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                    })
                    { WorkbookViewId = 0, TabSelected = true }),
                new SheetFormatProperties { DefaultRowHeight = 15 },
                new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Round(w, 2), CustomWidth = true })),
                new SheetData(rows));
            if (merges.Count > 0) sheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
            sheet.Append(
                new PrintOptions { HorizontalCentered = true },
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.7, Header = 0.3, Footer = 0.3 },
                new PageSetup
                {
                    PaperSize = 9, Orientation = f.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0,
                },
                new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
            ws.Worksheet = sheet;
            var name = SheetName(f.Title);
            var sheets = new Sheets(new Sheet { Name = name, SheetId = 1, Id = wb.GetIdOfPart(ws) });
            if (f.Record is { } record) sheets.Append(RecordSheet(wb, record));
            wb.Workbook = new Workbook(
                new BookViews(new WorkbookView()),
                sheets,
                new DefinedNames(new DefinedName($"'{name}'!${headerFirst}:${headerLast}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        }
        return ms.ToArray();
    }

    /// <summary>The form's record on a very hidden sheet (Excel shows it in no menu; it stays when the file is saved), as inline text.</summary>
    private static Sheet RecordSheet(WorkbookPart wb, Lianfang.Core.Forms.FormRecord record)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        var rows = record.ToRows().Select((cells, i) => new Row(cells.Select((text, c) => new Cell
        {
            CellReference = Ref(c, i + 1), DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
            // an owner's name is the user's text: literal, as on the form's own sheet
            StyleIndex = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? (uint)St.TextLiteral : null,
        })) { RowIndex = (uint)i + 1 });
        part.Worksheet = new Worksheet(new SheetData(rows));
        return new Sheet { Name = Lianfang.Core.Forms.FormRecord.SheetName, SheetId = 2, Id = wb.GetIdOfPart(part), State = SheetStateValues.VeryHidden };
    }

    /// <summary>Lines a text takes in a column of this many character widths (a CJK character is two).</summary>
    private static int Lines(string text, double width)
    {
        var per = Math.Max(1, width - 1);
        return text.Split('\n').Sum(line => Math.Max(1, (int)Math.Ceiling(line.Sum(ch => ch > 0x2E7F ? 2.0 : 1.1) / per)));
    }

    private static string SheetName(string title)
    {
        var clean = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\' or '\'')).ToArray());
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet1" : clean;
    }

    private static string Ref(int col, int row)
    {
        var s = "";
        for (var c = col + 1; c > 0; c = (c - 1) / 26) s = (char)('A' + (c - 1) % 26) + s;
        return s + row.ToString(CultureInfo.InvariantCulture);
    }

    private static Stylesheet Styles()
    {
        Font Font(double size, bool bold) => bold
            ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 }, new FontFamilyNumbering { Val = 3 })
            : new Font(new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 }, new FontFamilyNumbering { Val = 3 });
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        CellFormat Xf(uint font, uint fill, uint border, HorizontalAlignmentValues h, VerticalAlignmentValues v, bool wrap, bool literal = false)
        {
            var xf = new CellFormat(new Alignment { Horizontal = h, Vertical = v, WrapText = wrap })
                { FontId = font, FillId = fill, BorderId = border, ApplyFont = true, ApplyFill = fill > 0, ApplyBorder = border > 0, ApplyAlignment = true };
            if (literal) xf.QuotePrefix = true;
            return xf;
        }
        var H = HorizontalAlignmentValues.Left;
        var C = HorizontalAlignmentValues.Center;
        var top = VerticalAlignmentValues.Top;
        var mid = VerticalAlignmentValues.Center;
        return new Stylesheet(
            new Fonts(Font(11, false), Font(16, true), Font(11, true)) { Count = 3 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
                { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },   // Default
                Xf(1, 0, 0, C, mid, false),                                  // Title
                Xf(0, 0, 0, H, mid, false),                                  // Line
                Xf(2, 2, 1, C, mid, true),                                   // Header
                Xf(0, 0, 1, H, top, true),                                   // Text
                Xf(0, 0, 1, C, mid, true),                                   // Center
                Xf(0, 0, 1, H, top, true, literal: true),                    // TextLiteral
                Xf(2, 0, 1, H, mid, true),                                   // Section
                Xf(0, 0, 0, H, top, true),                                   // Plain
                Xf(2, 2, 1, C, mid, true),                                   // Label
                Xf(2, 0, 1, C, mid, true),                                   // Total
                Xf(0, 0, 1, C, mid, true, literal: true),                    // CenterLiteral
                Xf(1, 0, 0, C, mid, false, literal: true),                   // TitleLiteral
                Xf(0, 0, 0, H, mid, false, literal: true),                   // LineLiteral
                Xf(2, 2, 1, C, mid, true, literal: true),                    // HeaderLiteral
                Xf(2, 0, 1, C, mid, true, literal: true)) { Count = 16 },   // TotalLiteral
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
