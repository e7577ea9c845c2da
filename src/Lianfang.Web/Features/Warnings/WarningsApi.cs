using Lianfang.Web.Features.Supervision;

namespace Lianfang.Web.Features.Warnings;

public static class WarningsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var warnings = api.MapGroup("/warnings").WithTags("预警");
        warnings.MapGet("", async (int? orgUnitId, string? rule, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var q = WarningQueries.Visible(db, await me.ScopeAsync(ct)).Where(w => w.ClearedAt == null);
            if (rule is not null) q = q.Where(w => w.Rule == rule);
            if (orgUnitId is { } u)
            {
                var path = await db.OrgUnits.Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct) ?? "~";
                q = q.Under([path], w => w.OrgUnit.Path);
            }
            return await WarningQueries.DtosAsync(q.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Take(1000), ct);
        }).WithSummary("当前预警：规则、对象、内容、由谁处理");
        warnings.MapPost("/sweep", async (CurrentUser me, WarningSweep sweep, CancellationToken ct) =>
        {
            // every unit's warnings: only the administrator of the whole system, not one of a subtree
            if (!(await me.ScopeAsync(ct)).IsSystemAdmin) throw DomainException.Forbidden("只有全系统的系统管理员可以立即运行全部预警巡检");
            var r = (await sweep.RunExclusiveAsync(wait: true, ct))!.Result;
            return new { raised = r.Raised, cleared = r.Cleared, active = r.Active };
        }).WithSummary("立即运行全部预警规则（全系统的系统管理员）").ProducesProblem(403);
    }
}
