using Microsoft.AspNetCore.WebUtilities;

namespace Lianfang.Web.Infrastructure;

/// <summary>Page number, size and total for a list page; links keep the other query parameters.</summary>
public sealed class Pager(HttpRequest request, int page, int pageSize, int total)
{
    public int Page { get; } = Math.Max(page, 1);
    public int PageSize { get; } = pageSize;
    public int Total { get; } = total;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int Skip => (Page - 1) * PageSize;

    public string Link(int page)
    {
        var query = request.Query.Where(q => q.Key != "page").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["page"] = page.ToString();
        return QueryHelpers.AddQueryString(request.Path, query);
    }
}

/// <summary>A page of a collection, as the API returns it: {total, items}.</summary>
public sealed record Paged<T>(int Total, IReadOnlyList<T> Items);
