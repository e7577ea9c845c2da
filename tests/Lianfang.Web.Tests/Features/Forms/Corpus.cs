using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>A cell as people make them in Word: "\n" starts a paragraph, "⏎" is a line break inside one.</summary>
public sealed record C(string Text, int Span = 1, string? VMerge = null)
{
    public static implicit operator C(string text) => new(text);
}

/// <summary>Builds .docx and .xlsx files the way Word, WPS and Excel write them, for the import tests.</summary>
public static class Corpus
{
    // ---- Word ----

    public sealed class Word
    {
        private readonly List<OpenXmlElement> _body = [];

        public Word Para(string text, bool bold = false, bool center = false)
        {
            var p = new W.Paragraph();
            if (center) p.Append(new W.ParagraphProperties(new W.Justification { Val = W.JustificationValues.Center }));
            var rp = new W.RunProperties(new W.RunFonts { EastAsia = "宋体" });
            if (bold) rp.Append(new W.Bold());
            // Word splits text into several runs wherever formatting or spell-checking changes.
            foreach (var piece in Chunks(text)) p.Append(new W.Run((W.RunProperties)rp.CloneNode(true), new W.Text(piece) { Space = SpaceProcessingModeValues.Preserve }));
            _body.Add(p);
            return this;
        }

        public Word Table(int[] widths, params C[][] rows)
        {
            var t = new W.Table(new W.TableProperties(new W.TableBorders(new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 })),
                new W.TableGrid(widths.Select(w => new W.GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
            foreach (var row in rows)
            {
                var tr = new W.TableRow();
                foreach (var c in row)
                {
                    var props = new W.TableCellProperties();
                    if (c.Span > 1) props.Append(new W.GridSpan { Val = c.Span });
                    if (c.VMerge == "restart") props.Append(new W.VerticalMerge { Val = W.MergedCellValues.Restart });
                    else if (c.VMerge == "continue") props.Append(new W.VerticalMerge());
                    var cell = new W.TableCell(props);
                    foreach (var para in c.Text.Split('\n'))
                    {
                        var p = new W.Paragraph();
                        var parts = para.Split('⏎');
                        for (var i = 0; i < parts.Length; i++)
                        {
                            if (i > 0) p.Append(new W.Run(new W.Break()));
                            if (parts[i].Length > 0) p.Append(new W.Run(new W.Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve }));
                        }
                        cell.Append(p);
                    }
                    tr.Append(cell);
                }
                t.Append(tr);
            }
            _body.Add(t);
            return this;
        }

        /// <summary>Any element, for quirks (content controls, drawings, deleted runs).</summary>
        public Word Raw(OpenXmlElement e) { _body.Add(e); return this; }

        public byte[] Build()
        {
            using var ms = new MemoryStream();
            using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
            {
                var main = doc.AddMainDocumentPart();
                main.Document = new W.Document(new W.Body(_body.Select(e => e.CloneNode(true))));
            }
            return ms.ToArray();
        }

        private static IEnumerable<string> Chunks(string text)
        {
            for (var i = 0; i < text.Length; i += 7) yield return text.Substring(i, Math.Min(7, text.Length - i));
        }
    }

    // ---- Excel ----

    public sealed class Sheet(string name)
    {
        public string Name { get; } = name;
        public bool Hidden { get; init; }
        public List<(int Row, string?[] Cells)> Rows { get; } = [];
        public List<string> Merges { get; } = [];

        /// <summary>Cells from column A; null leaves the cell out (as Excel does for empty cells).</summary>
        public Sheet Row(int number, params string?[] cells) { Rows.Add((number, cells)); return this; }
        public Sheet Merge(string range) { Merges.Add(range); return this; }
    }

    /// <summary>Numbers become numeric cells, other text goes to shared strings (every third one inline, as some tools write).</summary>
    public static byte[] Xlsx(params Sheet[] sheets)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            var strings = new List<string>();
            var sheetList = new S.Sheets();
            uint id = 1;
            var inline = 0;
            foreach (var sheet in sheets)
            {
                var ws = wb.AddNewPart<WorksheetPart>();
                var data = new S.SheetData();
                foreach (var (number, cells) in sheet.Rows)
                {
                    var row = new S.Row { RowIndex = (uint)number };
                    for (var c = 0; c < cells.Length; c++)
                    {
                        if (cells[c] is not { } text) continue;
                        var cell = new S.Cell { CellReference = $"{(char)('A' + c)}{number}" };
                        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.StartsWith('+'))
                            cell.CellValue = new S.CellValue(text);
                        else if (++inline % 3 == 0)
                        {
                            cell.DataType = S.CellValues.InlineString;
                            cell.InlineString = new S.InlineString(new S.Text(text) { Space = SpaceProcessingModeValues.Preserve });
                        }
                        else
                        {
                            var i = strings.IndexOf(text);
                            if (i < 0) { strings.Add(text); i = strings.Count - 1; }
                            cell.DataType = S.CellValues.SharedString;
                            cell.CellValue = new S.CellValue(i.ToString(CultureInfo.InvariantCulture));
                        }
                        row.Append(cell);
                    }
                    data.Append(row);
                }
                var worksheet = new S.Worksheet(data);
                if (sheet.Merges.Count > 0) worksheet.Append(new S.MergeCells(sheet.Merges.Select(m => new S.MergeCell { Reference = m })));
                ws.Worksheet = worksheet;
                var s = new S.Sheet { Name = sheet.Name, SheetId = id++, Id = wb.GetIdOfPart(ws) };
                if (sheet.Hidden) s.State = S.SheetStateValues.Hidden;
                sheetList.Append(s);
            }
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new S.SharedStringTable(strings.Select(t => new S.SharedStringItem(new S.Text(t) { Space = SpaceProcessingModeValues.Preserve })));
            wb.Workbook = new S.Workbook(sheetList);
        }
        return ms.ToArray();
    }
}
