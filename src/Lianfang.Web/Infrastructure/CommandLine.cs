using Lianfang.Core.Audit;

namespace Lianfang.Web.Infrastructure;

/// <summary>
/// `dotnet run --project src/Lianfang.Web -- migrate | verify-audit | verify-rollups [--rebuild] | backup FILE | restore FILE | generate --size SIZE`.
/// </summary>
public static class CommandLine
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
            case "verify-rollups":
                return await VerifyRollupsAsync(db, args.Contains("--rebuild"));
            case "generate":
                return await GenerateAsync(app, db, scope.ServiceProvider);
            default:
                Console.Error.WriteLine($"未知命令“{command}”。可用命令：migrate、verify-audit、verify-rollups [--rebuild]、backup <文件>、restore <文件>、" +
                    "generate --size small|city|province；启动参数：--demo、--urls");
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
            Console.WriteLine($"压测账号（密码 {DataSet.DataSetGenerator.BenchPassword}）：bench.commission（省纪委监委）、" +
                $"bench.unit（单位 {report.UnitId} 党办）、bench.staff（处室 {report.DepartmentId}）、bench.admin（系统管理员）");
            return 0;
        }
        catch (DomainException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>
    /// `verify-rollups [--rebuild]`: recounts the 汇总表 rollups from the points and signatures and prints every row that
    /// differs (campaign, unit, category, level, kept and counted; or campaign, unit, signer); exits 2 when any does. With
    /// --rebuild the rows are then written anew.
    /// </summary>
    private static async Task<int> VerifyRollupsAsync(AppDbContext db, bool rebuild)
    {
        var (rows, differences, signers) = await Features.Reports.SummaryRollups.VerifyAsync(db, CancellationToken.None);
        if (differences.Count == 0 && signers.Count == 0)
            Console.WriteLine($"汇总表累计数与风险点一致：已核对 {rows:N0} 行。");
        else
        {
            var paths = differences.Select(d => d.Key.Path).Concat(signers.Select(d => d.Path)).Distinct().ToList();
            var units = await db.OrgUnits.AsNoTracking().Where(u => paths.Contains(u.Path)).ToDictionaryAsync(u => u.Path, u => (u.Id, u.Name));
            var campaignIds = differences.Select(d => d.Key.CampaignId).Concat(signers.Select(d => d.CampaignId)).Distinct().ToList();
            var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name);
            Console.WriteLine($"汇总表累计数与风险点不符：{differences.Count + signers.Count:N0} 处（共保存 {rows:N0} 行）");
            foreach (var d in differences)
            {
                var (id, name) = units.GetValueOrDefault(d.Key.Path);
                Console.WriteLine($"  排查 {d.Key.CampaignId}（{campaigns.GetValueOrDefault(d.Key.CampaignId)}） 机构 {id} {name} " +
                    $"类别 {d.Key.CategoryCode} 等级 {d.Key.LevelCode}：" +
                    $"本级 保存 {d.Kept.Own}，重新计数 {d.Counted.Own}；含下级 保存 {d.Kept.Subtree}，重新计数 {d.Counted.Subtree}");
            }
            foreach (var d in signers)
            {
                var (id, name) = units.GetValueOrDefault(d.Path);
                Console.WriteLine($"  排查 {d.CampaignId}（{campaigns.GetValueOrDefault(d.CampaignId)}） 机构 {id} {name} 账号 {d.UserId}：{d.Finding}");
            }
        }
        if (!rebuild) return differences.Count == 0 && signers.Count == 0 ? 0 : 2;
        var written = await Features.Reports.SummaryRollups.RebuildAsync(db, CancellationToken.None);
        Console.WriteLine($"已按风险点重建汇总表累计数：{written:N0} 行。");
        return 0;
    }

    /// <summary>Streams the whole chain in order; memory stays flat however long the log is.</summary>
    public static Task<AuditVerification> VerifyAuditAsync(AppDbContext db) =>
        Task.Run(() => AuditChain.Verify(db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).AsEnumerable()));
}
