using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>A printed cell: its text (lines joined by \n), the grid columns it spans, whether it is merged down.</summary>
public sealed record PrintedCell(string Text, int Span = 1, Merge Merge = Merge.None);

/// <summary>
/// An exported form as its file holds it, read with the OpenXML SDK the same way for Word and Excel: the title, the
/// lines between it and the table, the table's rows cell by cell (Word: each w:tc with its gridSpan and vMerge; Excel:
/// each cell, a merged range as one cell over its columns and, merged down, "continue" cells below), which of them
/// repeat on every page (Word: tblHeader; Excel: the print titles), and the lines under the table.
/// </summary>
public sealed record PrintedForm(string Title, IReadOnlyList<string> Above, IReadOnlyList<IReadOnlyList<PrintedCell>> Rows, int HeaderStart, int HeaderCount,
    IReadOnlyList<string> Below)
{
    public static PrintedForm From(byte[] file, string format) => format == "docx" ? FromDocx(file) : FromXlsx(file);

    public static PrintedForm FromDocx(byte[] file)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(file), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        string Text(DocumentFormat.OpenXml.OpenXmlElement p) => string.Concat(p.Descendants().Select(e => e switch
        {
            W.Text t => t.Text, W.Break => "\n", W.TabChar => " ", _ => "",
        }));
        var paragraphs = new List<(string Text, bool BeforeTable)>();
        var rows = new List<IReadOnlyList<PrintedCell>>();
        int headerStart = -1, headerCount = 0;
        foreach (var element in body.ChildElements)
        {
            if (element is W.Paragraph p) { if (Text(p).Trim().Length > 0) paragraphs.Add((Text(p), rows.Count == 0)); continue; }
            if (element is not W.Table table) continue;
            foreach (var tr in table.Elements<W.TableRow>())
            {
                if (tr.TableRowProperties?.GetFirstChild<W.TableHeader>() is not null)
                {
                    if (headerStart < 0) headerStart = rows.Count;
                    headerCount++;
                }
                rows.Add(tr.Elements<W.TableCell>().Select(tc =>
                {
                    var props = tc.TableCellProperties;
                    var merge = props?.VerticalMerge is { } vm ? vm.Val?.Value == W.MergedCellValues.Restart ? Merge.Restart : Merge.Continue : Merge.None;
                    return new PrintedCell(string.Join("\n", tc.Elements<W.Paragraph>().Select(Text)), props?.GridSpan?.Val?.Value ?? 1, merge);
                }).ToList());
            }
        }
        var above = paragraphs.Where(x => x.BeforeTable).Select(x => x.Text).ToList();
        return new PrintedForm(above.FirstOrDefault() ?? "", above.Skip(1).ToList(), rows, headerStart, headerCount,
            paragraphs.Where(x => !x.BeforeTable).Select(x => x.Text).ToList());
    }

    public static PrintedForm FromXlsx(byte[] file)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var wb = doc.WorkbookPart!;
        var strings = wb.SharedStringTablePart?.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheet = wb.Workbook.Sheets!.Elements<S.Sheet>().First(s => s.State is null || s.State.Value == S.SheetStateValues.Visible);
        var ws = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet;
        var cells = new Dictionary<(int Row, int Col), string>();
        foreach (var c in ws.Descendants<S.Cell>())
        {
            var (r, col) = Ref(c.CellReference!);
            cells[(r, col)] = c.DataType?.Value == S.CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text)]
                : c.DataType?.Value == S.CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
        }
        var merges = ws.Descendants<S.MergeCell>().Select(m => m.Reference!.Value!.Split(':')).Select(p => (A: Ref(p[0]), B: Ref(p[1]))).ToList();
        var width = cells.Keys.Max(k => k.Col) + 1;
        var last = cells.Keys.Max(k => k.Row);
        var printRows = wb.Workbook.DefinedNames?.Elements<S.DefinedName>().FirstOrDefault(d => d.Name == "_xlnm.Print_Titles")?.Text ?? "";
        var titleRows = Regex.Match(printRows, @"\$(\d+):\$(\d+)");
        var (firstHeader, lastHeader) = titleRows.Success ? (int.Parse(titleRows.Groups[1].Value), int.Parse(titleRows.Groups[2].Value)) : (0, -1);

        List<PrintedCell> Row(int r)
        {
            var row = new List<PrintedCell>();
            for (var c = 0; c < width; c++)
            {
                var m = merges.FirstOrDefault(m => m.A.Row <= r && r <= m.B.Row && m.A.Col <= c && c <= m.B.Col);
                if (m == default) { row.Add(new PrintedCell(cells.GetValueOrDefault((r, c), ""))); continue; }
                if (c != m.A.Col) continue; // covered by the merged cell on its left
                var span = m.B.Col - m.A.Col + 1;
                row.Add(r == m.A.Row ? new PrintedCell(cells.GetValueOrDefault((r, c), ""), span, m.B.Row > r ? Merge.Restart : Merge.None)
                    : new PrintedCell("", span, Merge.Continue));
            }
            return row;
        }
        // The table: from the first row of two cells or more to the last; single cells spanning the sheet around it are lines.
        var all = Enumerable.Range(1, last).Select(r => (Number: r, Cells: Row(r))).ToList();
        bool IsLine(List<PrintedCell> row) => row.Count == 1 || row.All(c => c.Text.Length == 0);
        var first = all.FindIndex(x => !IsLine(x.Cells));
        var end = all.FindLastIndex(x => !IsLine(x.Cells));
        string Line(List<PrintedCell> row) => string.Concat(row.Select(c => c.Text));
        var lines = all.Take(first).Select(x => Line(x.Cells)).Where(t => t.Trim().Length > 0).ToList();
        var table = all.Skip(first).Take(end - first + 1).Select(x => (IReadOnlyList<PrintedCell>)x.Cells).ToList();
        var below = all.Skip(end + 1).Select(x => Line(x.Cells)).Where(t => t.Trim().Length > 0).ToList();
        return new PrintedForm(lines.FirstOrDefault() ?? "", lines.Skip(1).ToList(), table, firstHeader - all[first].Number,
            lastHeader - firstHeader + 1, below);
    }

    private static (int Row, int Col) Ref(string reference)
    {
        var m = Regex.Match(reference, @"^([A-Z]+)(\d+)$");
        var col = m.Groups[1].Value.Aggregate(0, (a, ch) => a * 26 + ch - 'A' + 1) - 1;
        return (int.Parse(m.Groups[2].Value), col);
    }
}

