using Lianfang.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lianfang.Web.Tests.Infrastructure;

public enum Db { Sqlite, Postgres }

/// <summary>The real app on a fresh database of its own (a temp SQLite file, or a new PostgreSQL database).</summary>
public sealed class LianfangApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-test-password-2026";
    public const string Password = "Test-password-2026";

    private readonly string _connectionString;
    private readonly string? _postgresDatabase;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    /// <param name="time">the app's clock in place of the system's (a FakeTimeProvider), for tests whose outcome depends on the time of day</param>
    public LianfangApp(Db db, Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        Db = db;
        _settings = settings ?? [];
        _time = time;
        if (db == Db.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "lianfang-tests");
            Directory.CreateDirectory(dir);
            DatabaseFile = Path.Combine(dir, $"{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={DatabaseFile}";
        }
        else
        {
            var server = PostgresServer.ConnectionString;
            _postgresDatabase = $"lianfang_t_{Guid.NewGuid():N}";
            using (var conn = new NpgsqlConnection(server))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", conn);
                cmd.ExecuteNonQuery();
            }
            _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ToString();
        }
    }

    /// <summary>
    /// A second app on <paramref name="database"/>'s database (as a second node would be), with settings of its own: for
    /// settings that name what must already be in the database when the app starts. The first app keeps and drops the database.
    /// </summary>
    public LianfangApp(LianfangApp database, Dictionary<string, string?> settings)
    {
        Db = database.Db;
        _settings = settings;
        _connectionString = database.ConnectionString;
    }

    public Db Db { get; }
    /// <summary>Everything the app logged, down to Debug.</summary>
    public LogCapture Logs { get; } = new();
    public string? DatabaseFile { get; }
    public string ConnectionString => _connectionString;
    /// <summary>The app's clock: the system's, or the one a test gave it.</summary>
    public TimeProvider Time => Services.GetRequiredService<TimeProvider>();
    /// <summary>Today in the app's time zone (Asia/Shanghai) by the app's clock, not the machine's: they differ from 16:00 to 24:00 UTC.</summary>
    public DateOnly Today => Lianfang.Web.Shared.Clock.Today(Time);

    /// <summary>The app's today moved by <paramref name="offset"/> days, as a form or the API writes a date.</summary>
    public string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Db.ToString());
        builder.UseSetting("ConnectionStrings:Default", _connectionString);
        builder.UseSetting("Database:StrictQueries", "true"); // a query EF warns about (Skip/Take without an order …) fails the test
        builder.UseSetting("LIANFANG_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("LIANFANG_SECURITY_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("LIANFANG_AUDITOR_PASSWORD", AdminPassword);
        builder.UseSetting("Lianfang:LoginPerMinute", "100000");
        builder.UseSetting("Lianfang:Warnings:SweepMinutes", "0"); // tests run the sweep themselves
        builder.UseSetting("Lianfang:Security:MfaRequiredFor", ""); // tests sign in by password; MfaTests turn the policy on
        builder.UseSetting("Lianfang:Security:Password:ChangeInitial", "false"); // accounts made by tests sign in with the password they were given
        builder.UseSetting("Logging:Console:LogLevel:Default", "None"); // tests read the logs through Logs; the console keeps the test run's own report readable
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        // Hashing at full strength makes each login ~100 ms; the tests log in hundreds of times.
        builder.ConfigureTestServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000));
        builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Logs));
        builder.ConfigureTestServices(s => s.AddHttpContextAccessor().AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Features.QueryCounter>());
        if (_time is not null) builder.ConfigureTestServices(s => s.AddSingleton(_time));
        // "Test:CaptureDebugLogs" lets a test see everything down to Debug, whatever appsettings say.
        if (_settings.GetValueOrDefault("Test:CaptureDebugLogs") == "true")
            builder.ConfigureLogging(l => l.AddFilter<LogCapture>(null, LogLevel.Debug));
    }

    public T WithDb<T>(Func<AppDbContext, T> work)
    {
        using var scope = Services.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (DatabaseFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" }) File.Delete(f);
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(PostgresServer.ConnectionString);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
    }
}

/// <summary>The PostgreSQL server that ./test.sh starts on 127.0.0.1 and names in LIANFANG_TEST_POSTGRES.</summary>
public static class PostgresServer
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("LIANFANG_TEST_POSTGRES") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException(
            "The PostgreSQL tests need a server: run ./test.sh (it starts one on 127.0.0.1), " +
            "or set LIANFANG_TEST_POSTGRES to a connection string of a server where the user may create databases.");
}
