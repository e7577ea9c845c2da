using System.Globalization;

namespace Lianfang.Core.Forms;

/// <summary>A date as people type it in a cell: 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日, 2026年3月, or Excel's day number.</summary>
public static class CellDate
{
    public static DateOnly? Parse(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim().Replace('．', '.').Replace('年', '-').Replace('月', '-').Replace("日", "").Replace('.', '-').Replace('/', '-').TrimEnd('-');
        string[] formats = ["yyyy-M-d", "yyyy-M", "yyyy-MM-dd HH:mm:ss", "yyyy-M-d H:mm:ss"];
        if (DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return DateOnly.FromDateTime(d);
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var oa) && oa is > 1 and < 100000)
            return DateOnly.FromDateTime(DateTime.FromOADate(oa));
        return null;
    }
}