/// <summary>What a list holds that decides its rows: the printed category of each point, whether its rows were signed (001 注2).</summary>
public sealed record ListContent(IReadOnlyList<string> PointCategories, bool RowsSigned = false);

/// <summary>Compares a printed form with its seed attachment, cell by cell, and says every difference with where it is.</summary>
public static partial class SeedComparison
{
    /// <summary>Text without the spaces and line breaks printing adds.</summary>
    public static string Words(string? text) => Space().Replace(text ?? "", "");

    /// <summary>
    /// Whether a printed text fills a seed's text: the same words, a value after a label's "：", a date's digits in its
    /// blank, a number for "×××", anything for "____".
    /// </summary>
    public static bool Fills(string? seed, string printed)
    {
        if (seed is null) return true;
        var s = Words(seed);
        var p = Words(printed);
        if (s.EndsWith('：')) return p.StartsWith(s);
        if (s.Contains("×××") || s.Contains("____"))
            return Regex.IsMatch(p, "^" + Regex.Escape(s).Replace("×××", @"\d+").Replace("____", ".+") + "$");
        if (s is "年月日" or "年月") return Digits().Replace(p, "") == s;
        return p == s;
    }

    public static List<string> Compare(SeedAttachment seed, PrintedForm form, ListContent? list, string where)
    {
        var diffs = new List<string>();
        void Diff(string what, string expected, string printed) =>
            diffs.Add($"{where} {what}: the seed ({seed.Lines}) prints “{expected}”, the export “{printed}”");

        if (!Fills(seed.Title, form.Title)) Diff("title", seed.Title, form.Title);
        var headLine = Labels(string.Join("\n", form.Above));
        if (!seed.HeadLine.Select(Words).SequenceEqual(headLine.Select(x => x.Label)))
            Diff("line under the title", string.Join(" ", seed.HeadLine), string.Join(" ", form.Above));

        if (form.HeaderStart != seed.Fields.Length)
            Diff("rows above the column header", $"{seed.Fields.Length} rows of header fields", $"{form.HeaderStart} rows");
        else
            for (var r = 0; r < seed.Fields.Length; r++)
                if (!SameCells(seed.Fields[r], form.Rows[r], spans: false))
                    Diff($"header field row {r + 1}", Show(seed.Fields[r]), Show(form.Rows[r]));

        // the body is found under the header: without the seed's header rows there is nothing to compare it with
        if (form.HeaderStart < 0 || form.HeaderCount != seed.Header.Length)
        {
            Diff("column header rows (repeated on every page)", $"{seed.Header.Length}", $"{form.HeaderCount}");
            return diffs;
        }
        var headerDiffs = diffs.Count;
        for (var r = 0; r < seed.Header.Length; r++)
            if (!SameCells(seed.Header[r], form.Rows[form.HeaderStart + r], spans: true))
                Diff($"column header row {r + 1}", Show(seed.Header[r]), Show(form.Rows[form.HeaderStart + r]));
        if (diffs.Count > headerDiffs) return diffs;

        var bodyStart = form.HeaderStart + form.HeaderCount;
        var closingStart = form.Rows.Count - seed.Closing.Length;
        var body = form.Rows.Skip(bodyStart).Take(closingStart - bodyStart).ToList();
        var columns = seed.Header[^1].Sum(c => c.Span) == seed.Header[0].Sum(c => c.Span) ? Columns(seed.Header) : [];
        Body(seed, body, columns, list, Diff);

        for (var i = 0; i < seed.Closing.Length; i++)
        {
            var (title, lines) = seed.Closing[i];
            var row = form.Rows[closingStart + i];
            var printed = row.Count == 2 ? row[1].Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList() : [];
            if (row.Count != 2 || Words(row[0].Text) != Words(title) || printed.Count < lines.Length
                || !lines.Zip(printed.Skip(printed.Count - lines.Length)).All(x => Fills(x.First, x.Second)))
                Diff($"closing row {i + 1}", $"{title} | {string.Join(" / ", lines)}", Show(row));
        }

        var below = seed.SignLines.Length + seed.Notes.Length;
        if (form.Below.Count != below) Diff("lines under the table", string.Join(" / ", seed.SignLines.Select(l => string.Join(" ", l)).Concat(seed.Notes)),
            string.Join(" / ", form.Below));
        else
        {
            for (var i = 0; i < seed.SignLines.Length; i++)
            {
                var printed = Labels(form.Below[i]);
                var expected = seed.SignLines[i].Select(item => Words(item[..(item.IndexOf('：') + 1)])).ToList();
                var blanks = seed.SignLines[i].Select(item => item[(item.IndexOf('：') + 1)..]).ToList();
                if (!expected.SequenceEqual(printed.Select(x => x.Label))
                    || blanks.Zip(printed).Any(x => Words(x.First).Length > 0 && !Fills(x.First, x.Second.Value)))
                    Diff($"line {i + 1} under the table", string.Join(" ", seed.SignLines[i]), form.Below[i]);
            }
            for (var i = 0; i < seed.Notes.Length; i++)
            {
                var printed = form.Below[seed.SignLines.Length + i];
                if (Words(seed.Notes[i]) != Words(printed)) Diff($"note {i + 1}", seed.Notes[i], printed);
            }
        }
        return diffs;
    }

