using System.Net;
using System.Security.Cryptography;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Npgsql;

namespace Lianfang.Web.Tests.Features.Data;

/// <summary>`backup`/`restore` on SQLite: a live database is copied while it is written, and comes back whole elsewhere.</summary>
[Collection("sqlite")]
public sealed class BackupRestoreSqliteTests(SqliteFixture f)
{
    [Fact]
    public async Task A_backup_of_a_live_database_restores_into_a_fresh_location_where_the_app_finds_the_data_and_the_audit_chain_verifies()
    {
        var s = await WrittenList.ApprovedAsync(f, "备份");
        var dir = Directory.CreateTempSubdirectory("lianfang-backup").FullName;
        try
        {
            var live = AppProcess.Settings(Db.Sqlite, f.App.DatabaseFile!);
            var backup = Path.Combine(dir, "backups", "lianfang-2026.db");

            // Someone keeps adding posts while the backup runs; the backup is a consistent snapshot all the same.
            using var stop = new CancellationTokenSource();
            var writes = Task.Run(async () =>
            {
                var n = 0;
                while (!stop.IsCancellationRequested)
                    await f.Admin.Post("/api/v1/posts", new { orgUnitId = s.W.D2, name = $"岗位{n++}", tier = "Other" }).Expect(HttpStatusCode.Created);
                return n;
            });
            var (code, output) = await AppProcess.RunAsync(dir, live, "backup", backup);
            await stop.CancelAsync();
            Assert.True(await writes > 0);
            Assert.True(code == 0, output);
            Assert.Contains("已备份数据库", output);
            Assert.Contains("加密密钥", output); // the key ring is not in the database; the operator is told
            var (again, againOutput) = await AppProcess.RunAsync(dir, live, "backup", backup);
            Assert.Equal(1, again);
            Assert.Contains("备份文件已存在", againOutput);

            var restoredFile = Path.Combine(dir, "restored", "lianfang.db");
            var restored = AppProcess.Settings(Db.Sqlite, restoredFile);
            (code, output) = await AppProcess.RunAsync(dir, restored, "restore", backup);
            Assert.True(code == 0, output);
            Assert.Contains("已从", output);

            using (var app = await AppProcess.StartAsync(dir, restored))
            {
                var staff = await app.As(s.W.Users["staff"]);
                var list = await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK);
                Assert.Equal("Approved", list.GetProperty("status").GetString());
                Assert.Equal<string>(["资金拨付中优亲厚友", "报销把关不严"],
                    list.GetProperty("riskPoints").EnumerateArray().Select(p => p.GetProperty("description").GetString()!).ToArray());
                var history = await staff.GetAsync($"/api/v1/lists/{s.List}/history").Expect(HttpStatusCode.OK);
                Assert.Equal(5, history.GetArrayLength()); // submitted and signed at four stages

                // While the app runs on it, restore refuses and the app keeps its data.
                (code, output) = await AppProcess.RunAsync(dir, restored, "restore", backup);
                Assert.Equal(3, code);
                Assert.Contains("正在被运行中的应用使用", output);
                await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK);
            }

            (code, output) = await AppProcess.RunAsync(dir, restored, "verify-audit");
            Assert.True(code == 0, output);
            Assert.Contains("审计日志完整", output);

            // A file that is not a Lianfang database is refused and the database stays as it was.
            var before = SHA256.HashData(await File.ReadAllBytesAsync(restoredFile));
            var notOurs = Path.Combine(dir, "notes.db");
            await File.WriteAllTextAsync(notOurs, "这不是数据库");
            (code, output) = await AppProcess.RunAsync(dir, restored, "restore", notOurs);
            Assert.Equal(1, code);
            Assert.Contains("不是有效的 SQLite 数据库文件", output);
            Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(restoredFile)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>PostgreSQL: `backup` (pg_dump -Fc) of a live database, pg_restore into a new one, the app reads it.</summary>
[Collection("postgres")]
public sealed class BackupRestorePostgresTests(PostgresFixture f)
{
    [Fact]
    public async Task A_backup_by_pg_dump_restored_with_pg_restore_into_a_new_database_serves_the_data_and_the_audit_chain_verifies()
    {
        var s = await WrittenList.ApprovedAsync(f, "备份");
        var dir = Directory.CreateTempSubdirectory("lianfang-pgdump").FullName;
        var copy = $"lianfang_r_{Guid.NewGuid():N}";
        try
        {
            // `backup` runs pg_dump -Fc (a consistent snapshot) and never overwrites a file.
            var dump = Path.Combine(dir, "lianfang.dump");
            var live = AppProcess.Settings(Db.Postgres, f.App.ConnectionString);
            var (code, output) = await AppProcess.RunAsync(dir, live, "backup", dump);
            Assert.True(code == 0, output);
            Assert.Contains("已备份数据库", output);
            Assert.Contains("加密密钥", output);
            (code, output) = await AppProcess.RunAsync(dir, live, "backup", dump);
            Assert.Equal(1, code);
            Assert.Contains("备份文件已存在", output);
            PostgresTools.Execute($"CREATE DATABASE \"{copy}\"");
            (code, output) = await PostgresTools.RunAsync("pg_restore", f.App.ConnectionString, "--no-owner", "--exit-on-error", "-d", copy, dump);
            Assert.True(code == 0, output);

            var restored = AppProcess.Settings(Db.Postgres, new NpgsqlConnectionStringBuilder(f.App.ConnectionString) { Database = copy }.ToString());
            using (var app = await AppProcess.StartAsync(dir, restored))
            {
                var staff = await app.As(s.W.Users["staff"]);
                var list = await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK);
                Assert.Equal("Approved", list.GetProperty("status").GetString());
                Assert.Equal(2, list.GetProperty("riskPoints").GetArrayLength());
                Assert.Equal(5, (await staff.GetAsync($"/api/v1/lists/{s.List}/history").Expect(HttpStatusCode.OK)).GetArrayLength());
            }
            (code, output) = await AppProcess.RunAsync(dir, restored, "verify-audit");
            Assert.True(code == 0, output);
            Assert.Contains("审计日志完整", output);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            PostgresTools.Execute($"DROP DATABASE IF EXISTS \"{copy}\" WITH (FORCE)");
            Directory.Delete(dir, true);
        }
    }
}
