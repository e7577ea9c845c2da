namespace Lianfang.Web.Shared;

/// <summary>Times are stored in UTC and shown in the users' time zone (Beijing unless configured).</summary>
public static class Clock
{
    private static TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static void Configure(string? zoneId)
    {
        if (!string.IsNullOrWhiteSpace(zoneId)) _zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
    }

    public static DateTime Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public static DateOnly Today => DateOnly.FromDateTime(Local(DateTime.UtcNow));

    /// <summary>The UTC instant a local day begins, for filters by date.</summary>
    public static DateTime UtcOf(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), _zone);
}