    private static void Body(SeedAttachment seed, List<IReadOnlyList<PrintedCell>> body, List<string> columns, ListContent? list,
        Action<string, string, string> diff)
    {
        var width = columns.Count;
        // Nothing but cells of the columns: no row across the table (a category heading the seed does not have).
        foreach (var (row, i) in body.Select((r, i) => (r, i)))
            if (width > 0 && (row.Count != width || row.Any(c => c.Span != 1)))
                diff($"body row {i + 1}", $"{width} cells, one a column", Show(row));
        var tagged = body.SelectMany(r => r).FirstOrDefault(c => c.Text.Contains('〔') || c.Text.Contains('【'));
        if (tagged is not null) diff("body", "no 〔…〕 or 【…】 tags", tagged.Text);

        var category = columns.IndexOf("风险类别");
        var description = columns.FindIndex(c => c is "具体内容及表现形式" or "潜在风险点" or "潜在风险点及表现" or "具体风险点" or "廉洁风险点描述");
        if (list is not null && seed.Categories.Length > 0 && category >= 0 && body.All(r => r.Count == width))
        {
            var blocks = new List<(string Name, List<IReadOnlyList<PrintedCell>> Rows)>();
            foreach (var row in body)
                if (row[category].Merge != Merge.Continue || blocks.Count == 0) blocks.Add((Words(row[category].Text), [row]));
                else blocks[^1].Rows.Add(row);
            var counts = list.PointCategories.GroupBy(Words).ToDictionary(g => g.Key, g => g.Count());
            var expected = blocks.Select(b => b.Name).Where(n => !seed.Categories.Select(Words).Contains(n) && counts.ContainsKey(n)).ToList();
            var seedOrder = seed.Categories.Select(Words).ToList();
            if (!blocks.Select(b => b.Name).Where(seedOrder.Contains).SequenceEqual(seedOrder)
                || blocks.Any(b => !seedOrder.Contains(b.Name) && !expected.Contains(b.Name)))
                diff("风险类别 column", string.Join(" ", seed.Categories), string.Join(" ", blocks.Select(b => b.Name)));
            var numbered = seed.Blank.FirstOrDefault() == "1.";
            foreach (var (name, rows) in blocks)
            {
                var n = counts.GetValueOrDefault(name);
                var texts = rows.Select(r => r[description].Text).ToList();
                if (n == 0 && !texts.SequenceEqual(seed.Blank))
                    diff($"rows of {name} (no points)", string.Join(" | ", seed.Blank), string.Join(" | ", texts));
                if (n == 0 && rows.Any(r => r.Where((_, c) => c != category && c != description).Any(x => x.Text.Length > 0)))
                    diff($"rows of {name} (no points)", "blank cells to write in", string.Join(" | ", rows.Select(Show)));
                if (n > 0 && (rows.Count != n || numbered && texts.Where((t, i) => !t.StartsWith($"{i + 1}.")).Any()))
                    diff($"rows of {name}", $"{n} rows{(numbered ? " numbered 1. 2. …" : "")}", string.Join(" | ", texts));
            }
        }
        if (list is not null && seed.RowLabels.Length > 0 && width > 0)
        {
            // a row a point, or the seed's three numbered rows when there are none
            var points = list.PointCategories.Count;
            var rows = points == 0 ? 3 : points;
            if (body.Count != rows || body.Select((r, i) => Words(r[0].Text) == $"{i + 1}").Any(ok => !ok))
                diff("序号 column", $"1 … {rows}", string.Join(" ", body.Select(r => r[0].Text)));
            var responsible = columns.IndexOf("相关责任人");
            var allowed = seed.RowLabels.Append("逐条签字").ToList(); // 注2: each person named signs the row as it stands
            foreach (var (row, i) in body.Select((r, i) => (r, i)).Take(points))
            {
                var labels = row[responsible].Text.Split('\n').Where(l => l.Trim().Length > 0).Select(l => Words(l.Split('：')[0])).ToList();
                if (labels.Any(l => !allowed.Contains(l)) || !labels.SequenceEqual(allowed.Where(labels.Contains))
                    || list.RowsSigned && !labels.Contains("逐条签字"))
                    diff($"相关责任人 of row {i + 1}", string.Join("：… ", list.RowsSigned ? allowed : seed.RowLabels) + "：…", row[responsible].Text);
            }
        }
        var at = 0;
        foreach (var fixedRow in seed.FixedRows)
        {
            var found = body.FindIndex(at, r => r.Count >= fixedRow.Length && fixedRow.Zip(r).All(x => Fills(x.First.Text, x.Second.Text)));
            if (found < 0) { diff("fixed row", Show(fixedRow), "(not printed in this order)"); continue; }
            at = found + 1;
        }
    }

