using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lianfang.Web.Data;

public static class Database
{
    public const string DefaultSqlite = "Data Source=data/lianfang.db";

    /// <summary>
    /// Registers AppDbContext for the provider named by <c>Database:Provider</c> (Sqlite by default), with any EF
    /// interceptors registered as services (the tests count queries per page with one).
    /// </summary>
    public static IServiceCollection AddLianfangDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddSingleton<IInterceptor, NulGuard>();
        services.AddSingleton<WriteClock>();
        services.AddSingleton<IInterceptor, WriteClockInterceptor>();
        var provider = config["Database:Provider"] ?? "Sqlite";
        var strict = config.GetValue<bool>("Database:StrictQueries");
        var cs = config.GetConnectionString("Default");
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Database__Provider=Postgres 需要同时设置 ConnectionStrings__Default");
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) =>
                Strict(o.UseNpgsql(cs).AddInterceptors(sp.GetServices<IInterceptor>()), strict));
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(cs ?? DefaultSqlite, contentRoot);
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) =>
                Strict(o.UseSqlite(sqlite).AddInterceptors(sp.GetServices<IInterceptor>()), strict));
        }
        else throw new InvalidOperationException($"未知的数据库类型 Database__Provider={provider}（可选 Sqlite 或 Postgres）");
        return services;
    }

    /// <summary>
    /// With <c>Database:StrictQueries</c> (the tests set it) a query EF warns about fails instead: a page cut by Skip/Take
    /// or a First without an order comes back in no fixed order, which is a bug wherever it appears.
    /// </summary>
    private static DbContextOptionsBuilder Strict(DbContextOptionsBuilder o, bool strict) => !strict ? o : o.ConfigureWarnings(w => w.Throw(
        CoreEventId.RowLimitingOperationWithoutOrderByWarning, CoreEventId.FirstWithoutOrderByAndFilterWarning,
        CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning));

    /// <summary>Relative SQLite paths are taken from the content root, and the folder is created.</summary>
    private static string SqliteConnectionString(string cs, string contentRoot)
    {
        var b = new SqliteConnectionStringBuilder(cs);
        if (b.DataSource != ":memory:" && !Path.IsPathRooted(b.DataSource))
            b.DataSource = Path.Combine(contentRoot, b.DataSource);
        if (Path.GetDirectoryName(b.DataSource) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        b.Pooling = true;
        return b.ToString();
    }

    /// <param name="backfill">
    /// Count the tallies of points written before PointTallies (and then the 汇总表 rollups again). Always with the `migrate` command; at start-up only when
    /// that migration is applied now, so a start never scans every point for rows that no longer exist.
    /// </param>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default, bool backfill = true)
    {
        backfill |= (await db.Database.GetPendingMigrationsAsync(ct)).Any(m => m.EndsWith("_PointTallies"));
        await db.Database.MigrateAsync(ct);
        // WAL lets pages read while a write is in progress; the setting lives in the file.
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var tallied = backfill ? await PointTallies.BackfillAsync(db, ct) : 0;
        // The 汇总表 rollups of the points and signatures already there: filled once the SummaryRollups (or SignerRollups)
        // migration has created their table (checked at every start, so a fill cut short is done at the next), and counted
        // again when tallies were just counted.
        if (tallied > 0 || await Features.Reports.SummaryRollups.UnfilledAsync(db, ct)) await Features.Reports.SummaryRollups.RebuildAsync(db, ct);
    }
}

/// <summary>Design-time factories so `dotnet ef` can build each provider's migrations.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options, new SystemActor(), TimeProvider.System);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=lianfang_design").Options,
            new SystemActor(), TimeProvider.System);
}

public static class Concurrency
{
    /// <summary>
    /// The client's version must be given and be the stored one: refused at once (so no other rule answers first with
    /// another message), and kept as the concurrency token so a write that lands in between is caught at save. A client
    /// that omits it would overwrite blindly whatever was saved since it read.
    /// </summary>
    public static void ExpectVersion<T>(this AppDbContext db, T entity, int? version) where T : class, IVersioned
    {
        if (version is not { } v)
            throw new DomainException("version", "缺少版本号 version：请先读取这条记录，把读到的 version 随修改一并提交，以免覆盖他人在此期间的修改");
        if (v != entity.Version) throw new DbUpdateConcurrencyException($"stale version {v} of {typeof(T).Name}");
        db.Entry(entity).Property(e => e.Version).OriginalValue = v;
    }
}
