using Lianfang.Core.Audit;

namespace Lianfang.Web.Infrastructure;

/// <summary>`dotnet run --project src/Lianfang.Web -- migrate | verify-audit | backup FILE | restore FILE | generate --size SIZE`.</summary>
public static class Commands
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var command = args[0];
        var file = args.Length > 1 && !args[1].StartsWith('-') ? args[1] : null;
        switch (command)
        {
            case "backup" or "restore" when file is null:
                Console.Error.WriteLine($"请指定备份文件：{command} <文件>");
                return 64;
            case "backup":
                return await Backup.BackupAsync(db, app.Configuration, file);
            case "restore":
                return await Backup.RestoreAsync(db, file);
            case "migrate":
                // an upgrade is the moment a backup is wanted: every `migrate` of a database with data takes one first
                await Backup.BeforeMigrateAsync(db, app.Configuration, app.Environment.ContentRootPath, always: true);
                await Database.MigrateAsync(db);
                Console.WriteLine($"数据库已迁移到最新版本（{(db.IsPostgres ? "PostgreSQL" : "SQLite")}）。");
                return 0;
            case "verify-audit":
                var result = await VerifyAuditAsync(db);
                Console.WriteLine(result.Ok
                    ? $"审计日志完整：已校验 {result.Checked} 条记录，哈希链无断裂。"
                    : $"审计日志被篡改：第 {result.BrokenAtSeq} 条记录 —— {result.Reason}（之前 {result.Checked} 条完好）");
                return result.Ok ? 0 : 2;
            case "generate":
                return await GenerateAsync(app, db, scope.ServiceProvider);
            default:
                Console.Error.WriteLine($"未知命令“{command}”。可用命令：migrate、verify-audit、backup <文件>、restore <文件>、generate --size small|city|province；启动参数：--demo、--urls");
                return 64;
        }
    }

    /// <summary>`generate --size small|city|province [--seed N]`: a realistic data set for benchmarks, into an empty database.</summary>
    private static async Task<int> GenerateAsync(WebApplication app, AppDbContext db, IServiceProvider services)
    {
        var size = DataSet.DataSetSize.Find(app.Configuration["size"]);
        if (size is null)
        {
            Console.Error.WriteLine($"请用 --size 指定数据集规模：{string.Join("、", DataSet.DataSetSize.All.Select(s => $"{s.Name}（{s.Units:N0} 个单位）"))}");
            return 64;
        }
        await Database.MigrateAsync(db);
        try
        {
            var report = await services.GetRequiredService<DataSet.DataSetGenerator>()
                .GenerateAsync(size, app.Configuration.GetValue("seed", 2026), Console.WriteLine, CancellationToken.None);
            Console.WriteLine($"数据集 {size.Name} 已生成（{(db.IsPostgres ? "PostgreSQL" : "SQLite")}），用时 {report.Elapsed.TotalSeconds:N1} 秒：");
            foreach (var (what, n) in report.Counts) Console.WriteLine($"  {what,-15} {n,12:N0}");
            Console.WriteLine($"压测账号（密码 {DataSet.DataSetGenerator.BenchPassword}）：bench.commission（省纪委监委）、bench.unit（单位 {report.UnitId} 党办）、bench.staff（处室 {report.DepartmentId}）、bench.admin（系统管理员）");
            return 0;
        }
        catch (DomainException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>Streams the whole chain in order; memory stays flat however long the log is.</summary>
    public static Task<AuditVerification> VerifyAuditAsync(AppDbContext db) =>
        Task.Run(() => AuditChain.Verify(db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).AsEnumerable()));
}
