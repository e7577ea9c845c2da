using System.Net;
using System.Net.Http.Headers;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Account;

/// <summary>
/// An app with directory sign-in on, against the test OpenLDAP. Its group mappings name units that must be in the tree when
/// it starts, so a first app (with the directory off) builds 目录委 / 目录局 / 财务处 on the database, then the directory app
/// starts on the same database — as an installation connects its directory once its org tree is in.
/// </summary>
public abstract class DirectoryFixture(Db db) : IAsyncLifetime
{
    public const string Commission = "目录委", Bureau = "目录局", Finance = "财务处";
    public const string FinancePath = Commission + "/" + Bureau + "/" + Finance;

    private LianfangApp _seed = null!;
    public LianfangApp App { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Security { get; private set; } = null!;
    public HttpClient Auditor { get; private set; } = null!;
    public int BureauId { get; private set; }
    public int FinanceId { get; private set; }

    /// <summary>The directory settings of <see cref="App"/>: staff and dept heads of 财务处 (group by DN and by cn), 分管领导 of 目录局 (unit by id).</summary>
    public Dictionary<string, string?> Settings(string? url = null) => new()
    {
        ["Lianfang:Directory:Url"] = url ?? Slapd.Url,
        ["Lianfang:Directory:BindDn"] = Slapd.ServiceDn,
        ["Lianfang:Directory:BindPassword"] = Slapd.ServicePassword,
        ["Lianfang:Directory:BaseDn"] = Slapd.People,
        ["Lianfang:Directory:GroupBaseDn"] = Slapd.Groups,
        ["Lianfang:Directory:UserFilter"] = "(&(objectClass=inetOrgPerson)(uid={0}))",
        ["Lianfang:Directory:PersonAttribute"] = "employeeNumber",
        ["Lianfang:Directory:Timeout"] = "5",
        ["Lianfang:Directory:Groups:0:Group"] = Slapd.GroupDn("lianfang-staff"),
        ["Lianfang:Directory:Groups:0:Role"] = "staff",
        ["Lianfang:Directory:Groups:0:OrgUnit"] = FinancePath,
        ["Lianfang:Directory:Groups:1:Group"] = "lianfang-dept-heads",
        ["Lianfang:Directory:Groups:1:Role"] = "dept_head",
        ["Lianfang:Directory:Groups:1:OrgUnit"] = FinancePath,
        ["Lianfang:Directory:Groups:2:Group"] = "lianfang-leaders",
        ["Lianfang:Directory:Groups:2:Role"] = "leader_in_charge",
        ["Lianfang:Directory:Groups:2:OrgUnit"] = BureauId.ToString(),
    };

    /// <summary>Another app on the same database with these settings (a bad configuration, a directory that is down).</summary>
    public LianfangApp AnotherApp(Dictionary<string, string?> settings) => new(_seed, settings);

    public async Task InitializeAsync()
    {
        _ = Slapd.Url; // without the server, say so before anything else
        _seed = new LianfangApp(db);
        var admin = Client(_seed, await TokenAsync(_seed, "admin", LianfangApp.AdminPassword));
        var commission = (await admin.Post("/api/v1/org-units", new { name = Commission, kind = "Commission" }).Expect(HttpStatusCode.Created)).Id();
        BureauId = (await admin.Post("/api/v1/org-units", new { name = Bureau, kind = "Unit", parentId = commission }).Expect(HttpStatusCode.Created)).Id();
        FinanceId = (await admin.Post("/api/v1/org-units", new { name = Finance, kind = "Department", parentId = BureauId })
            .Expect(HttpStatusCode.Created)).Id();

        App = new LianfangApp(_seed, Settings());
        Admin = Client(App, await TokenAsync(App, "admin", LianfangApp.AdminPassword));
        Security = Client(App, await TokenAsync(App, "secadmin", LianfangApp.AdminPassword));
        Auditor = Client(App, await TokenAsync(App, "auditor", LianfangApp.AdminPassword));
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        _seed.Dispose(); // drops the database
        return Task.CompletedTask;
    }

    public HttpClient Anonymous() => App.CreateClient();

    /// <summary>A signed-in API client of a directory user (or any account).</summary>
    public async Task<HttpClient> As(string userName, string password = Slapd.Password) => Client(App, await TokenAsync(App, userName, password));

    public static async Task<string> TokenAsync(LianfangApp app, string userName, string password) =>
        (await app.CreateClient().Post("/api/v1/auth/token", new { userName, password }).Expect(HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;

    public static HttpClient Client(LianfangApp app, string token)
    {
        var c = app.CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }
}

public sealed class DirectorySqliteFixture() : DirectoryFixture(Db.Sqlite);
public sealed class DirectoryPostgresFixture() : DirectoryFixture(Db.Postgres);