    /// <summary>The columns under a header: the lowest text of each grid column ("风险等级" over "自评" gives "自评").</summary>
    private static List<string> Columns(SeedCell[][] header)
    {
        var columns = new List<string>();
        foreach (var c in header[0]) for (var i = 0; i < c.Span; i++) columns.Add(Words(c.Text));
        if (header.Length > 1)
        {
            var col = 0;
            foreach (var c in header[1]) { if (c.Merge != Merge.Continue) columns[col] = Words(c.Text); col += c.Span; }
        }
        return columns;
    }

    private static bool SameCells(SeedCell[] seed, IReadOnlyList<PrintedCell> printed, bool spans) =>
        seed.Length == printed.Count && seed.Zip(printed).All(x =>
            (x.First.Text is null ? x.Second.Merge != Merge.Continue : Words(x.First.Text) == Words(x.Second.Text))
            && (!spans || x.First.Span == x.Second.Span) && (x.First.Text is null || x.First.Merge == x.Second.Merge));

    /// <summary>"label：value" items of a line, in order; a signature's verification code is part of its value.</summary>
    private static List<(string Label, string Value)> Labels(string line)
    {
        var items = new List<(string, string)>();
        foreach (Match m in Item().Matches(line))
            if (m.Groups[1].Value == "验证码" && items.Count > 0) items[^1] = (items[^1].Item1, items[^1].Item2 + m.Value);
            else items.Add((Words(m.Groups[1].Value) + "：", m.Groups[2].Value));
        return items;
    }

    private static string Show(IEnumerable<SeedCell> cells) =>
        string.Join(" | ", cells.Select(c => (c.Text is null ? "…" : Words(c.Text)) + Mark(c.Span, c.Merge)));
    private static string Show(IEnumerable<PrintedCell> cells) => string.Join(" | ", cells.Select(c => Words(c.Text) + Mark(c.Span, c.Merge)));
    private static string Mark(int span, Merge merge) => (span > 1 ? $"⟷{span}" : "") + merge switch { Merge.Restart => "↓", Merge.Continue => "↑", _ => "" };

    [GeneratedRegex(@"[\s\u3000]+")] private static partial Regex Space();
    [GeneratedRegex(@"\d")] private static partial Regex Digits();
    [GeneratedRegex(@"(?:^|(?<=[\s\u3000]))([^\s\u3000：]+)：([^：]*?)(?=(?:[\s\u3000]+[^\s\u3000：]+：)|$)", RegexOptions.Singleline)]
    private static partial Regex Item();
}
