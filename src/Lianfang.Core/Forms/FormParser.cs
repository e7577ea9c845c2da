using System.Text.RegularExpressions;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Forms;

/// <summary>
/// Where a point's category came from: its own column, a category row above it, its text, nowhere (未分类), or the
/// record of the form this product exported (<see cref="FormRecord"/>).
/// </summary>
public enum CategorySource { Column, Section, Inferred, Unclassified, Recorded }

/// <summary>A risk point read from a file, with the rows it came from and the file's names for its columns.</summary>
public sealed record ParsedPoint(string Sheet, int Row, int LastRow, RiskPointContent Content, CategorySource CategorySource, bool Unrated,
    IReadOnlyDictionary<FormField, string> Columns)
{
    /// <summary>The file's name for the column of a field, or the usual name when the file has no such column.</summary>
    public string ColumnOf(FormField field) => Columns.TryGetValue(field, out var c) ? c : FormParser.DefaultLabel(field);
}

/// <summary>One problem in a file: the sheet or table, the row as the file shows it, the column, and what is wrong.</summary>
public sealed record ImportIssue(string Sheet, int Row, string Column, string Message);

public sealed record FormParse(IReadOnlyList<ParsedPoint> Points, IReadOnlyList<ImportIssue> Issues, bool TableFound);

/// <summary>
/// Reads risk points out of tables as people fill them in Word, WPS and Excel: title rows above the header, a header
/// found by its column names in any order (one or two rows), category rows, blank and placeholder rows ("2."),
/// rows continued below, signature and note rows after the table. Every problem is reported with its row and column;
/// nothing is guessed silently except a category the text clearly names (else 未分类) and a missing level column (未定级).
/// A form this product exported brings its <see cref="FormRecord"/>: what the form does not print is taken from it for
/// the rows the user left as they were.
/// </summary>
public static partial class FormParser
{
    private const int HeaderSearchRows = 60;

    public static FormParse Parse(IReadOnlyList<Grid> grids, Scheme scheme, FormRecord? record = null)
    {
        // the record of another scheme's form names codes that mean something else here
        var recorded = record is not null && record.SchemeCode == scheme.Code ? new FormRecord.Matcher(record) : null;
        var points = new List<ParsedPoint>();
        var issues = new List<ImportIssue>();
        Header? previous = null;
        var found = false;
        var withData = grids.Count(g => g.Rows.Count > 0);
        foreach (var grid in grids)
        {
            var header = FindHeader(grid);
            var start = header?.NextRow ?? 0;
            // A Word table split across pages is often two tables: the second continues the first one's columns.
            if (header is null && previous is not null && grid.Width == previous.Width) header = previous;
            if (header is null) continue;
            found = true;
            previous = header;
            new RowReader(grid, header, scheme, withData > 1 ? grid.Label : "", recorded, points, issues).Read(start);
        }
        return new FormParse(points, issues, found);
    }

    public static string DefaultLabel(FormField field) => field switch
    {
        FormField.Seq => "序号", FormField.Category => "风险类别", FormField.Description => "风险点描述", FormField.Manifestation => "表现形式",
        FormField.Level => "风险等级", FormField.ApprovedLevel => "风险等级（审定）", FormField.Measures => "防控措施",
        FormField.Supervision => "监督检查路径", FormField.SupervisionBasis => "监督依据", FormField.SupervisionFocus => "监督重点",
        FormField.SupervisionMethods => "监督方法", FormField.Responsible => "相关责任人", FormField.Leader => "责任领导",
        FormField.Department => "责任处室", FormField.Persons => "责任人员", _ => "排查方式",
    };

    // ---- the header ----

    private sealed record Header(int Row, int NextRow, int Width, IReadOnlyDictionary<FormField, int[]> Columns,
        IReadOnlyDictionary<FormField, string> Labels, IReadOnlyList<string> Cells)
    {
        public bool Has(FormField f) => Columns.ContainsKey(f);
    }

