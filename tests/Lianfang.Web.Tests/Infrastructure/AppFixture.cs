using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>
/// One app per database for a whole test collection. Tests stay independent by working inside org units
/// they create with unique names; scope rules keep each test's data apart.
/// </summary>
public abstract class AppFixture(Db db) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private World? _world, _other;

    public LianfangApp App { get; private set; } = null!;
    public Db Db => db;
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Settings a fixture of its own may change (e.g. rate limits), on top of the test defaults.</summary>
    protected virtual Dictionary<string, string?>? Settings => null;

    public Task InitializeAsync()
    {
        App = new LianfangApp(db, Settings);
        Admin = ClientWithToken(TokenAsync("admin", LianfangApp.AdminPassword).GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A shared world (a commission with units, people and one account per role), built on first use.</summary>
    public async Task<World> WorldAsync() => _world ??= await World.CreateAsync(this, "共用");

    /// <summary>A second world, to check that nobody in the first one sees into it.</summary>
    public async Task<World> OtherWorldAsync() => _other ??= await World.CreateAsync(this, "他方");

    public HttpClient Anonymous() => App.CreateClient();

    public async Task<HttpClient> As(string userName, string? password = null) =>
        ClientWithToken(_tokens.TryGetValue(userName, out var t) ? t : _tokens[userName] = await TokenAsync(userName, password ?? LianfangApp.Password));

    public async Task<string> TokenAsync(string userName, string password)
    {
        var res = await App.CreateClient().Post("/api/v1/auth/token", new { userName, password }).Expect(HttpStatusCode.OK);
        return res.GetProperty("accessToken").GetString()!;
    }

    private HttpClient ClientWithToken(string token)
    {
        var c = App.CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }
}

public sealed class SqliteFixture() : AppFixture(Db.Sqlite);
public sealed class PostgresFixture() : AppFixture(Db.Postgres);

[CollectionDefinition("sqlite")] public sealed class SqliteCollection : ICollectionFixture<SqliteFixture>;
[CollectionDefinition("postgres")] public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
