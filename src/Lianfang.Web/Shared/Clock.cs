namespace Lianfang.Web.Shared;

/// <summary>
/// Times are stored in UTC and shown in the users' time zone (Beijing unless configured). The current time comes from the
/// app's <see cref="TimeProvider"/> (a singleton in DI; tests may replace it), never from the system clock directly.
/// </summary>
public static class Clock
{
    private static TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static void Configure(string? zoneId)
    {
        if (!string.IsNullOrWhiteSpace(zoneId)) _zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
    }

    public static DateTime Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    /// <summary>The current instant in UTC, as Core stamps it: what <paramref name="time"/> (the app's TimeProvider) says.</summary>
    public static DateTime UtcNow(this TimeProvider time) => time.GetUtcNow().UtcDateTime;

    /// <summary>Today in the users' time zone by <paramref name="time"/> (the app's TimeProvider): the date deadlines and forms go by.</summary>
    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(Local(time.UtcNow()));

    /// <summary>The UTC instant a local day begins, for filters by date.</summary>
    public static DateTime UtcOf(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), _zone);
}
