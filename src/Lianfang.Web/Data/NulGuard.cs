using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lianfang.Web.Data;

/// <summary>
/// PostgreSQL refuses a NUL character in any text parameter (SQLite takes it), and Npgsql cannot encode half of a
/// surrogate pair (SQLite silently stores U+FFFD; an Excel "_xD800_" escape makes one): a filter, a uniqueness check or
/// a save that carries either is refused as bad input before it reaches either database, so both answer 400 the same way.
/// </summary>
public sealed class NulGuard : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbCommand command)
    {
        foreach (DbParameter p in command.Parameters)
            if (p.Value is string text && Unstorable(text) is { } why)
                throw new DomainException(FieldOf(p.ParameterName), $"输入{why}，请删除后重试");
    }

    /// <summary>Why text cannot be stored as it is on both databases, or null when it can.</summary>
    public static string? Unstorable(string text)
    {
        if (text.Contains('\0')) return "含有空字符（\\0）";
        var i = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return null;
        for (; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return "含有无效字符（不成对的 Unicode 代理项）";
        }
        return null;
    }

    /// <summary>EF names a query's parameters after the C# variable ("@__name_0", "@name"): the field, as far as it can tell.</summary>
    private static string FieldOf(string parameter)
    {
        var name = parameter.TrimStart('@', ':', '$').TrimStart('_');
        var cut = name.LastIndexOf('_');
        if (cut > 0 && name[(cut + 1)..].All(char.IsDigit)) name = name[..cut];
        return name.Length == 0 || (name[0] == 'p' && name[1..].All(char.IsDigit)) ? "" : name;
    }
}
