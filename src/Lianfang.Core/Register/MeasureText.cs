using System.Text.RegularExpressions;

namespace Lianfang.Core.Register;

/// <summary>Splits measures as people number them in Word ("1．…", "（2）…", "③…") into separate measures.</summary>
public static partial class MeasureText
{
    public static IReadOnlyList<string> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var lines = text.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        // Several numbered items on one line ("1．… 2．…", "1.…2.…") are split as well.
        var items = lines.SelectMany(l => Inline().Split(l)).SelectMany(Sequence).Select(s => Number().Replace(s.Trim(), "").Trim());
        return items.Where(s => s.Length > 0 && !OnlyNumber().IsMatch(s)).ToList();
    }

    /// <summary>"1．甲2．乙 3．丙" → three items: splits only where the numbers run 1, 2, 3 … from the start of the line.</summary>
    private static IEnumerable<string> Sequence(string line)
    {
        var marks = Marker().Matches(line);
        if (marks.Count < 2 || marks[0].Index != 0 || Digits(marks[0].Groups[1].Value) != 1) { yield return line; yield break; }
        var starts = new List<int> { 0 };
        var next = 2;
        foreach (Match m in marks.Skip(1))
            if (Digits(m.Groups[1].Value) == next) { starts.Add(m.Index); next++; }
        for (var i = 0; i < starts.Count; i++)
            yield return line[starts[i]..(i + 1 < starts.Count ? starts[i + 1] : line.Length)];
    }

    private static int Digits(string s) => int.Parse(new string(s.Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c).ToArray()));

    [GeneratedRegex(@"(?<![0-9０-９])([0-9０-９]{1,2})[．.、](?![0-9０-９])")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^(?:[（(]?\s*[0-9０-９一二三四五六七八九十]+\s*[)）．.、,，:：]|[①-⑳])\s*")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?<=[。；;])\s*(?=(?:[0-9０-９]+[．.、]|[①-⑳]))")]
    private static partial Regex Inline();

    [GeneratedRegex(@"^[0-9０-９]+[．.、]?$")]
    private static partial Regex OnlyNumber();
}
