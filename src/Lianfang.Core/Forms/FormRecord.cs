using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Forms;

/// <summary>
/// What an exported form knows about its points but does not print, because the seed's form has no place for it
/// (001 附件1 has no category column, 003 附件5–8 no level, no form a measure's kind or phase): carried in the file
/// where nobody sees it (a custom XML part in Word, a very hidden sheet in Excel) and read back on import. Rows are
/// keyed by a hash of the description, measures by a hash of their text, so a row the user rewrote or added is read
/// as any hand-filled form is, and what the user printed (a category row, a level tag) wins over the record.
/// </summary>
public sealed record FormRecord(string SchemeCode, IReadOnlyList<FormRecord.Row> Rows)
{
    public sealed record Row(string Key, string CategoryCode, string LevelCode, IReadOnlyList<Measure> Measures);

    public sealed record Measure(string Key, string? Kind, string? Phase, string? Owner, DateOnly? Due);

    /// <summary>The Word part's XML namespace and the Excel sheet's name.</summary>
    public const string Namespace = "urn:lianfang:form-record:1";
    public const string SheetName = "lianfang-record";

    private const string Magic = "lianfang-form-record";
    private const string Version = "1";

    public static FormRecord Of(string schemeCode, IEnumerable<(string Description, RiskPoint Point)> rows) => new(schemeCode,
        rows.Select(x => new Row(Key(x.Description), x.Point.CategoryCode, x.Point.LevelCode,
            x.Point.Measures.Select(m => new Measure(Key(m.Text), m.Kind, m.Phase, m.Owner, m.Due)).ToList())).ToList());

    /// <summary>16 hex digits of the SHA-256 of the text without spaces and line breaks (Word and Excel re-flow those).</summary>
    public static string Key(string? text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(SchemeText.Normalize(text))), 0, 8).ToLowerInvariant();

    /// <summary>As rows of text cells, the shape both files store it in.</summary>
    public IEnumerable<string[]> ToRows()
    {
        yield return [Magic, Version, SchemeCode];
        foreach (var r in Rows)
        {
            yield return ["point", r.Key, r.CategoryCode, r.LevelCode];
            foreach (var m in r.Measures)
                yield return ["measure", m.Key, m.Kind ?? "", m.Phase ?? "", m.Owner ?? "", m.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""];
        }
    }

    /// <summary>
    /// The record these rows hold, or null when they are not one (another program's data, a damaged part, more rows than
    /// a file may have); the readers bound the size of each cell.
    /// </summary>
    public static FormRecord? FromRows(IEnumerable<IReadOnlyList<string>> rows, int maxRows)
    {
        using var e = rows.GetEnumerator();
        if (!e.MoveNext() || e.Current.Count < 3 || e.Current[0] != Magic || e.Current[1] != Version) return null;
        var scheme = e.Current[2];
        var points = new List<(string Key, string Category, string Level, List<Measure> Measures)>();
        var count = 0;
        while (e.MoveNext())
        {
            var r = e.Current;
            if (++count > maxRows) return null;
            string At(int i) => i < r.Count ? r[i] : "";
            if (!IsKey(At(1))) return null;
            switch (At(0))
            {
                case "point":
                    points.Add((At(1), At(2), At(3), []));
                    break;
                case "measure" when points.Count > 0:
                    DateOnly? due = DateOnly.TryParseExact(At(5), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                    points[^1].Measures.Add(new Measure(At(1), Opt(At(2)), Opt(At(3)), Opt(At(4)), due));
                    break;
                default:
                    return null;
            }
        }
        return new FormRecord(scheme, points.Select(p => new Row(p.Key, p.Category, p.Level, p.Measures)).ToList());
    }

    private static string? Opt(string s) => s.Length == 0 ? null : s;

    private static bool IsKey(string s) => s.Length == 16 && s.All(char.IsAsciiHexDigitLower);

    /// <summary>Hands out the rows of a record to the points read from the file, each row once, rows of equal text in order.</summary>
    public sealed class Matcher(FormRecord record)
    {
        private readonly Dictionary<string, Queue<Row>> _rows = record.Rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => new Queue<Row>(g));

        public Row? Take(string description) => _rows.TryGetValue(Key(description), out var q) && q.Count > 0 ? q.Dequeue() : null;
    }
}
