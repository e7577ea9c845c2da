using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Lianfang.Core.Forms;
using Text = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Lianfang.Web.Office;

/// <summary>
/// A unit's Word form with placeholders: read for what it holds, and filled. Word splits what a user typed into runs as
/// it likes (spell-check, a change of font in the middle), so a placeholder is found in a paragraph's whole text and
/// its value written into the run where it began; the table row holding point fields is copied once per row of data.
/// </summary>
public static class DocxTemplate
{
    public static TemplateScan Scan(Stream docx)
    {
        using var doc = WordprocessingDocument.Open(docx, false);
        var body = doc.MainDocumentPart?.Document?.Body ?? throw new BadFileException("文件中没有正文，不是有效的 Word 文档");
        var found = new List<PlaceholderAt>();
        var repeating = new List<string>();
        var tables = body.Descendants<Table>().ToList();
        var paragraphNo = 0;
        foreach (var p in body.Descendants<Paragraph>())
        {
            var inCell = p.Ancestors<TableCell>().FirstOrDefault();
            if (inCell is null) paragraphNo++;
            var names = TemplateFields.Scan(TextOf(p)).Select(f => f.Name).ToList();
            if (names.Count == 0) continue;
            var where = $"正文第 {paragraphNo} 段";
            var inRow = false;
            if (inCell is not null)
            {
                var row = inCell.Ancestors<TableRow>().First();
                var table = row.Ancestors<Table>().First();
                var rowNo = table.Elements<TableRow>().ToList().IndexOf(row) + 1;
                var rowWhere = $"表格 {tables.IndexOf(table) + 1} 第 {rowNo} 行";
                where = $"{rowWhere}第 {row.Elements<TableCell>().ToList().IndexOf(inCell) + 1} 格";
                inRow = IsRepeating(row);
                if (inRow && !repeating.Contains(rowWhere)) repeating.Add(rowWhere);
            }
            found.AddRange(names.Select(n => new PlaceholderAt(n, where, inRow)));
        }
        foreach (var (part, name) in HeadersAndFooters(doc))
            foreach (var p in part.RootElement!.Descendants<Paragraph>())
                found.AddRange(TemplateFields.Scan(TextOf(p)).Select(f => new PlaceholderAt(f.Name, name, false)));
        return new TemplateScan(found, repeating, BaseForm(doc.PackageProperties.Keywords));
    }

    /// <summary>A copy of the template filled with <paramref name="data"/>, its keywords naming the template it came from.</summary>
    public static byte[] Fill(Stream template, TemplateData data, string keywords)
    {
        using var ms = new MemoryStream();
        template.Position = 0;
        template.CopyTo(ms);
        using (var doc = WordprocessingDocument.Open(ms, true))
        {
            var body = doc.MainDocumentPart!.Document!.Body!;
            string? Header(string name) => data.Values.GetValueOrDefault(name);
            // A row's values are filled once: a point's text that happens to read "{{单位}}" stays as written.
            var filled = new HashSet<Paragraph>();
            if (body.Descendants<TableRow>().FirstOrDefault(IsRepeating) is { } row)
            {
                var copies = data.Rows.Select(r =>
                {
                    var copy = (TableRow)row.CloneNode(true);
                    foreach (var p in copy.Descendants<Paragraph>()) FillParagraph(p, n => r.Values.GetValueOrDefault(n) ?? Header(n));
                    return copy;
                }).ToList();
                filled.UnionWith(copies.SelectMany(c => c.Descendants<Paragraph>()));
                MergeDown(row, copies, data.Rows);
                foreach (var copy in copies) row.InsertBeforeSelf(copy);
                row.Remove();
            }
            foreach (var p in body.Descendants<Paragraph>().Where(p => !filled.Contains(p))) FillParagraph(p, Header);
            foreach (var (part, _) in HeadersAndFooters(doc))
                foreach (var p in part.RootElement!.Descendants<Paragraph>()) FillParagraph(p, Header);
            doc.PackageProperties.Keywords = keywords;
        }
        return ms.ToArray();
    }

    /// <summary>"lianfang-form:unit" → "unit": the built-in form a template was downloaded as.</summary>
    public static string? BaseForm(string? keywords) =>
        keywords is { } k && k.StartsWith(FormMarker, StringComparison.Ordinal) ? k[FormMarker.Length..].Trim() : null;

    public const string FormMarker = "lianfang-form:";

    private static bool IsRepeating(TableRow row) =>
        row.Descendants<Paragraph>().Any(p => TemplateFields.Scan(TextOf(p)).Any(f =>
            f.Name.StartsWith(TemplateFields.PointPrefix, StringComparison.Ordinal)
            || f.Name.StartsWith(TemplateFields.MeasurePrefix, StringComparison.Ordinal)));

