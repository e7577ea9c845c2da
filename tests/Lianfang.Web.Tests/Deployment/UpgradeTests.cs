using System.Data.Common;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Lianfang.Web.Data;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Deployment;

/// <summary>
/// Upgrades without loss (issue 22): the package installed over an installation whose database was written by the
/// release before (upgrade-fixture/, made by scripts/make-upgrade-fixture.sh) backs it up, migrates it, and every row,
/// signature, 公示, evidence file, 廉政档案 entry, authenticator key and the audit chain are still there and still verify.
/// </summary>
[Collection("package")]
public sealed class UpgradeTests(PackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public async Task Installing_over_an_older_SQLite_installation_backs_it_up_migrates_it_and_loses_nothing()
    {
        var work = Directory.CreateTempSubdirectory("lianfang-upgrade").FullName;
        try
        {
            var pkg = await package.UnpackAsync(work);
            var prefix = Path.Combine(work, "opt");
            await InstallAsync(pkg, prefix, [], upgrade: false);
            // the older release's data: its database and its 廉政档案 key ring
            var db = Path.Combine(prefix, "data", "lianfang.db");
            await Gunzip(Path.Combine(UpgradeFixture.Dir, "lianfang.db.gz"), db);
            CopyDirectory(Path.Combine(UpgradeFixture.Dir, "keys-sqlite"), Path.Combine(prefix, "data", "keys"));
            var before = await Rows(Sqlite(db));
            var publication = (string)(await Scalar(Sqlite(db), "SELECT VerificationCode FROM Publications LIMIT 1"))!;

            await InstallAsync(pkg, prefix, [], upgrade: true);

            var backup = Assert.Single(Directory.GetFiles(Path.Combine(prefix, "data", "backups"), "before-migrate-*.db"));
            Assert.Equal(before, await Rows(Sqlite(backup))); // the backup is the database as the old release left it
            AssertKept(before, await Rows(Sqlite(db)));
            SqliteConnection.ClearAllPools();
            await UpgradeFixture.CheckAsync(prefix, [], UpgradeFixture.Manifest.GetProperty("sqlite"), publication, output);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, true);
        }
    }

    [Fact]
    public async Task Installing_over_an_older_PostgreSQL_installation_dumps_it_migrates_it_and_loses_nothing()
    {
        var work = Directory.CreateTempSubdirectory("lianfang-upgrade-pg").FullName;
        var name = $"lianfang_up_{Guid.NewGuid():N}";
        var cs = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = name }.ToString();
        try
        {
            PostgresTools.Execute($"CREATE DATABASE \"{name}\"");
            var sql = Path.Combine(work, "fixture.sql");
            await Gunzip(Path.Combine(UpgradeFixture.Dir, "lianfang.sql.gz"), sql);
            var (code, log) = await PostgresTools.RunAsync("psql", cs, "-d", name, "-v", "ON_ERROR_STOP=1", "-q", "-f", sql);
            Assert.True(code == 0, log);

            var pkg = await package.UnpackAsync(work);
            var prefix = Path.Combine(work, "opt");
            var settings = AppProcess.Settings(Db.Postgres, cs);
            await InstallAsync(pkg, prefix, settings, upgrade: false);
            CopyDirectory(Path.Combine(UpgradeFixture.Dir, "keys-postgres"), Path.Combine(prefix, "data", "keys"));
            var before = await Rows(new NpgsqlConnection(cs));
            var publication = (string)(await Scalar(new NpgsqlConnection(cs), "SELECT \"VerificationCode\" FROM \"Publications\" LIMIT 1"))!;
            // The installation made before this release: its app/ is there, so this install is an upgrade.
            await InstallAsync(pkg, prefix, settings, upgrade: true);

            var dump = Assert.Single(Directory.GetFiles(Path.Combine(prefix, "data", "backups"), "before-migrate-*.dump"));
            (code, log) = await PostgresTools.RunAsync("pg_restore", cs, "--list", dump);
            Assert.True(code == 0 && log.Contains("TABLE DATA public AuditEvents "), log);
            AssertKept(before, await Rows(new NpgsqlConnection(cs)));
            NpgsqlConnection.ClearAllPools();
            await UpgradeFixture.CheckAsync(prefix, settings, UpgradeFixture.Manifest.GetProperty("postgres"), publication, output);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            PostgresTools.Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            Directory.Delete(work, true);
        }
    }

    private static async Task InstallAsync(string pkg, string prefix, Dictionary<string, string> settings, bool upgrade)
    {
        var (code, log) = await Sh.RunAsync(Path.Combine(pkg, "install.sh"), ["--prefix", prefix], settings, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, log);
        Assert.Equal(upgrade, log.Contains("Upgrading"));
        if (upgrade) Assert.Contains("已备份数据库", log);
    }

    /// <summary>
    /// Every table of the old release keeps every row (a migration may add tables, never lose rows); the migrations'
    /// own history gains one row for each migration written since the fixture's commit.
    /// </summary>
    private static void AssertKept(Dictionary<string, long> before, Dictionary<string, long> after)
    {
        Assert.True(before.Count >= 40, $"only {before.Count} tables in the fixture");
        foreach (var (table, n) in before)
            if (table == "__EFMigrationsHistory") Assert.True(after.GetValueOrDefault(table) >= n, $"{table}: {n} migrations before the upgrade, {after.GetValueOrDefault(table)} after");
            else Assert.True(after.GetValueOrDefault(table) == n, $"{table}: {n} rows before the upgrade, {after.GetValueOrDefault(table)} after");
    }

    internal static SqliteConnection Sqlite(string file) => new($"Data Source={file};Mode=ReadOnly;Pooling=False");

    /// <summary>Rows per table (EF's migration lock table and SQLite's FTS shadow tables aside).</summary>
    internal static async Task<Dictionary<string, long>> Rows(DbConnection connection)
    {
        await using var c = connection;
        await c.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = c is SqliteConnection
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'RiskPointsFts%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        }
        var rows = new Dictionary<string, long>();
        foreach (var t in tables.Where(t => t != "__EFMigrationsLock"))
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM \"{t}\"";
            rows[t] = Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        return rows;
    }

    internal static async Task<object?> Scalar(DbConnection connection, string sql)
    {
        await using var c = connection;
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    internal static async Task Gunzip(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        await using var src = new GZipStream(File.OpenRead(from), CompressionMode.Decompress);
        await using var dst = File.Create(to);
        await src.CopyToAsync(dst);
    }

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), true);
    }
}

