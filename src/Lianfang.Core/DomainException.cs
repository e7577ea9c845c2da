namespace Lianfang.Core;

public enum DomainErrorKind { Invalid, Conflict, NotFound, Forbidden }

/// <summary>A rule was broken. <see cref="Field"/> names the input at fault so the UI and API can point at it.</summary>
public class DomainException(string field, string message, DomainErrorKind kind = DomainErrorKind.Invalid)
    : Exception(message)
{
    public string Field { get; } = field;
    public DomainErrorKind Kind { get; } = kind;

    public static DomainException NotFound(string field, string message) => new(field, message, DomainErrorKind.NotFound);
    public static DomainException Conflict(string field, string message) => new(field, message, DomainErrorKind.Conflict);
    public static DomainException Forbidden(string message) => new("", message, DomainErrorKind.Forbidden);
}

public static class Text
{
    /// <summary>Trims and checks a required name-like field.</summary>
    public static string Required(string? value, string field, string label, int maxLength = 100)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) throw new DomainException(field, $"{label}不能为空");
        if (v.Length > maxLength) throw new DomainException(field, $"{label}不能超过{maxLength}个字");
        return v;
    }

    public static string? Optional(string? value, string field, string label, int maxLength = 2000)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (v.Length > maxLength) throw new DomainException(field, $"{label}不能超过{maxLength}个字");
        return v;
    }
}

/// <summary>Entities edited through forms carry a version so a stale edit is refused, never lost.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
