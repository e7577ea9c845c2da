using Lianfang.Core.Audit;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lianfang.Web.Infrastructure;

/// <summary>
/// `backup FILE` / `restore FILE`. SQLite: the online backup API (a consistent snapshot while the app keeps writing)
/// and an atomic swap of the database file. PostgreSQL: `backup` runs pg_dump -Fc when it is installed; restoring is
/// pg_restore's job, and `restore` says how.
/// </summary>
public static class Backup
{
    public const int Failed = 1, Refused = 3;

    /// <summary>
    /// A backup before migrations touch a database that already holds data (an upgrade): always for the `migrate`
    /// command, at start-up only when migrations are pending. Written to <c>Database:BackupDirectory</c> (default
    /// backups/ beside the SQLite file, data/backups under the content root for PostgreSQL); a failed backup stops
    /// the migration. <c>Database:BackupBeforeMigrate=false</c> turns it off.
    /// </summary>
    public static async Task<string?> BeforeMigrateAsync(
        AppDbContext db, IConfiguration config, string contentRoot, bool always, CancellationToken ct = default)
    {
        if (!config.GetValue("Database:BackupBeforeMigrate", true)) return null;
        if (!db.IsPostgres && !File.Exists(SqlitePath(db))) return null; // a new installation: nothing to lose
        if (!(await db.Database.GetAppliedMigrationsAsync(ct)).Any()) return null;
        if (!always && !(await db.Database.GetPendingMigrationsAsync(ct)).Any()) return null;
        var dir = config["Database:BackupDirectory"] is { Length: > 0 } d ? Path.GetFullPath(d, contentRoot)
            : db.IsPostgres ? Path.Combine(contentRoot, "data", "backups")
            : Path.Combine(Path.GetDirectoryName(SqlitePath(db))!, "backups");
        var file = Path.Combine(dir, $"before-migrate-{DateTime.UtcNow:yyyyMMdd-HHmmss}{(db.IsPostgres ? ".dump" : ".db")}");
        if (await BackupAsync(db, config, file) != 0)
            throw new InvalidOperationException($"迁移前备份失败，未迁移数据库（确需跳过备份可设 Database__BackupBeforeMigrate=false）");
        return file;
    }

