using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Lianfang.Web.Tests.Features;

/// <summary>Counts the database commands each request runs, by the request's <c>X-Query-Count</c> header.</summary>
public sealed class QueryCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Query-Count";
    public static readonly ConcurrentDictionary<string, int> ByRequest = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Count(); return result; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    { Count(); return ValueTask.FromResult(result); }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken ct = default)
    { Count(); return ValueTask.FromResult(result); }

    private void Count()
    {
        if (http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } key) ByRequest.AddOrUpdate(key, 1, (_, n) => n + 1);
    }
}

/// <summary>
/// No N+1: a page runs the same number of queries whether it shows a few rows or many. Each page is loaded with the
/// list holding 2 points, then with 42, and (for the reviewer) with the list in review.
/// </summary>
public abstract class QueryCountTests(AppFixture f)
{
    private static Task<int> QueriesAsync(PageClient page, string url) => QueriesAsync(page.Http, url);

    /// <summary>The database commands a GET of <paramref name="url"/> runs.</summary>
    internal static async Task<int> QueriesAsync(HttpClient client, string url)
    {
        var key = Guid.NewGuid().ToString("N");
        using var req = new HttpRequestMessage(HttpMethod.Get, url);
        req.Headers.Add(QueryCounter.Header, key);
        var res = await client.SendAsync(req);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)res.StatusCode}");
        return QueryCounter.ByRequest.GetValueOrDefault(key);
    }

    [Fact]
    public async Task Register_list_inbox_progress_and_dashboard_pages_run_as_many_queries_for_many_rows_as_for_few()
    {
        Assert.Contains(f.App.Services.GetServices<IInterceptor>(), i => i is QueryCounter);
        var s = await Review.WrittenList.CreateAsync(f, "查询数");
        var staff = await PageClient.LoginAsync(f, s.W.Users["staff"]);
        var head = await PageClient.LoginAsync(f, s.W.Users["dept_head"]);
        var office = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        var pages = new (PageClient Page, string Url)[]
        {
            (office, $"/Register?campaignId={s.Campaign}"),
            (office, $"/Register?campaignId={s.Campaign}&sort=level&q=%E6%8B%A8%E4%BB%98"),
            (staff, $"/Lists/Edit?id={s.List}"),
            (office, $"/Lists/Edit?id={s.List}"),
            (office, $"/Campaigns/Progress?id={s.Campaign}"),
            (office, $"/Reports/Dashboard?campaignId={s.Campaign}"),
            (office, $"/Forms/Summary?campaignId={s.Campaign}"),
            (head, "/Inbox"),
            (head, "/"),
        };
        var few = new List<int>();
        foreach (var (page, url) in pages) few.Add(await QueriesAsync(page, url));
        Assert.All(few, n => Assert.InRange(n, 1, 40));

        var api = await f.As(s.W.Users["staff"]);
        for (var i = 0; i < 40; i++)
            await api.Post($"/api/v1/lists/{s.List}/risk-points", new
            {
                categoryCode = i % 2 == 0 ? "power" : "conduct", description = $"第{i}项：资金拨付中优亲厚友", levelCode = i % 3 == 0 ? "important" : "general",
                measures = new[] { new { text = "拨付双人复核" }, new { text = "建立台账" } }, supervision = new { methods = new[] { "查阅资料" } },
                responsible = Review.WrittenList.Responsible, elementsChecked = true,
            }).Expect(HttpStatusCode.Created);
        await api.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);

        for (var i = 0; i < pages.Length; i++)
        {
            var many = await QueriesAsync(pages[i].Page, pages[i].Url);
            // A page may add a query or two once something is in review; a query per row would add 40.
            Assert.True(many <= few[i] + 3, $"{pages[i].Url}: {many} queries with 42 points and the list in review, {few[i]} with 2 points — a query per row");
        }
    }
}

[Collection("sqlite")] public sealed class QueryCountTests_Sqlite(SqliteFixture f) : QueryCountTests(f);
[Collection("postgres")] public sealed class QueryCountTests_Postgres(PostgresFixture f) : QueryCountTests(f);