    private static Header? FindHeader(Grid grid)
    {
        for (var i = 0; i < Math.Min(HeaderSearchRows, grid.Rows.Count); i++)
        {
            var row = grid.Rows[i];
            var fields = row.Cells.Select(FormColumns.Match).Where(f => f is not null).Distinct().ToList();
            if (!fields.Contains(FormField.Description) || fields.Count < 2) continue;
            var names = row.Cells.ToArray();
            var next = i + 1;
            if (next < grid.Rows.Count && IsSubHeader(row, grid.Rows[next]))
            {
                var below = grid.Rows[next];
                for (var c = 0; c < names.Length; c++)
                {
                    var b = FormColumns.Clean(below[c]);
                    if (b.Length > 0 && b != FormColumns.Clean(names[c])) names[c] = $"{FormColumns.Clean(names[c])}（{b}）";
                }
                next++;
            }
            var columns = new Dictionary<FormField, List<int>>();
            var labels = new Dictionary<FormField, string>();
            for (var c = 0; c < names.Length; c++)
            {
                if (FormColumns.Match(names[c]) is not { } f) continue;
                if (!columns.TryGetValue(f, out var list)) { columns[f] = list = []; labels[f] = FormColumns.Label(names[c]); }
                list.Add(c);
            }
            return new Header(i, next, grid.Width, columns.ToDictionary(p => p.Key, p => p.Value.ToArray()), labels,
                row.Cells.Select(FormColumns.Clean).ToList());
        }
        return null;
    }

    /// <summary>A second header row: "自评 / 审定" under a merged "风险等级", the other header cells merged down.</summary>
    private static bool IsSubHeader(GridRow top, GridRow below)
    {
        var tokens = 0;
        for (var c = 0; c < below.Cells.Count; c++)
        {
            var b = FormColumns.Clean(below[c]);
            if (b.Length == 0 || b == FormColumns.Clean(top[c])) continue;
            if (SubHeaderToken().IsMatch(b)) tokens++;
            else return false;
        }
        return tokens > 0;
    }

    // ---- the rows ----