    public static async Task<int> BackupAsync(AppDbContext db, IConfiguration config, string file)
    {
        if (db.IsPostgres) return await PgDumpAsync(db, config, file);
        var source = SqlitePath(db);
        var target = Path.GetFullPath(file);
        if (!File.Exists(source)) return Error($"数据库文件不存在：{source}", Failed);
        if (SamePath(source, target)) return Error("备份文件不能是数据库文件本身", Failed);
        if (File.Exists(target)) return Error($"备份文件已存在：{target}（不会覆盖，请另选文件名）", Failed);
        if (Path.GetDirectoryName(target) is { Length: > 0 } dir) Directory.CreateDirectory(dir);

        // Written under a temporary name and renamed when complete, so a half-written backup never looks like one.
        var tmp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var src = Open(source, SqliteOpenMode.ReadWrite))
            using (var dst = Open(tmp, SqliteOpenMode.ReadWriteCreate))
            {
                src.Open();
                dst.Open();
                src.BackupDatabase(dst);
                if (Scalar(dst, "PRAGMA integrity_check") is not "ok") return Error("备份文件校验失败（integrity_check），未生成备份", Failed);
                // One self-contained file: no -wal to forget when copying the backup elsewhere.
                Scalar(dst, "PRAGMA journal_mode=DELETE");
            }
            File.Move(tmp, target);
        }
        finally
        {
            File.Delete(tmp);
        }
        var events = await db.AuditEvents.CountAsync();
        Console.WriteLine($"已备份数据库 {source} → {target}（{new FileInfo(target).Length / 1024} KB，审计日志 {events} 条）。");
        Console.WriteLine($"注意：廉政档案内容的加密密钥在 {IntegrityKeys(config)}，不在数据库中，请与备份一并妥善保存。");
        return 0;
    }

    public static async Task<int> RestoreAsync(AppDbContext db, string file)
    {
        if (db.IsPostgres) return PostgresHint(db, file, restore: true);
        var target = SqlitePath(db);
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) return Error($"备份文件不存在：{source}", Failed);
        if (SamePath(source, target)) return Error("备份文件就是当前数据库文件，无需恢复", Failed);

        // The running app holds a shared lock on the file; replacing the file under it would lose its writes.
        using var guard = File.Exists(target) ? DatabaseFileLock.TryExclusive(target) : null;
        if (guard is null && File.Exists(target)) return Error($"数据库 {target} 正在被运行中的应用使用，请先停止应用再恢复", Refused);

        var known = db.Database.GetMigrations().ToHashSet();
        var tmp = $"{target}.{Guid.NewGuid():N}.restore";
        try
        {
            int migrations;
            try
            {
                using var src = Open(source, SqliteOpenMode.ReadOnly);
                using var dst = Open(tmp, SqliteOpenMode.ReadWriteCreate);
                src.Open();
                dst.Open();
                src.BackupDatabase(dst);
                if (Scalar(dst, "PRAGMA integrity_check") is not "ok")
                    return Error($"备份文件已损坏（integrity_check 未通过）：{source}", Failed);
                if (Scalar(dst, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'AuditEvents')") is not 2L)
                    return Error($"{source} 不是廉防数据库（缺少迁移记录表或审计日志表）", Failed);
                var applied = new List<string>();
                using (var cmd = dst.CreateCommand())
                {
                    cmd.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory";
                    using var r = cmd.ExecuteReader();
                    while (r.Read()) applied.Add(r.GetString(0));
                }
                if (applied.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
                    return Error($"备份来自更新版本的廉防（迁移 {unknown} 本版本没有），请用相应版本恢复", Failed);
                migrations = applied.Count;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
            {
                return Error($"{source} 不是有效的 SQLite 数据库文件", Failed);
            }

            // Bring an older backup up to this version and check its audit chain before it replaces anything.
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={tmp};Pooling=False").Options;
            AuditVerification chain;
            await using (var restored = new SqliteAppDbContext(options, new SystemActor(), TimeProvider.System))
            {
                await Database.MigrateAsync(restored);
                chain = await CommandLine.VerifyAuditAsync(restored);
            }
            if (!chain.Ok)
                return Error($"备份中的审计日志被篡改：第 {chain.BrokenAtSeq} 条 —— {chain.Reason}；未恢复", 2);

            string? kept = null;
            if (guard is not null)
            {
                // Fold any committed pages left in the -wal (e.g. after a crash) into the file, then keep a copy
                // (read through the locked handle: a second open of the file would collide with our own lock).
                using (var old = Open(target, SqliteOpenMode.ReadWrite)) { old.Open(); Scalar(old, "PRAGMA wal_checkpoint(TRUNCATE)"); }
                kept = $"{target}.before-restore-{DateTime.Now:yyyyMMddHHmmss}";
                using var copy = new FileStream(kept, FileMode.CreateNew);
                await guard.CopyToAsync(copy);
            }
            // A stale -wal next to the new file would be replayed into it; remove it before the swap.
            File.Delete(target + "-wal");
            File.Delete(target + "-shm");
            File.Move(tmp, target, overwrite: true); // rename(2): readers see the old file or the new one, never half
            Console.WriteLine($"已从 {source} 恢复数据库到 {target}（备份含 {migrations} 个迁移，已升级到当前版本；审计日志 {chain.Checked} 条，哈希链完好）。");
            if (kept is not null) Console.WriteLine($"原数据库已另存为 {kept}。");
            return 0;
        }
        finally
        {
            File.Delete(tmp);
            File.Delete(tmp + "-wal");
            File.Delete(tmp + "-shm");
            File.Delete(tmp + "-journal");
        }
    }

    /// <summary>The absolute path of the configured SQLite file (the connection string is resolved at registration).</summary>
    public static string SqlitePath(AppDbContext db) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);

    /// <summary>pg_dump -Fc into a temporary name, renamed when complete; without pg_dump the commands to run instead.</summary>
    private static async Task<int> PgDumpAsync(AppDbContext db, IConfiguration config, string file)
    {
        var pgDump = PgTool("pg_dump");
        if (pgDump is null) return PostgresHint(db, file, restore: false);
        var target = Path.GetFullPath(file);
        if (File.Exists(target)) return Error($"备份文件已存在：{target}（不会覆盖，请另选文件名）", Failed);
        if (Path.GetDirectoryName(target) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        var cs = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var tmp = $"{target}.{Guid.NewGuid():N}.tmp";
        var psi = new System.Diagnostics.ProcessStartInfo(pgDump, ["-h", cs.Host ?? "localhost", "-p", cs.Port.ToString(), "-U", cs.Username ?? "postgres",
            "-Fc", "-d", cs.Database ?? "postgres", "-f", tmp]) { RedirectStandardError = true, UseShellExecute = false };
        if (cs.Password is { Length: > 0 } pw) psi.Environment["PGPASSWORD"] = pw; // not on the command line, where ps shows it
        try
        {
            using var p = System.Diagnostics.Process.Start(psi)!;
            var err = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) return Error($"pg_dump 失败（{p.ExitCode}）：{err.Trim()}", Failed);
            File.Move(tmp, target);
        }
        finally
        {
            File.Delete(tmp);
        }
        var events = await db.AuditEvents.CountAsync();
        Console.WriteLine($"已备份数据库 {cs.Database}（PostgreSQL，pg_dump -Fc）→ {target}（{new FileInfo(target).Length / 1024} KB，审计日志 {events} 条）。");
        Console.WriteLine($"恢复：createdb 一个空库后 pg_restore --no-owner --exit-on-error -d <新库> {target}");
        Console.WriteLine($"注意：廉政档案内容的加密密钥在 {IntegrityKeys(config)}，不在数据库中，请与备份一并妥善保存。");
        return 0;
    }

    /// <summary>A PostgreSQL client tool on the PATH, else the newest under /usr/lib/postgresql/*/bin (Debian's layout).</summary>
    public static string? PgTool(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, tool))) return Path.Combine(dir, tool);
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderBy(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).LastOrDefault()
            : null;
    }

    private static int PostgresHint(AppDbContext db, string file, bool restore)
    {
        var cs = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var conn = $"-h {cs.Host} -p {cs.Port} -U {cs.Username}";
        Console.Error.WriteLine(restore
            ? $"""
               PostgreSQL 数据库请用 pg_restore 恢复（本命令不代为执行）：先停止应用，建一个空数据库，再恢复并指向它：
                 createdb {conn} lianfang_restored
                 pg_restore {conn} --no-owner --exit-on-error -d lianfang_restored {file}
               然后把 ConnectionStrings__Default 的 Database 改为 lianfang_restored，运行 verify-audit 校验审计日志。
               """
            : $"""
               未找到 pg_dump（apt-get install postgresql-client），未备份。请装好后重试，或自行用 pg_dump 备份（应用运行中也可备份，得到一致的快照）：
                 pg_dump {conn} -Fc -d {cs.Database} -f {file}
               """);
        Console.Error.WriteLine($"廉政档案的加密密钥不在数据库中，请同时备份 Lianfang__IntegrityKeysPath 目录。");
        return Refused;
    }

    private static string IntegrityKeys(IConfiguration config) =>
        config["Lianfang:IntegrityKeysPath"] is { Length: > 0 } p ? p : "data/keys（内容根目录下）";

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static int Error(string message, int code)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}

/// <summary>
/// An OS file lock on the SQLite file (flock, released by the kernel even after kill -9): every running app holds it
/// shared, `restore` takes it exclusively, so a restore never swaps the file under a running app.
/// </summary>
public static class DatabaseFileLock
{
    public static FileStream? TryShared(string path) => TryOpen(path, FileShare.ReadWrite);

    public static FileStream? TryExclusive(string path) => TryOpen(path, FileShare.None);

    private static FileStream? TryOpen(string path, FileShare share)
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, share); }
        catch (IOException) { return null; }
    }
}
