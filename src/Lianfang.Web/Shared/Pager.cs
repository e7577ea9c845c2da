using Microsoft.AspNetCore.WebUtilities;

namespace Lianfang.Web.Shared;

/// <summary>
/// Page number, size and total for a list page; links keep the other query parameters. The number is read from the query
/// string here, never bound as a handler parameter: Razor Pages' own route value is also called "page" and wins the binding.
/// A number past the end shows the last page.
/// </summary>
public sealed class Pager
{
    public const string Key = "page";
    private readonly HttpRequest _request;

    /// <summary>A search counts its hits up to this many (<see cref="CountAsync{T}"/>): counting a province's every hit costs more than the page.</summary>
    public const int SearchCountCap = 1_000;

    /// <param name="unit">what is counted, as the total reads: 共 N 条, 共 N 份清单</param>
    /// <param name="capped">the total was counted up to <see cref="SearchCountCap"/> and there are more</param>
    public Pager(HttpRequest request, int pageSize, int total, string unit = "条", bool capped = false)
    {
        _request = request;
        Unit = unit;
        PageSize = pageSize;
        Total = total;
        Capped = capped;
        Page = Math.Clamp(int.TryParse(request.Query[Key], out var p) ? p : 1, 1, Pages);
    }

    /// <summary>Rows of <paramref name="q"/> counted up to the cap, and whether there are more.</summary>
    public static async Task<(int Total, bool Capped)> CountAsync<T>(IQueryable<T> q, CancellationToken ct)
    {
        var n = await q.Take(SearchCountCap + 1).CountAsync(ct);
        return n > SearchCountCap ? (SearchCountCap, true) : (n, false);
    }

    public bool Capped { get; }
    /// <summary>共 N 条, or 共 1,000 条以上 when the count stopped at the cap.</summary>
    public string TotalText => Capped ? $"共 {Total:N0} {Unit}以上" : $"共 {Total} {Unit}";

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

/// <summary>A page of search hits: {total, totalCapped, items}; with totalCapped the total is <see cref="Pager.SearchCountCap"/> and there are more.</summary>
public sealed record SearchPage<T>(int Total, bool TotalCapped, IReadOnlyList<T> Items);