    private sealed class RowReader(Grid grid, Header header, Scheme scheme, string where, FormRecord.Matcher? recorded, List<ParsedPoint> points,
        List<ImportIssue> issues)
    {
        private string _category = "";           // the category column's last text (merged or left blank below)
        private RiskCategoryDef? _section;        // a category row above ("一、决策廉洁风险")
        private Pending? _pending;

        public void Read(int start)
        {
            for (var i = start; i < grid.Rows.Count; i++)
            {
                var row = grid.Rows[i];
                if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
                if (IsFooter(row)) break;
                if (IsRepeatedHeader(row)) continue;
                if (SectionText(row) is { } section)
                {
                    Flush();
                    if (FormLookup.Category(scheme, section) is { } c) { _section = c; _category = ""; }
                    continue;
                }
                ReadRow(row);
            }
            Flush();
        }

        private string Value(GridRow row, FormField f)
        {
            if (!header.Columns.TryGetValue(f, out var cols)) return "";
            if (cols.Length == 1) return PointCells.Tidy(row[cols[0]]); // the usual case, asked 14 times a row: no LINQ
            var values = cols.Select(c => PointCells.Tidy(row[c])).Where(v => v.Length > 0).Distinct().ToList();
            return string.Join('\n', values);
        }

        private void ReadRow(GridRow row)
        {
            var seq = SchemeText.Normalize(Value(row, FormField.Seq));
            var ownCategory = Value(row, FormField.Category);
            if (ownCategory.Length > 0) { _category = ownCategory; _section = null; }
            var descCell = Value(row, FormField.Description);
            var d = PointCells.ParseDescription(descCell, t => !header.Has(FormField.Level) && FormLookup.Level(scheme, t) is not null);
            var level = Value(row, FormField.Level);
            var rest = new[] { FormField.ApprovedLevel, FormField.Measures, FormField.Supervision, FormField.SupervisionBasis, FormField.SupervisionFocus,
                FormField.SupervisionMethods, FormField.Responsible, FormField.Leader, FormField.Department, FormField.Persons, FormField.Sources,
                FormField.Manifestation }
                .ToDictionary(f => f, f => Value(row, f));
            var hasOther = !PointCells.IsNone(level) || rest.Values.Any(v => !PointCells.IsNone(v)) || d.Manifestation is not null;

            if (d.Description.Length == 0 && !hasOther)
            {
                // "2." with nothing else, or a category typed into the first column alone
                if (ownCategory.Length == 0 && seq.Length > 0 && !IsNumber(seq) && FormLookup.Category(scheme, seq) is { } c) { Flush(); _section = c; }
                return;
            }
            if (_pending is { } p
                && (d.Description.Length == 0 && seq.Length == 0 && level.Length == 0 && (ownCategory.Length == 0 || ownCategory == p.CategoryText)
                    || d.Description.Length > 0 && d.Description == p.Description && seq == p.Seq))
            {
                p.Add(row.Number, level, d, rest);
                return;
            }
            Flush();
            _pending = new Pending(row.Number, seq, _category, _section, d, level);
            _pending.Add(row.Number, level, d, rest);
        }

        private void Flush()
        {
            if (_pending is null) return;
            var p = _pending;
            _pending = null;
            var before = issues.Count;
            void Issue(FormField f, string message)
            {
                var column = header.Labels.TryGetValue(f, out var l) ? l : DefaultLabel(f);
                issues.Add(new ImportIssue(grid.Name, p.Row, column, $"{where}第 {p.Row} 行“{column}”：{message}".TrimStart()));
            }

            if (p.Description.Length == 0) Issue(FormField.Description, "风险点描述不能为空（该行填写了其他内容）");

            string categoryCode;
            CategorySource source;
            var text = string.Join('\n', new[] { p.Description, p.Manifestation });
            if (p.CategoryText.Length > 0)
            {
                var c = FormLookup.Category(scheme, p.CategoryText);
                if (c is null)
                    Issue(FormField.Category, $"“{p.CategoryText.Replace("\n", "")}”不是方案“{scheme.Name}”的风险类别，" +
                        $"可填：{string.Join("、", scheme.Categories.Select(x => x.Name))}");
                (categoryCode, source) = (c?.Code ?? "", CategorySource.Column);
            }
            else if (p.Section is { } s)
                (categoryCode, source) = (s.Code, s.Code == Scheme.UnclassifiedCode ? CategorySource.Unclassified : CategorySource.Section);
            else if (FormLookup.InferCategory(scheme, text) is { } inferred) (categoryCode, source) = (inferred, CategorySource.Inferred);
            else (categoryCode, source) = (Scheme.UnclassifiedCode, CategorySource.Unclassified);

            string levelCode;
            var unrated = false;
            if (header.Has(FormField.Level))
            {
                levelCode = LevelOf(p.Level, FormField.Level, Issue, required: true);
            }
            else if (p.TagLevel is { } tag) levelCode = FormLookup.Level(scheme, tag)!.Code;
            else { levelCode = Scheme.UnratedCode; unrated = true; }
            var approvedText = p.Approved.Length > 0 ? p.Approved : p.TagApproved ?? "";
            var approved = PointCells.IsNone(approvedText) ? null : LevelOf(approvedText, FormField.ApprovedLevel, Issue, required: false);

            var measures = p.Cells(FormField.Measures).SelectMany(c => PointCells.ParseMeasures(c, scheme)).ToList();
            var sup = PointCells.ParseSupervision(string.Join('\n', p.Cells(FormField.Supervision)));
            var basis = Joined(p.Cells(FormField.SupervisionBasis)) ?? sup.Basis;
            var focus = Joined(p.Cells(FormField.SupervisionFocus)) ?? sup.Focus;
            var methods = (sup.Methods ?? []).Concat(p.Cells(FormField.SupervisionMethods).SelectMany(PointCells.SplitNames)).Distinct().ToList();
            var resp = PointCells.ParseResponsible(string.Join('\n', p.Cells(FormField.Responsible)));
            var leader = Joined(p.Cells(FormField.Leader)) ?? resp.Leader;
            var department = Joined(p.Cells(FormField.Department)) ?? resp.Department;
            var persons = (resp.Persons ?? []).Concat(p.Cells(FormField.Persons).SelectMany(PointCells.SplitNames)).Distinct().ToList();
            var sources = p.Cells(FormField.Sources).SelectMany(PointCells.ParseSources).Distinct().ToList();
            var manifestation = Joined(p.Cells(FormField.Manifestation).Concat(p.Manifestation is null ? [] : [p.Manifestation]));

            if (issues.Count > before) return;
            if (recorded?.Take(p.Description) is { } r)
            {
                // only what the printed form cannot say: a category it has no column for, a level it has no column or tag for
                if (source is CategorySource.Inferred or CategorySource.Unclassified && scheme.Category(r.CategoryCode) is not null)
                    (categoryCode, source) = (r.CategoryCode,
                        r.CategoryCode == Scheme.UnclassifiedCode ? CategorySource.Unclassified : CategorySource.Recorded);
                if (unrated && r.LevelCode != Scheme.UnratedCode && scheme.Level(r.LevelCode) is not null) (levelCode, unrated) = (r.LevelCode, false);
                measures = measures.Select(m => Restore(m, r)).ToList();
            }
            var content = new RiskPointContent(categoryCode, p.Description, manifestation, levelCode, approved, null, sources, measures,
                new SupervisionPath(basis, focus, methods), new Responsible(leader, department, persons));
            points.Add(new ParsedPoint(grid.Name, p.Row, p.LastRow, content, source, unrated, header.Labels));
        }

        /// <summary>A measure as printed, with the kind, phase, owner and due date its record keeps (when the text is unchanged and has no tag).</summary>
        private ControlMeasure Restore(ControlMeasure m, FormRecord.Row row)
        {
            if (m.Kind is not null || m.Phase is not null || m.Owner is not null || m.Due is not null) return m;
            var key = FormRecord.Key(m.Text);
            if (row.Measures.FirstOrDefault(x => x.Key == key) is not { } x) return m;
            return m with
            {
                Kind = x.Kind is { } k && scheme.MeasureKinds.Contains(k) ? k : null,
                Phase = x.Phase is { } ph && scheme.MeasurePhases.Contains(ph) ? ph : null,
                Owner = x.Owner, Due = x.Due,
            };
        }

        private string LevelOf(string text, FormField field, Action<FormField, string> issue, bool required)
        {
            var t = text.Replace("\n", "");
            if (PointCells.IsNone(t))
            {
                if (required) issue(field, $"风险等级不能为空，可填：{Choices()}");
                return "";
            }
            if (FormLookup.Level(scheme, t) is { } l) return l.Code;
            var several = t.Split(['/', '／', '、', '或'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            issue(field, several.Length > 1 && several.All(x => FormLookup.Level(scheme, x) is not null)
                ? $"“{t}”只能填一个等级（这是填表说明的写法，请选择其一或删除该行）"
                : $"“{t}”不是方案“{scheme.Name}”的风险等级，可填：{Choices()}");
            return "";
        }

        private string Choices() => string.Join("、", scheme.Levels.OrderBy(l => l.Rank).Select(l => l.Name));

        private static string? Joined(IEnumerable<string> cells)
        {
            var text = string.Join('\n', cells.Where(c => !PointCells.IsNone(c)));
            return text.Length == 0 ? null : text;
        }

        /// <summary>Signatures, notes, opinions or totals below the table end it.</summary>
        private bool IsFooter(GridRow row)
        {
            var first = -1;
            for (var c = 0; c < row.Cells.Count; c++) if (!string.IsNullOrWhiteSpace(row[c])) { first = c; break; }
            var text = FormColumns.Clean(row[first]);
            if (IsNumber(text)) return false;
            var inDescription = header.Columns.TryGetValue(FormField.Description, out var dc) && dc.Contains(first);
            if (NoteStart().IsMatch(text)) return true;
            if (inDescription && !IsSection(row)) return false;
            if (header.Has(FormField.Level) && FormLookup.Level(scheme, Value(row, FormField.Level)) is not null) return false;
            return FooterWords().IsMatch(text);
        }

        private bool IsRepeatedHeader(GridRow row) =>
            header.Row >= 0 && row.Cells.Count == header.Cells.Count && row.Cells.Select(FormColumns.Clean).SequenceEqual(header.Cells);

        /// <summary>One text across columns of different fields (a merged row), not a description merged over several columns.</summary>
        private bool IsSection(GridRow row)
        {
            var values = row.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
            if (values.Count != 1) return false;
            var fields = header.Columns.Count(f => f.Value.Any(c => !string.IsNullOrWhiteSpace(row[c])));
            return fields >= 2;
        }

        /// <summary>One text across the whole row (a merged row): a category heading, or some other heading to skip.</summary>
        private string? SectionText(GridRow row)
        {
            if (!IsSection(row) || !header.Columns.TryGetValue(FormField.Description, out var dc) || dc.All(c => string.IsNullOrWhiteSpace(row[c])))
                return null;
            return row.Cells.First(c => !string.IsNullOrWhiteSpace(c));
        }
    }

    /// <summary>A point being read, possibly over several rows.</summary>
    private sealed class Pending(int row, string seq, string categoryText, RiskCategoryDef? section, PointCells.DescriptionParts d, string level)
    {
        private readonly Dictionary<FormField, List<string>> _cells = [];
        public int Row { get; } = row;
        public int LastRow { get; private set; } = row;
        public string Seq { get; } = seq;
        public string CategoryText { get; } = categoryText;
        public RiskCategoryDef? Section { get; } = section;
        public string Description { get; } = d.Description;
        public string? Manifestation { get; private set; } = d.Manifestation;
        public string Level { get; private set; } = level;
        public string Approved { get; private set; } = "";
        public string? TagLevel { get; } = d.LevelText;
        public string? TagApproved { get; } = d.ApprovedLevelText;

        public IEnumerable<string> Cells(FormField f) => _cells.TryGetValue(f, out var l) ? l : [];

        public void Add(int row, string level, PointCells.DescriptionParts d, Dictionary<FormField, string> values)
        {
            LastRow = row;
            if (Level.Length == 0) Level = level;
            if (d.Manifestation is not null && Manifestation is null) Manifestation = d.Manifestation;
            foreach (var (f, v) in values)
            {
                if (v.Length == 0) continue;
                if (f == FormField.ApprovedLevel) { if (Approved.Length == 0) Approved = v; continue; }
                if (!_cells.TryGetValue(f, out var list)) _cells[f] = list = [];
                if (!list.Contains(v)) list.Add(v); // merged cells repeat on every row they cover
            }
        }
    }

    private static bool IsNumber(string s) => NumberOnly().IsMatch(s);

    [GeneratedRegex(@"^(自评|审定|自评等级|审定等级|自评级别|审定级别|初评|复评)$")] private static partial Regex SubHeaderToken();
    [GeneratedRegex(@"^[（(]?[0-9]{1,4}[)）.．、]?$")] private static partial Regex NumberOnly();
    [GeneratedRegex(@"^(注[:：0-9.．、]|注$|备注|说明[:：]|填表说明)")] private static partial Regex NoteStart();
    [GeneratedRegex(@"签字|签名|盖章|意见$|承诺|填表人|填报人|^合计|^总合计|^总计|填表日期|填报日期|^日期[:：]")] private static partial Regex FooterWords();
}
