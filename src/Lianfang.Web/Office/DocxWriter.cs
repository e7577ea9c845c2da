using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Text = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Lianfang.Web.Office;

/// <summary>
/// Writes a form as a real Word document: A4 (landscape when the form says), 宋体 title and header, 仿宋 text (East
/// Asian fonts set on every run), bordered table whose header rows repeat on each page, merged category cells,
/// signature lines and page numbers.
/// </summary>
public static class DocxWriter
{
    /// <summary>An opinion or block row nobody has written in yet: room to write by hand.</summary>
    public const string BlankBlock = "\n\n\n";

    private const int PageShort = 11906, PageLong = 16838, Margin = 1134;
    private const string Song = "宋体", FangSong = "仿宋", Latin = "Times New Roman";

    public static byte[] Write(FormDocument f)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(PageNumbers());
            var width = (f.Landscape ? PageLong : PageShort) - 2 * Margin;

            var body = new Body();
            body.Append(Para(f.Title, Song, 36, bold: true, JustificationValues.Center, after: 200));
            if (f.HeadLine.Count > 0) body.Append(HeadLine(f.HeadLine, width));
            var grid = Grid(f.Table, width);
            // The fields are a table of their own on the same columns, a hair above the risk table: in one table Word would
            // not repeat the header rows on every page (they must be a table's first rows).
            if (f.Fields.Count > 0)
            {
                body.Append(FieldsTable(f.Table.FieldRows(f.Fields), grid));
                body.Append(Para("", FangSong, 2, false, JustificationValues.Left, 0));
            }
            body.Append(MainTable(f, grid, width));
            if (f.SignLines.Count > 0) body.Append(Para("", FangSong, 21, false, JustificationValues.Left, 0));
            foreach (var s in f.SignLines) body.Append(Para(s, FangSong, 24, false, JustificationValues.Left, 120));
            foreach (var (n, i) in f.Notes.Select((n, i) => (n, i)))
                body.Append(Para(i == 0 && !n.StartsWith('注') ? $"注：{n}" : $"{(i == 0 ? "" : "　　")}{n}", FangSong, 20, false, JustificationValues.Left, 0));
            body.Append(Section(f.Landscape, main.GetIdOfPart(footer)));
            main.Document = new Document(body);
            if (f.Record is { } record) WriteRecord(main, record);
        }
        return ms.ToArray();
    }

    /// <summary>The form's record as a custom XML part, which Word keeps when the file is edited and saved.</summary>
    private static void WriteRecord(MainDocumentPart main, Lianfang.Core.Forms.FormRecord record)
    {
        var part = main.AddCustomXmlPart(CustomXmlPartType.CustomXml);
        using (var stream = part.GetStream(FileMode.Create))
        using (var xml = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            xml.WriteStartElement("record", Lianfang.Core.Forms.FormRecord.Namespace);
            foreach (var row in record.ToRows())
            {
                xml.WriteStartElement("r", Lianfang.Core.Forms.FormRecord.Namespace);
                foreach (var cell in row) xml.WriteElementString("c", Lianfang.Core.Forms.FormRecord.Namespace, cell);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        part.AddNewPart<CustomXmlPropertiesPart>().DataStoreItem = new DocumentFormat.OpenXml.CustomXmlDataProperties.DataStoreItem(
            new DocumentFormat.OpenXml.CustomXmlDataProperties.SchemaReferences(
                new DocumentFormat.OpenXml.CustomXmlDataProperties.SchemaReference { Uri = Lianfang.Core.Forms.FormRecord.Namespace }))
            { ItemId = "{6A1C5E0B-3F7D-4C52-9B8E-1D2F4A6C8E01}" };
    }

    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Latin, HighAnsi = Latin, EastAsia = FangSong, ComplexScript = Latin, Hint = FontTypeHintValues.EastAsia },
                new FontSize { Val = "21" }, new FontSizeComplexScript { Val = "21" },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    private static RunProperties RunProps(string eastAsia, int halfPoints, bool bold)
    {
        var rp = new RunProperties(new RunFonts { Ascii = Latin, HighAnsi = Latin, EastAsia = eastAsia, Hint = FontTypeHintValues.EastAsia });
        if (bold) rp.Append(new Bold());
        rp.Append(new FontSize { Val = halfPoints.ToString() }, new FontSizeComplexScript { Val = halfPoints.ToString() });
        return rp;
    }

    private static Paragraph Para(string text, string font, int size, bool bold, JustificationValues align, int after)
    {
        var p = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = after.ToString(), Before = "0" }, new Justification { Val = align }));
        foreach (var (line, i) in text.Split('\n').Select((l, i) => (l, i)).Where(x => x.l.Length > 0 || x.i > 0))
        {
            var run = new Run(RunProps(font, size, bold));
            if (i > 0) run.Append(new Break());
            run.Append(new Text(line) { Space = SpaceProcessingModeValues.Preserve });
            p.Append(run);
        }
        return p;
    }

    /// <summary>"填表处室（单位）：财务处 … 日期：2026年3月20日" with the last item flush right.</summary>
    private static Paragraph HeadLine(IReadOnlyList<(string Label, string Value)> items, int width)
    {
        var p = new Paragraph(new ParagraphProperties(
            new Tabs(new TabStop { Val = TabStopValues.Right, Position = width }),
            new SpacingBetweenLines { After = "80" }));
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) p.Append(new Run(RunProps(FangSong, 24, false), i == items.Count - 1 ? new TabChar() : new Text("　　　　")));
            var (label, value) = items[i];
            p.Append(new Run(RunProps(FangSong, 24, false),
                new Text($"{label}：{(value.Length > 0 ? value : "　　　　　　")}") { Space = SpaceProcessingModeValues.Preserve }));
        }
        return p;
    }

    /// <summary>The header fields on the risk table's columns (<see cref="FormTable.FieldRows"/>), labels shaded.</summary>
    private static Table FieldsTable(IReadOnlyList<IReadOnlyList<FieldCell>> rows, int[] grid)
    {
        var table = NewTable(grid);
        foreach (var row in rows)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            tr.Append(row.Select(c => CellOf(c.Text, grid.Skip(c.Start).Take(c.Span).Sum(), c.Label, shaded: c.Label, center: c.Merge != VMerge.None,
                span: c.Span, vMerge: c.Merge switch
                {
                    VMerge.Restart => MergedCellValues.Restart, VMerge.Continue => MergedCellValues.Continue, _ => null,
                })));
            table.Append(tr);
        }
        return table;
    }

    private static int[] Grid(FormTable t, int width)
    {
        var total = t.Columns.Sum(c => c.Weight);
        return t.Columns.Select(c => (int)(width * c.Weight / total)).ToArray();
    }

    private static Table MainTable(FormDocument f, int[] grid, int width)
    {
        var t = f.Table;
        var table = NewTable(grid);
        int Span(int start, int count) => grid.Skip(start).Take(count).Sum();

        if (t.TwoHeaderRows)
        {
            var top = HeaderRow();
            var bottom = HeaderRow();
            foreach (var (start, count, text) in t.GroupSpans())
            {
                if (t.Columns[start].Group is null)
                {
                    top.Append(CellOf(t.Columns[start].Name, grid[start], true, shaded: true, center: true, vMerge: MergedCellValues.Restart));
                    bottom.Append(CellOf("", grid[start], true, shaded: true, center: true, vMerge: MergedCellValues.Continue));
                }
                else
                {
                    top.Append(CellOf(text, Span(start, count), true, shaded: true, center: true, span: count));
                    for (var i = start; i < start + count; i++) bottom.Append(CellOf(t.Columns[i].Name, grid[i], true, shaded: true, center: true));
                }
            }
            table.Append(top, bottom);
        }
        else
        {
            var header = HeaderRow();
            for (var i = 0; i < grid.Length; i++) header.Append(CellOf(t.Columns[i].Name, grid[i], true, shaded: true, center: true));
            table.Append(header);
        }

        for (var r = 0; r < t.Rows.Count; r++)
        {
            var row = t.Rows[r];
            var tr = new TableRow();
            if (row.Kind == RowKind.Section)
            {
                tr.Append(CellOf(row.Cells[0], width, true, span: grid.Length));
                table.Append(tr);
                continue;
            }
            for (var c = 0; c < grid.Length; c++)
            {
                var merge = t.MergeLength(r, c);
                var col = t.Columns[c];
                tr.Append(merge switch
                {
                    0 => CellOf("", grid[c], false, center: col.Center, vMerge: MergedCellValues.Continue),
                    > 1 => CellOf(row.Cells[c], grid[c], row.Kind == RowKind.Total, center: col.Center, vMerge: MergedCellValues.Restart),
                    _ => CellOf(row.Cells[c], grid[c], row.Kind == RowKind.Total, center: col.Center),
                });
            }
            table.Append(tr);
        }

        // Opinion and note rows close the table, as on the seeds' registration forms.
        var titleSpan = 1;
        while (titleSpan < grid.Length - 1 && Span(0, titleSpan) < width * 0.10) titleSpan++;
        foreach (var (title, body) in f.ClosingRows)
        {
            var lines = body.Length == 0 ? BlankBlock : body;
            table.Append(new TableRow(new TableRowProperties(new CantSplit()),
                CellOf(title, Span(0, titleSpan), true, center: true, span: titleSpan),
                CellOf(lines, width - Span(0, titleSpan), false, span: grid.Length - titleSpan)));
        }
        return table;
    }

    private static TableRow HeaderRow() => new(new TableRowProperties(new TableHeader(), new CantSplit()));

    private static Table NewTable(int[] grid)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = grid.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableCellMarginDefault(
                new TopMargin { Width = "30", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "30", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })),
            new TableGrid(grid.Select(w => new GridColumn { Width = w.ToString() })));
        return table;
    }

    private static TableCell CellOf(string text, int width, bool bold, bool shaded = false, bool center = false, int span = 1, MergedCellValues? vMerge = null)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
        if (span > 1) props.Append(new GridSpan { Val = span });
        if (vMerge is { } m) props.Append(new VerticalMerge { Val = m });
        if (shaded) props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E7E6E6" });
        props.Append(new TableCellVerticalAlignment { Val = center || shaded ? TableVerticalAlignmentValues.Center : TableVerticalAlignmentValues.Top });
        var cell = new TableCell(props);
        var font = bold ? Song : FangSong;
        foreach (var line in text.Split('\n'))
        {
            var p = new Paragraph(new ParagraphProperties(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Left }));
            if (line.Length > 0) p.Append(new Run(RunProps(font, 21, bold), new Text(line) { Space = SpaceProcessingModeValues.Preserve }));
            cell.Append(p);
        }
        return cell;
    }

    private static Paragraph PageNumbers() => new(
        new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
        new Run(RunProps(Song, 18, false), new Text("第 ") { Space = SpaceProcessingModeValues.Preserve }),
        new SimpleField(new Run(RunProps(Song, 18, false), new Text("1"))) { Instruction = " PAGE " },
        new Run(RunProps(Song, 18, false), new Text(" 页，共 ") { Space = SpaceProcessingModeValues.Preserve }),
        new SimpleField(new Run(RunProps(Song, 18, false), new Text("1"))) { Instruction = " NUMPAGES " },
        new Run(RunProps(Song, 18, false), new Text(" 页") { Space = SpaceProcessingModeValues.Preserve }));

    private static SectionProperties Section(bool landscape, string footerId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
        landscape
            ? new PageSize { Width = PageLong, Height = PageShort, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = PageShort, Height = PageLong },
        new PageMargin { Top = Margin + 113, Bottom = Margin, Left = (uint)Margin, Right = (uint)Margin, Header = 567, Footer = 567, Gutter = 0 });
}
