using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Lianfang.Web.Office;
using A = DocumentFormat.OpenXml.Drawing;
using Text = DocumentFormat.OpenXml.Spreadsheet.Text;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// A unit's Excel form as a template, built as Excel would save it (shared strings, a rich-text cell, merges, a
/// two-row column header, print titles and area, a conditional format, a formula below the table), scanned and filled.
/// </summary>
public class XlsxTemplateTests
{
    private const string Sheet = "风险点登记表";

    // cellXfs: 0 default, 1 title, 2 bordered + wrap, 3 bordered centred (no wrap), 4 plain
    private const uint Title = 1, Wrap = 2, Centre = 3, Plain = 4;

    /// <summary>
    /// 1 title (A:F) · 2 单位 (A:C), 填表日期 (D:F) · 3–4 the column header in two rows · 5 the repeating row, the
    /// description over C:D · 6 意见 (A:B) and its text (C:F) · 8 填表人 (A:C), 日期 (D:F) · 9 a count of the rows.
    /// </summary>
    private static byte[] Template(bool measureRowToo = false, string? keywords = "lianfang-form:annex2")
    {
        var strings = new List<string>();
        Cell S(string r, string text, uint style)
        {
            var i = strings.IndexOf(text);
            if (i < 0) { i = strings.Count; strings.Add(text); }
            return new Cell { CellReference = r, DataType = CellValues.SharedString, CellValue = new CellValue(i), StyleIndex = style };
        }
        Cell E(string r, uint style) => new() { CellReference = r, StyleIndex = style };
        Row R(uint n, double? height, params Cell[] cells) =>
            new(cells) { RowIndex = n, Height = height, CustomHeight = height is null ? null : true };

        // 单位 with a bold label, as a user formats it in Excel: the label and the placeholder are separate runs
        var rich = new Cell
        {
            CellReference = "A2", DataType = CellValues.InlineString, StyleIndex = Plain,
            InlineString = new InlineString(
                new Run(new RunProperties(new Bold(), new FontSize { Val = 11 }, new RunFont { Val = "宋体" }), new Text("单位：")),
                new Run(new RunProperties(new FontSize { Val = 11 }, new RunFont { Val = "宋体" }), new Text("{{单位}}"))),
        };
        var rows = new List<Row>
        {
            R(1, 32, S("A1", "{{表名}}", Title), E("B1", Title), E("C1", Title), E("D1", Title), E("E1", Title), E("F1", Title)),
            R(2, null, rich, S("D2", "填表日期：{{填表日期}}", Plain)),
            R(3, null, S("A3", "序号", Centre), S("B3", "风险类别", Centre), S("C3", "风险点", Centre), E("D3", Centre), E("E3", Centre), S("F3", "备注", Centre)),
            R(4, null, E("A4", Centre), E("B4", Centre), S("C4", "描述", Centre), E("D4", Centre), S("E4", "等级", Centre), E("F4", Centre)),
            R(5, 30, S("A5", "{{风险点.序号}}", Centre), S("B5", "{{风险点.类别}}", Centre), S("C5", "{{风险点.描述}}", Wrap), E("D5", Wrap),
                S("E5", "{{风险点.等级}}", Centre), E("F5", Wrap)),
            R(6, 40, S("A6", "意见", Centre), E("B6", Centre), S("C6", measureRowToo ? "{{措施.内容}}" : "{{意见栏1}}", Wrap), E("D6", Wrap), E("E6", Wrap), E("F6", Wrap)),
            R(8, null, S("A8", "填表人：{{签字.本人.签字人}}", Plain), S("D8", "日期：{{签字.本人.日期}}", Plain)),
            R(9, null, S("E9", "合计", Plain), new Cell { CellReference = "F9", CellFormula = new CellFormula("COUNTA(A5:A5)"), CellValue = new CellValue(1), StyleIndex = Plain }),
        };
        string[] merges = ["A1:F1", "A2:C2", "D2:F2", "A3:A4", "B3:B4", "C3:E3", "F3:F4", "C4:D4", "C5:D5", "A6:B6", "C6:F6", "A8:C8", "D8:F8"];

        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var ws = wb.AddNewPart<WorksheetPart>();
            var notes = wb.AddNewPart<WorksheetPart>();
            var sheet = new Worksheet(
                new SheetDimension { Reference = "A1:F9" },
                new SheetFormatProperties { DefaultRowHeight = 15 },
                new Columns(new Column { Min = 1, Max = 1, Width = 6, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 12, CustomWidth = true },
                    new Column { Min = 3, Max = 4, Width = 20, CustomWidth = true }, new Column { Min = 5, Max = 6, Width = 10, CustomWidth = true }),
                new SheetData(rows),
                new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Length },
                new ConditionalFormatting(new ConditionalFormattingRule(new Formula("E5=\"高\"")) { Type = ConditionalFormatValues.Expression, Priority = 1 })
                    { SequenceOfReferences = new ListValue<StringValue> { InnerText = "E5" } },
                new DataValidations(new DataValidation(new Formula1("\"高,中,低\"")) { Type = DataValidationValues.List, AllowBlank = true, SequenceOfReferences = new ListValue<StringValue> { InnerText = "E5" } }) { Count = 1 },
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape },
                new HeaderFooter(new OddHeader("&C&\"宋体,常规\"&12{{单位}}"), new OddFooter("&C第 &P 页")));
            ws.Worksheet = sheet;
            // the seal box drawn over the signature line (rows 8–9; drawing rows count from 0)
            var drawing = ws.AddNewPart<DrawingsPart>();
            drawing.WorksheetDrawing = new Xdr.WorksheetDrawing(new Xdr.TwoCellAnchor(
                new Xdr.FromMarker(new Xdr.ColumnId("4"), new Xdr.ColumnOffset("0"), new Xdr.RowId("7"), new Xdr.RowOffset("0")),
                new Xdr.ToMarker(new Xdr.ColumnId("6"), new Xdr.ColumnOffset("0"), new Xdr.RowId("9"), new Xdr.RowOffset("0")),
                new Xdr.Shape(
                    new Xdr.NonVisualShapeProperties(new Xdr.NonVisualDrawingProperties { Id = 2, Name = "公章" }, new Xdr.NonVisualShapeDrawingProperties()),
                    new Xdr.ShapeProperties(new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Ellipse })),
                new Xdr.ClientData()));
            sheet.Append(new Drawing { Id = ws.GetIdOfPart(drawing) });
            notes.Worksheet = new Worksheet(new SheetData(
                new Row(S("A1", "本表由{{单位}}填写", 0)) { RowIndex = 1 },
                new Row(new Cell { CellReference = "A2", CellFormula = new CellFormula($"'{Sheet}'!A8") }) { RowIndex = 2 }));
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            wb.Workbook = new Workbook(
                new Sheets(new Sheet { Name = Sheet, SheetId = 1, Id = wb.GetIdOfPart(ws) }, new Sheet { Name = "说明", SheetId = 2, Id = wb.GetIdOfPart(notes) }),
                new DefinedNames(
                    new DefinedName($"'{Sheet}'!$A$1:$F$9") { Name = "_xlnm.Print_Area", LocalSheetId = 0 },
                    new DefinedName($"'{Sheet}'!$3:$4") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
            if (keywords is not null) doc.PackageProperties.Keywords = keywords;
        }
        return ms.ToArray();
    }

    private static Stylesheet Styles()
    {
        var thin = new Border(new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        return new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }), new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "宋体" })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, BorderId = 0, ApplyAlignment = true },
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { FontId = 0, BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center }) { FontId = 0, BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat { FontId = 0, BorderId = 0 }) { Count = 5 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    private static readonly Dictionary<string, string> Header = new()
    {
        ["表名"] = "廉政风险点登记表", ["单位"] = "某某县卫生健康局", ["填表日期"] = "2025年3月1日",
        ["签字.本人.签字人"] = "王芳", ["签字.本人.日期"] = "2025年3月2日", ["意见栏1"] = "同意",
    };

    private static TemplateRowData Point(int seq, string category, string description, string level, Dictionary<string, string>? keys = null) =>
        new(new Dictionary<string, string>
        {
            ["风险点.序号"] = seq.ToString(), ["风险点.类别"] = category, ["风险点.描述"] = description, ["风险点.等级"] = level,
        }, keys ?? new Dictionary<string, string> { ["风险点.类别"] = category });

    private static readonly TemplateRowData[] ThreePoints =
    [
        Point(1, "财务管理", "报销审核不严", "高"), Point(2, "财务管理", "公款私存", "中"), Point(3, "采购管理", "化整为零规避招标", "低"),
    ];

    private static byte[] Fill(IReadOnlyList<TemplateRowData> rows, byte[]? template = null) =>
        XlsxTemplate.Fill(new MemoryStream(template ?? Template()), new TemplateData(Header, rows), "lianfang-form:annex2;v3");

    /// <summary>A filled workbook opened for looking at: its cells' text by reference, and the sheet itself.</summary>
    private sealed class Book : IDisposable
    {
        private readonly SpreadsheetDocument _doc;
        public Book(byte[] bytes) => _doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        public WorkbookPart Wb => _doc.WorkbookPart!;
        public string? Keywords => _doc.PackageProperties.Keywords;
        public Worksheet Ws(string name = Sheet) => ((WorksheetPart)Wb.GetPartById(Wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!)).Worksheet;
        public Cell? Cell(string r, string sheet = Sheet) => Ws(sheet).Descendants<Cell>().SingleOrDefault(c => c.CellReference == r);
        public string Text(string r, string sheet = Sheet)
        {
            var c = Cell(r, sheet);
            if (c?.DataType?.Value == CellValues.InlineString) return c.InlineString!.InnerText;
            if (c?.DataType?.Value == CellValues.SharedString) return Wb.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(c.CellValue!.Text)).InnerText;
            return c?.CellValue?.Text ?? "";
        }
        public Row Row(uint n) => Ws().Descendants<Row>().Single(r => r.RowIndex! == n);
        public List<string> Merges() => [.. Ws().Descendants<MergeCell>().Select(m => m.Reference!.Value!)];
        public string Name(string name) => Wb.Workbook.DefinedNames!.Elements<DefinedName>().Single(d => d.Name == name).Text;
        public CellFormat Format(Cell c) => Wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(c.StyleIndex?.Value ?? 0));
        /// <summary>What the SDK's schema validation finds wrong (Excel "repairs" a file with such errors).</summary>
        public List<string> SchemaErrors() =>
            [.. new DocumentFormat.OpenXml.Validation.OpenXmlValidator(FileFormatVersions.Office2016).Validate(_doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
        public void Dispose() => _doc.Dispose();
    }

    [Fact]
    public void Scan_finds_every_placeholder_with_its_cell_the_repeating_row_and_the_form_it_came_from()
    {
        var scan = XlsxTemplate.Scan(new MemoryStream(Template()));
        Assert.Equal(["风险点登记表 第5行"], scan.RepeatingRows);
        Assert.Equal("annex2", scan.BaseForm);
        Assert.Contains(new PlaceholderAt("单位", "风险点登记表!A2", false), scan.Placeholders); // joined from two runs
        Assert.Contains(new PlaceholderAt("风险点.描述", "风险点登记表!C5", true), scan.Placeholders);
        Assert.Contains(new PlaceholderAt("签字.本人.日期", "风险点登记表!D8", false), scan.Placeholders);
        Assert.Contains(new PlaceholderAt("单位", "风险点登记表 页眉", false), scan.Placeholders);
        Assert.Contains(new PlaceholderAt("单位", "说明!A1", false), scan.Placeholders);
        Assert.Equal(12, scan.Placeholders.Count);

        var two = XlsxTemplate.Scan(new MemoryStream(Template(measureRowToo: true, keywords: null)));
        Assert.Equal(["风险点登记表 第5行", "风险点登记表 第6行"], two.RepeatingRows);
        Assert.Contains(new PlaceholderAt("措施.内容", "风险点登记表!C6", true), two.Placeholders);
        Assert.Null(two.BaseForm);
    }

    [Fact]
    public void Scan_reads_full_width_braces_and_refuses_a_file_that_is_not_a_workbook()
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            var ws = wb.AddNewPart<WorksheetPart>();
            // no cell references or row numbers: both are optional in the file format
            ws.Worksheet = new Worksheet(new SheetData(new Row(new Cell(), new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text("｛｛ 单位 ｝｝")) })));
            wb.Workbook = new Workbook(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1, Id = wb.GetIdOfPart(ws) }));
            doc.PackageProperties.Keywords = "其他";
        }
        var scan = XlsxTemplate.Scan(new MemoryStream(ms.ToArray()));
        Assert.Equal(new PlaceholderAt("单位", "Sheet1!B1", false), Assert.Single(scan.Placeholders));
        Assert.Empty(scan.RepeatingRows);
        Assert.Null(scan.BaseForm);

        Assert.Throws<BadFileException>(() => XlsxTemplate.Scan(new MemoryStream("not a zip"u8.ToArray())));
    }

    [Fact]
    public void Fill_puts_each_value_in_its_cell_and_moves_the_rows_below_with_their_merges_names_and_formulas()
    {
        using var book = new Book(Fill(ThreePoints));
        Assert.Empty(book.SchemaErrors());
        Assert.Equal("廉政风险点登记表", book.Text("A1"));
        Assert.Equal("单位：某某县卫生健康局", book.Text("A2"));
        Assert.Equal(2, book.Cell("A2")!.InlineString!.Elements<Run>().Count()); // the bold label keeps its run
        Assert.Equal("填表日期：2025年3月1日", book.Text("D2"));
        Assert.Equal("序号", book.Text("A3"));
        string[][] table = [["1", "财务管理", "报销审核不严", "高"], ["2", "", "公款私存", "中"], ["3", "采购管理", "化整为零规避招标", "低"]];
        for (var i = 0; i < 3; i++)
        {
            var r = 5 + i;
            Assert.Equal(table[i], new[] { book.Text($"A{r}"), book.Text($"B{r}"), book.Text($"C{r}"), book.Text($"E{r}") });
            Assert.Equal("", book.Text($"D{r}"));
            // each copy keeps the template row's formats and height
            Assert.Equal([Centre, Centre, Wrap, Wrap, Centre, Wrap], book.Row((uint)r).Elements<Cell>().Select(c => c.StyleIndex!.Value));
            Assert.Equal((30.0, true), (book.Row((uint)r).Height!.Value, book.Row((uint)r).CustomHeight!.Value));
        }
        Assert.Equal(("意见", "同意"), (book.Text("A8"), book.Text("C8")));
        Assert.Equal(40.0, book.Row(8).Height!.Value);
        Assert.Equal(("填表人：王芳", "日期：2025年3月2日"), (book.Text("A10"), book.Text("D10")));
        Assert.Equal("合计", book.Text("E11"));
        Assert.Equal("COUNTA(A5:A7)", book.Cell("F11")!.CellFormula!.Text); // a range over the template row covers the copies

        string[] merges = ["A1:F1", "A2:C2", "D2:F2", "A3:A4", "B3:B4", "C3:E3", "F3:F4", "C4:D4", "A8:B8", "C8:F8", "A10:C10", "D10:F10", "C5:D5", "C6:D6", "C7:D7", "B5:B6"];
        Assert.Equal(merges.Order(), book.Merges().Order());
        Assert.Equal($"'{Sheet}'!$A$1:$F$11", book.Name("_xlnm.Print_Area"));
        Assert.Equal($"'{Sheet}'!$3:$4", book.Name("_xlnm.Print_Titles"));
        Assert.Equal("A1:F11", book.Ws().GetFirstChild<SheetDimension>()!.Reference!.Value);
        Assert.Equal("E5:E7", book.Ws().GetFirstChild<ConditionalFormatting>()!.SequenceOfReferences!.InnerText);
        Assert.Equal("E5:E7", book.Ws().Descendants<DataValidation>().Single().SequenceOfReferences!.InnerText);
        var seal = ((WorksheetPart)book.Ws().WorksheetPart!).DrawingsPart!.WorksheetDrawing.Descendants<Xdr.RowId>().Select(r => r.Text);
        Assert.Equal(["9", "11"], seal);
        Assert.Equal("&C&\"宋体,常规\"&12某某县卫生健康局", book.Ws().GetFirstChild<HeaderFooter>()!.OddHeader!.Text);
        // the other sheet: its header placeholder filled, its reference to the signature row moved
        Assert.Equal("本表由某某县卫生健康局填写", book.Text("A1", "说明"));
        Assert.Equal($"'{Sheet}'!A10", book.Cell("A2", "说明")!.CellFormula!.Text);
        Assert.Equal("lianfang-form:annex2;v3", book.Keywords);
        Assert.True(book.Wb.Workbook.CalculationProperties!.FullCalculationOnLoad!.Value);
    }

    [Fact]
    public void Category_cells_merge_down_over_points_of_the_same_category_and_a_merged_description_over_a_points_measures()
    {
        var keyed = (int seq, string category, string description, string measure) => new TemplateRowData(
            new Dictionary<string, string> { ["风险点.序号"] = seq.ToString(), ["风险点.类别"] = category, ["风险点.描述"] = description, ["风险点.等级"] = measure },
            new Dictionary<string, string> { ["风险点.类别"] = category, ["风险点.描述"] = seq.ToString() });
        using var book = new Book(Fill([keyed(1, "财务", "报销审核不严", "措施一"), keyed(1, "财务", "报销审核不严", "措施二"), keyed(2, "财务", "公款私存", "措施三"), keyed(3, "采购", "规避招标", "措施四")]));
        var merges = book.Merges();
        Assert.Contains("B5:B7", merges);
        Assert.Contains("C5:D6", merges);   // the description's C:D span merged down over its two measure lines
        Assert.Contains("C7:D7", merges);
        Assert.Contains("C8:D8", merges);
        Assert.DoesNotContain("C5:D5", merges);
        Assert.DoesNotContain("C6:D6", merges);
        Assert.DoesNotContain(merges, m => m.StartsWith("B8", StringComparison.Ordinal));
        Assert.Equal(["财务", "", "", "采购"], [book.Text("B5"), book.Text("B6"), book.Text("B7"), book.Text("B8")]);
        Assert.Equal(["报销审核不严", "", "公款私存"], [book.Text("C5"), book.Text("C6"), book.Text("C7")]);
        Assert.Equal(Centre, book.Cell("B6")!.StyleIndex!.Value); // empty but styled (bordered)
        Assert.Equal(["措施一", "措施二", "措施三", "措施四"], [book.Text("E5"), book.Text("E6"), book.Text("E7"), book.Text("E8")]);
        Assert.Equal("填表人：王芳", book.Text("A11"));
    }

    [Fact]
    public void No_rows_remove_the_template_row_and_move_everything_below_up()
    {
        using var book = new Book(Fill([]));
        Assert.Empty(book.SchemaErrors());
        Assert.Equal("意见", book.Text("A5"));
        Assert.Equal("填表人：王芳", book.Text("A7"));
        Assert.Equal("合计", book.Text("E8"));
        Assert.DoesNotContain(book.Ws().Descendants<Row>(), r => r.RowIndex! > 8);
        Assert.Equal(["A1:F1", "A2:C2", "D2:F2", "A3:A4", "B3:B4", "C3:E3", "F3:F4", "C4:D4", "A5:B5", "C5:F5", "A7:C7", "D7:F7"], book.Merges());
        Assert.Equal($"'{Sheet}'!$A$1:$F$8", book.Name("_xlnm.Print_Area"));
        Assert.Null(book.Ws().GetFirstChild<ConditionalFormatting>());
        Assert.Null(book.Ws().GetFirstChild<DataValidations>());
        Assert.Equal("COUNTA(#REF!)", book.Cell("F8")!.CellFormula!.Text); // as Excel does when the counted row is deleted
    }

    [Fact]
    public void A_value_that_looks_like_a_formula_is_literal_text_and_one_with_lines_wraps_in_a_taller_row()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 6).Select(i => $"{i}. 第{i}条防控措施，落实到人"));
        using var book = new Book(Fill([Point(1, "=1+1", "@SUM(A1)", "-高"), Point(2, "财务", lines, "中")]));
        Assert.Empty(book.SchemaErrors());
        foreach (var r in new[] { "B5", "C5", "E5" })
        {
            var cell = book.Cell(r)!;
            Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
            Assert.Null(cell.CellFormula);
            Assert.True(book.Format(cell).QuotePrefix!.Value);
        }
        Assert.Equal(("=1+1", "@SUM(A1)", "-高"), (book.Text("B5"), book.Text("C5"), book.Text("E5")));
        Assert.True(book.Format(book.Cell("C5")!).Alignment!.WrapText!.Value); // the twin keeps the cell's own format
        Assert.Equal(1u, book.Format(book.Cell("C5")!).BorderId!.Value);

        Assert.Equal(lines, book.Text("C6"));
        var row = book.Row(6);
        Assert.Null(row.CustomHeight);
        Assert.True(row.Height!.Value > 90, $"height {row.Height.Value}");
        Assert.Equal(30.0, book.Row(5).Height!.Value);
    }

    [Fact]
    public async Task LibreOffice_and_the_projects_own_reader_read_the_filled_values_where_the_template_put_them()
    {
        var points = ThreePoints.Append(Point(4, "工程管理", "=HYPERLINK(\"x\")", "中")).Append(Point(5, "工程管理", "第一行\n第二行 _x0041_", "高")).ToArray();
        var filled = Fill(points);
        await File.WriteAllBytesAsync(Path.Combine(ExportReadBackTests.Artifacts(), "xlsx-template-filled.xlsx"), filled);

        var grid = XlsxReader.Read(new MemoryStream(filled))[0];
        string[] Cells(int number) => [.. grid.Rows.Single(r => r.Number == number).Cells];
        Assert.Equal(["1", "财务管理", "报销审核不严", "报销审核不严", "高"], Cells(5)[..5]);   // the merged description fills C and D
        Assert.Equal(["2", "财务管理", "公款私存", "公款私存", "中"], Cells(6)[..5]);          // and the merged category B5:B6
        Assert.Equal("=HYPERLINK(\"x\")", Cells(8)[2]);
        Assert.Equal("第一行\n第二行 _x0041_", Cells(9)[2]);
        Assert.Equal("填表人：王芳", Cells(12)[0]);

        var csv = LibreOffice.ParseCsv((await LibreOffice.ConvertAsync(LibreOffice.Csv, "csv", new Dictionary<string, byte[]> { ["t.xlsx"] = filled }))["t.xlsx"]);
        Assert.Equal("廉政风险点登记表", csv[0][0]);
        Assert.Equal("单位：某某县卫生健康局", csv[1][0]);
        Assert.Equal(["1", "财务管理", "报销审核不严", "", "高"], csv[4][..5]);
        Assert.Equal(["2", "", "公款私存", "", "中"], csv[5][..5]);
        Assert.Equal(["3", "采购管理", "化整为零规避招标", "", "低"], csv[6][..5]);
        Assert.Equal("=HYPERLINK(\"x\")", csv[7][2]);   // text, not evaluated
        Assert.Equal("第一行\n第二行 _x0041_", csv[8][2]);
        Assert.Equal(["意见", "", "同意"], csv[9][..3]);
        Assert.Equal("填表人：王芳", csv[11][0]);
        Assert.Equal(["合计", "5"], csv[12][4..6]);     // the count below the table, recalculated over the five rows
    }

    [Fact]
    public async Task A_template_saved_again_by_LibreOffice_scans_and_fills_the_same()
    {
        var saved = Convert.FromBase64String((await LibreOffice.ConvertAsync("xlsx:Calc MS Excel 2007 XML", "xlsx",
            new Dictionary<string, byte[]> { ["template.xlsx"] = Template() }))["template.xlsx"]);
        var scan = XlsxTemplate.Scan(new MemoryStream(saved));
        Assert.Equal(["风险点登记表 第5行"], scan.RepeatingRows);
        Assert.Equal("annex2", scan.BaseForm);
        Assert.Contains(new PlaceholderAt("风险点.描述", "风险点登记表!C5", true), scan.Placeholders);

        using var book = new Book(Fill(ThreePoints, saved));
        using var original = new Book(saved);
        Assert.Equal(original.SchemaErrors(), book.SchemaErrors()); // LibreOffice's own, none added
        Assert.Contains("B5:B6", book.Merges());
        Assert.Contains("A10:C10", book.Merges());
        Assert.EndsWith("$A$1:$F$11", book.Name("_xlnm.Print_Area"), StringComparison.Ordinal);
        var grid = XlsxReader.Read(new MemoryStream(Fill(ThreePoints, saved)))[0];
        Assert.Equal(["3", "采购管理", "化整为零规避招标", "化整为零规避招标", "低"], grid.Rows.Single(r => r.Number == 7).Cells.Take(5));
        Assert.Equal("填表人：王芳", grid.Rows.Single(r => r.Number == 10).Cells[0]);
    }
}