    private static IEnumerable<(OpenXmlPart Part, string Name)> HeadersAndFooters(WordprocessingDocument doc) =>
        doc.MainDocumentPart!.HeaderParts.Select(h => ((OpenXmlPart)h, "页眉")).Concat(doc.MainDocumentPart.FooterParts.Select(f => ((OpenXmlPart)f, "页脚")));

    private static string TextOf(Paragraph p) => string.Concat(p.Descendants<Text>().Select(t => t.Text));

    /// <summary>
    /// Replaces each placeholder of the paragraph's text by its value in the run where the placeholder began (keeping that
    /// run's font), clearing the rest of it from the runs after; line breaks in a value become Word line breaks.
    /// </summary>
    private static void FillParagraph(Paragraph p, Func<string, string?> value)
    {
        var texts = p.Descendants<Text>().ToList();
        if (texts.Count == 0) return;
        var full = string.Concat(texts.Select(t => t.Text));
        var found = TemplateFields.Scan(full).ToList();
        if (found.Count == 0) return;
        var starts = new int[texts.Count];
        for (int i = 0, at = 0; i < texts.Count; at += texts[i].Text.Length, i++) starts[i] = at;
        var changed = new HashSet<Text>();
        foreach (var f in Enumerable.Reverse(found))
        {
            var (first, last) = (NodeOf(starts, texts, f.Index), NodeOf(starts, texts, f.Index + f.Length - 1));
            var from = f.Index - starts[first];
            var v = value(f.Name) ?? "";
            var firstText = texts[first].Text;
            if (first == last)
                texts[first].Text = firstText[..from] + v + firstText[(from + f.Length)..];
            else
            {
                texts[first].Text = firstText[..from] + v;
                for (var i = first + 1; i < last; i++) texts[i].Text = "";
                var end = f.Index + f.Length - starts[last];
                texts[last].Text = texts[last].Text[end..];
                changed.Add(texts[last]);
            }
            changed.Add(texts[first]);
        }
        foreach (var t in changed)
        {
            t.Space = SpaceProcessingModeValues.Preserve;
            if (t.Text.Contains('\n')) SplitLines(t);
        }
    }

    private static int NodeOf(int[] starts, List<Text> texts, int index)
    {
        for (var i = texts.Count - 1; i >= 0; i--)
            if (starts[i] <= index && texts[i].Text.Length > 0) return i;
        return 0;
    }

    /// <summary>A text with line breaks as Word has it: text, break, text in the same run.</summary>
    private static void SplitLines(Text t)
    {
        var lines = t.Text.Replace("\r\n", "\n").Split('\n');
        t.Text = lines[0];
        OpenXmlElement after = t;
        foreach (var line in lines.Skip(1))
        {
            var br = new Break();
            after.InsertAfterSelf(br);
            var next = new Text(line) { Space = SpaceProcessingModeValues.Preserve };
            br.InsertAfterSelf(next);
            after = next;
        }
    }

    /// <summary>
    /// A cell holding nothing but one placeholder with a merge key is merged down over the following copies with the same
    /// key: the first keeps the text, the others are emptied and continue the merge.
    /// </summary>
    private static void MergeDown(TableRow template, List<TableRow> copies, IReadOnlyList<TemplateRowData> rows)
    {
        var cells = template.Elements<TableCell>().ToList();
        for (var c = 0; c < cells.Count; c++)
        {
            var text = string.Concat(cells[c].Descendants<Text>().Select(t => t.Text));
            var found = TemplateFields.Scan(text).ToList();
            if (found.Count != 1 || text.Trim().Length != found[0].Length) continue;
            var name = found[0].Name;
            for (var i = 0; i < copies.Count;)
            {
                var key = rows[i].MergeKeys.GetValueOrDefault(name);
                var j = i + 1;
                while (key is not null && j < copies.Count && rows[j].MergeKeys.GetValueOrDefault(name) == key) j++;
                if (j - i > 1)
                    for (var k = i; k < j; k++)
                    {
                        var cell = copies[k].Elements<TableCell>().ElementAt(c);
                        var props = cell.TableCellProperties ??= new TableCellProperties();
                        props.VerticalMerge = new VerticalMerge { Val = k == i ? MergedCellValues.Restart : MergedCellValues.Continue };
                        if (k > i) foreach (var t in cell.Descendants<Text>()) t.Text = "";
                    }
                i = j;
            }
        }
    }
}
