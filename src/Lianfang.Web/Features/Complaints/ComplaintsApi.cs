using Lianfang.Core.Supervision;

namespace Lianfang.Web.Features.Complaints;

public sealed record ComplaintDto(long Id, ComplaintSource Source, int OrgUnitId, string OrgUnit, int? PersonId, string? Person, long? RiskPointId,
    string Content, string? ContactName, string? Contact, ComplaintStatus Status, DateTime ReceivedAt, int Version);

public static class ComplaintsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/complaints", async (int? page, int? pageSize, ComplaintStatus? status, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var q = ComplaintQueries.Readable(db, await me.ScopeAsync(ct));
            if (status is { } s) q = q.Where(c => c.Status == s);
            var size = Math.Clamp(pageSize ?? 50, 1, 200);
            return new Paged<ComplaintDto>(await q.CountAsync(ct),
                await ComplaintQueries.Dtos(db, q).Skip((Math.Max(page ?? 1, 1) - 1) * size).Take(size).ToListAsync(ct));
        }).WithTags("信访举报").WithSummary("信访举报与群众反映（公示桌卡扫码反馈等），本单位党办、主要负责人、派驻机构和纪委监委可见");
        api.MapPost("/complaints", async (PetitionRequest req, CurrentUser me, ComplaintCommands cmd, CancellationToken ct) =>
        {
            var c = await cmd.AddPetitionAsync(await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/complaints/{c.Id}", new { id = c.Id });
        }).WithTags("信访举报").WithSummary("登记信访举报（关联单位、人员或风险点）").ProducesProblem(400).ProducesProblem(403);
        api.MapPost("/complaints/{id:long}/triage", async (long id, TriageRequest req, CurrentUser me, ComplaintCommands cmd, CancellationToken ct) =>
            (await cmd.TriageAsync(await me.ScopeAsync(ct), id, req, ct)) is var c ? new { id, status = c.Status, version = c.Version } : null)
            .WithTags("信访举报").WithSummary("受理、不予受理、办理、办结").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
    }
}
