using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Security;

/// <summary>
/// The sign-in scope is kept across requests (ReadCache) until the node writes: a grant taken back, given again or deleted
/// outside EF's change tracker counts on the account's very next request, though the one before it filled the cache.
/// (A password changed under a held token: PasswordPolicyTests.An_api_token_ends_with_the_password_it_was_issued_under….)
/// </summary>
public abstract class SignInScopeCacheTests(AppFixture f)
{
    [Fact]
    public async Task A_grant_taken_back_or_given_counts_on_the_next_request()
    {
        var s = await WrittenList.CreateAsync(f, "范围缓存");
        var head = await f.As(s.W.Users["dept_head"]);
        var headId = (await f.Security.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == s.W.Users["dept_head"]).Id();
        async Task<JsonElement> GrantAsync() => (await f.Security.GetAsync($"/api/v1/users/{headId}").Expect(HttpStatusCode.OK))
            .GetProperty("grants").EnumerateArray().Single(g => g.GetProperty("role").GetString() == "dept_head");
        async Task<HttpStatusCode> ListAsync()
        {
            var status = (await head.GetAsync($"/api/v1/lists/{s.List}")).StatusCode;
            Assert.Equal(status, (await head.GetAsync($"/api/v1/lists/{s.List}")).StatusCode); // the second from the cache
            return status;
        }

        Assert.Equal(HttpStatusCode.OK, await ListAsync());
        var grant = await GrantAsync();
        await f.Security.DeleteAsync($"/api/v1/users/{headId}/grants/{grant.Id()}").Expect(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, await ListAsync());

        await f.Security.Post($"/api/v1/users/{headId}/grants", new { role = "dept_head", orgUnitId = grant.GetProperty("orgUnitId").GetInt32() })
            .Expect(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, await ListAsync());

        var again = (await GrantAsync()).Id();
        await f.App.WithDbAsync(db => db.UserGrants.Where(g => g.Id == again).ExecuteDeleteAsync()); // outside the change tracker
        Assert.Equal(HttpStatusCode.NotFound, await ListAsync());
    }
}

[Collection("sqlite")] public sealed class SignInScopeCacheTests_Sqlite(SqliteFixture f) : SignInScopeCacheTests(f);
[Collection("postgres")] public sealed class SignInScopeCacheTests_Postgres(PostgresFixture f) : SignInScopeCacheTests(f);