/// <summary>Start-up with migrations pending (MigrateOnStart) backs the database up before touching it.</summary>
public sealed class MigrateOnStartBackupTests
{
    [Fact]
    public async Task A_start_that_finds_migrations_pending_on_a_database_with_data_backs_it_up_first()
    {
        var dir = Directory.CreateTempSubdirectory("lianfang-start-backup").FullName;
        try
        {
            // The fixture taken one migration back (its Down), so this release has one to apply at start.
            var db = Path.Combine(dir, "data", "lianfang.db");
            await UpgradeTests.Gunzip(Path.Combine(UpgradeFixture.Dir, "lianfang.db.gz"), db);
            string last;
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={db};Pooling=False").Options;
            await using (var ctx = new SqliteAppDbContext(options, new SystemActor(), TimeProvider.System))
            {
                var all = ctx.Database.GetMigrations().ToList();
                last = all[^1];
                await ctx.GetService<IMigrator>().MigrateAsync(all[^2]);
                Assert.Equal([last], await ctx.Database.GetPendingMigrationsAsync());
            }
            var settings = AppProcess.Settings(Db.Sqlite, db);
            settings["Lianfang__IntegrityKeysPath"] = Path.Combine(dir, "keys");
            using (var app = await AppProcess.StartAsync(dir, settings))
            {
                var backup = Assert.Single(Directory.GetFiles(Path.Combine(dir, "data", "backups"), "before-migrate-*.db"));
                Assert.DoesNotContain(last, (await UpgradeTests.Rows(UpgradeTests.Sqlite(backup))).Keys); // taken before the migration
                Assert.Equal(1L, await UpgradeTests.Scalar(UpgradeTests.Sqlite(db), $"SELECT count(*) FROM __EFMigrationsHistory WHERE MigrationId = '{last}'"));
                await app.Client().GetAsync("/healthz").Expect(HttpStatusCode.OK);
            }
            // started again with nothing pending: no second backup
            using (await AppProcess.StartAsync(dir, settings))
                Assert.Single(Directory.GetFiles(Path.Combine(dir, "data", "backups")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>The fixture's manifest and the checks every upgraded installation must pass.</summary>
public static class UpgradeFixture
{
    public static string Dir => Path.Combine(Repo.Root, "tests", "Lianfang.Web.Tests", "Deployment", "upgrade-fixture");
    public static JsonElement Manifest { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "manifest.json"))).RootElement;

    public static async Task CheckAsync(string prefix, Dictionary<string, string> settings, JsonElement m, string publication, ITestOutputHelper output)
    {
        var password = Manifest.GetProperty("password").GetString()!;
        using var app = await AppProcess.StartInstalledAsync(prefix, settings);
        var office = await app.As("demo.partyoffice", password);
        var agency = await app.As("demo.agency", password);
        var anonymous = app.Client();

        // the approved, published list and its points
        var list = await office.GetAsync($"/api/v1/lists/{m.GetProperty("list").GetInt32()}").Expect(HttpStatusCode.OK);
        Assert.Equal(m.GetProperty("points").EnumerateArray().Select(p => p.GetInt64()),
            list.GetProperty("riskPoints").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        await office.GetAsync($"/api/v1/lists/{m.GetProperty("ownList").GetInt32()}").Expect(HttpStatusCode.OK);

        // every signature still verifies: content hash, status, SM2 seal
        var signatures = m.GetProperty("signatures").EnumerateArray().ToList();
        Assert.True(signatures.Count >= 4, "the fixture has the submission and each stage's signature");
        foreach (var s in signatures)
        {
            var v = await anonymous.GetAsync($"/api/v1/verify/{s.GetProperty("code").GetString()}").Expect(HttpStatusCode.OK);
            Assert.Equal(s.GetProperty("contentHash").GetString(), v.GetProperty("contentHash").GetString());
            Assert.NotEqual("altered", v.GetProperty("status").GetString());
            Assert.True(v.GetProperty("sm2").GetProperty("verified").GetBoolean(), $"SM2 seal of {s.GetProperty("code")} no longer verifies");
        }
        // the 公示's own code
        var published = await anonymous.GetAsync($"/api/v1/verify/{publication}").Expect(HttpStatusCode.OK);
        Assert.Equal("valid", published.GetProperty("status").GetString());

        // the evidence file, byte for byte
        var rect = m.GetProperty("rectification").GetInt64();
        var evidence = (await agency.GetAsync($"/api/v1/rectifications/{rect}").Expect(HttpStatusCode.OK)).GetProperty("evidence")[0];
        var bytes = await agency.GetByteArrayAsync($"/api/v1/rectifications/{rect}/evidence/{evidence.GetProperty("id").GetInt64()}");
        Assert.Equal(m.GetProperty("evidenceSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));

        // the 廉政档案, decrypted with the key ring the installation kept
        var file = await (await agency.GetAsync($"/api/v1/people/{m.GetProperty("person").GetInt32()}/integrity-file")).Content.ReadAsStringAsync();
        Assert.Contains("年收入 123456 元", file);

        // two-step verification set up under the old release: the password alone is not enough, the code of its key is
        var staff = new { userName = "demo.staff", password };
        await anonymous.Post("/api/v1/auth/token", staff).Expect(HttpStatusCode.Unauthorized);
        await anonymous.Post("/api/v1/auth/token", new { staff.userName, staff.password, totpCode = Totp.Code(m.GetProperty("staffTotpKey").GetString()!) })
            .Expect(HttpStatusCode.OK);

        // the audit chain: the command and the endpoint
        var (code, log) = await AppProcess.RunInstalledAsync(prefix, settings, "verify-audit");
        Assert.True(code == 0 && log.Contains("审计日志完整"), log);
        // the 汇总表 rollups, filled by the upgrade from the approved lists already there
        (code, log) = await AppProcess.RunInstalledAsync(prefix, settings, "verify-rollups");
        Assert.True(code == 0 && log.Contains("汇总表累计数与风险点一致") && !log.Contains("已核对 0 行"), log);
        var auditor = await app.As("auditor", LianfangApp.AdminPassword);
        var chain = await auditor.PostAsync("/api/v1/audit/verify", null).Expect(HttpStatusCode.OK);
        Assert.True(chain.GetProperty("ok").GetBoolean(), chain.ToString());
        output.WriteLine($"audit chain after the upgrade: {chain}");
    }
}
