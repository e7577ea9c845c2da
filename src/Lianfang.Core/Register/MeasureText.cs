using System.Text.RegularExpressions;

namespace Lianfang.Core.Register;

/// <summary>Splits measures as people number them in Word ("1．…", "（2）…", "③…") into separate measures.</summary>
public static partial class MeasureText
{
    public static IReadOnlyList<string> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var lines = text.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        // Several numbered items on one line ("1．… 2．…") are split as well.
        var items = lines.SelectMany(l => Inline().Split(l)).Select(s => Number().Replace(s.Trim(), "").Trim());
        return items.Where(s => s.Length > 0 && !OnlyNumber().IsMatch(s)).ToList();
    }

    [GeneratedRegex(@"^(?:[（(]?\s*[0-9０-９一二三四五六七八九十]+\s*[)）．.、,，:：]|[①-⑳])\s*")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?<=[。；;])\s*(?=(?:[0-9０-９]+[．.、]|[①-⑳]))")]
    private static partial Regex Inline();

    [GeneratedRegex(@"^[0-9０-９]+[．.、]?$")]
    private static partial Regex OnlyNumber();
}
