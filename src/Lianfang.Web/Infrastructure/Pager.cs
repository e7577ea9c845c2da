using Microsoft.AspNetCore.WebUtilities;

namespace Lianfang.Web.Infrastructure;

/// <summary>
/// Page number, size and total for a list page; links keep the other query parameters. The number is read from the query
/// string here, never bound as a handler parameter: Razor Pages' own route value is also called "page" and wins the binding.
/// A number past the end shows the last page.
/// </summary>
public sealed class Pager
{
    public const string Key = "page";
    private readonly HttpRequest _request;

    /// <param name="unit">what is counted, as the total reads: 共 N 条, 共 N 份清单</param>
    public Pager(HttpRequest request, int pageSize, int total, string unit = "条")
    {
        _request = request;
        Unit = unit;
        PageSize = pageSize;
        Total = total;
        Page = Math.Clamp(int.TryParse(request.Query[Key], out var p) ? p : 1, 1, Pages);
    }

    public int Page { get; }
    public string Unit { get; }
    public int PageSize { get; }
    public int Total { get; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int Skip => (Page - 1) * PageSize;

    public string Link(int page)
    {
        var query = _request.Query.Where(q => q.Key != Key).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query[Key] = page.ToString();
        return QueryHelpers.AddQueryString(_request.Path, query);
    }
}

/// <summary>A page of a collection, as the API returns it: {total, items}.</summary>
public sealed record Paged<T>(int Total, IReadOnlyList<T> Items);
