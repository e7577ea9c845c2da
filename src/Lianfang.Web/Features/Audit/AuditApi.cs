using Lianfang.Core.Access;
using Lianfang.Core.Audit;

namespace Lianfang.Web.Features.Audit;

public sealed record AuditEventDto(long Seq, DateTime At, string? UserName, string Action, string EntityType, string EntityId, string Changes, string Hash);

public static class AuditApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/audit").WithTags("审计");
        g.MapGet("/", async (int? page, int? pageSize, string? entityType, string? userName, int? orgUnitId, DateOnly? from, DateOnly? to,
            CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var q = await AuditQueries.FilteredAsync(db, await me.ScopeAsync(ct), new(entityType, userName, orgUnitId, from, to), ct);
            var size = Math.Clamp(pageSize ?? 50, 1, 200);
            var items = await q.OrderByDescending(e => e.Seq).Skip((Math.Max(page ?? 1, 1) - 1) * size).Take(size)
                .Select(e => new AuditEventDto(e.Seq, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Changes, e.Hash)).ToListAsync(ct);
            return new Paged<AuditEventDto>(await q.CountAsync(ct), items);
        }).WithSummary("审计日志（仅审计管理员，按其机构范围；全系统的审计管理员读全部，含三员自己的操作）；筛选：entityType 对象类型、userName 操作人、orgUnitId 机构（含下级）、from/to 日期（本地时间）");
        g.MapPost("/verify", async (CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            if (!(await me.ScopeAsync(ct)).HoldsSystemWide(Role.Auditor)) throw DomainException.Forbidden("只有全系统的审计管理员可以校验整条审计链");
            return await CommandLine.VerifyAuditAsync(db);
        }).WithSummary("校验审计日志哈希链");
    }
}

public static class AuditQueries
{
    /// <summary>
    /// Only the audit administrator reads the trail (三员分立): the one of the whole system all of it (the administrators'
    /// own actions on accounts and grants included), one of a subtree the events of its units.
    /// </summary>
    public static IQueryable<AuditEvent> Visible(AppDbContext db, AccessScope scope, string? entityType, string? userName)
    {
        if (!scope.CanReadAudit) throw DomainException.Forbidden("审计日志只由审计管理员查看");
        var q = db.AuditEvents.AsNoTracking();
        if (!scope.HoldsSystemWide(Role.Auditor))
        {
            q = q.Where(e => e.OrgPath != null).Under(scope.PrefixesFor(Role.Auditor), e => e.OrgPath!);
        }
        if (!string.IsNullOrWhiteSpace(entityType)) q = q.Where(e => e.EntityType == entityType);
        if (!string.IsNullOrWhiteSpace(userName)) q = q.Where(e => e.UserName == userName.Trim());
        return q;
    }

    public sealed record Filter(string? EntityType, string? UserName, int? OrgUnitId, DateOnly? From, DateOnly? To);

    /// <summary>The visible trail narrowed to a unit's subtree and a span of local days.</summary>
    public static async Task<IQueryable<AuditEvent>> FilteredAsync(AppDbContext db, AccessScope scope, Filter f, CancellationToken ct)
    {
        var q = Visible(db, scope, f.EntityType, f.UserName);
        if (f.OrgUnitId is { } unit)
        {
            var path = await db.OrgUnits.Where(u => u.Id == unit).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null || !scope.HoldsOver(Role.Auditor, path)) throw DomainException.NotFound("orgUnitId", "机构不存在或不在您的权限范围内");
            var (lo, hi) = Core.Org.OrgPath.SubtreeBounds(path);
            q = q.Where(e => e.OrgPath != null && string.Compare(e.OrgPath, lo) >= 0 && string.Compare(e.OrgPath, hi) < 0);
        }
        if (f.From is { } from && f.To is { } to && to < from) throw new DomainException("to", "结束日期不能早于开始日期");
        if (f.From is { } start) { var utc = Clock.UtcOf(start); q = q.Where(e => e.At >= utc); }
        if (f.To is { } end) { var utc = Clock.UtcOf(end.AddDays(1)); q = q.Where(e => e.At < utc); }
        return q;
    }
}
