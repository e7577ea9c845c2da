using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Lianfang.Web.Shared;
using Microsoft.EntityFrameworkCore;

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
    /// <summary>The system administrator of the whole system: accounts, org tree.</summary>
    public HttpClient Admin { get; private set; } = null!;
    /// <summary>The security administrator of the whole system: roles and grants.</summary>
    public HttpClient Security { get; private set; } = null!;
    /// <summary>The audit administrator of the whole system: the audit trail.</summary>
    public HttpClient Auditor { get; private set; } = null!;
    /// <summary>
    /// The tests' own reader of business content: a commission account granted at the root of every world a test builds,
    /// which opens campaigns and reads lists where a test needs to look (administrators read no business content).
    /// </summary>
    public HttpClient Observer { get; private set; } = null!;
    public int ObserverId { get; private set; }

    /// <summary>Settings a fixture of its own may change (e.g. rate limits), on top of the test defaults.</summary>
    protected virtual Dictionary<string, string?>? Settings => null;

    /// <summary>The app's clock, when a fixture of its own sets the time (a FakeTimeProvider); else the system's.</summary>
    protected virtual TimeProvider? Time => null;

    public async Task InitializeAsync()
    {
        App = new LianfangApp(db, Settings, Time);
        Admin = ClientWithToken(await TokenAsync("admin", LianfangApp.AdminPassword));
        Security = ClientWithToken(await TokenAsync("secadmin", LianfangApp.AdminPassword));
        Auditor = ClientWithToken(await TokenAsync("auditor", LianfangApp.AdminPassword));
        ObserverId = (await Admin.Post("/api/v1/users", new { userName = "observer", password = LianfangApp.Password, displayName = "测试观察（纪委监委）" })
            .Expect(HttpStatusCode.Created)).Id();
        Observer = ClientWithToken(await TokenAsync("observer", LianfangApp.Password));
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

    /// <summary>An account's scope as a request of it would load it, for calling feature services directly.</summary>
    public Task<Lianfang.Core.Access.AccessScope> ScopeOfAsync(string userName) => App.WithDbAsync(async db =>
        await CurrentUser.LoadAsync(db, await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(), default));

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
