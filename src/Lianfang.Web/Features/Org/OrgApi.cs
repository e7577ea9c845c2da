using Lianfang.Core.Org;
using Microsoft.AspNetCore.Mvc;

namespace Lianfang.Web.Features.Org;

public sealed record OrgUnitDto(int Id, string Name, OrgUnitKind Kind, int? ParentId, IReadOnlyList<int> Supervises, int Version,
    string? Duties, string? IntegrityDuties, int? HeadPersonId);

public sealed record NoticeWebhookRequest(string? Url);

public static class OrgApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/org-units").WithTags("组织机构");
        g.MapGet("/", async (CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            return await db.OrgUnits.AsNoTracking().Visible(scope).OrderBy(u => u.Path).Select(ToDto).ToListAsync(ct);
        }).WithSummary("我能看到的全部机构（按树序）");

        g.MapGet("/{id:int}", async (int id, CurrentUser me, AppDbContext db, CancellationToken ct) =>
            Dto(await OrgUnitCommands.LoadVisibleAsync(db, await me.ScopeAsync(ct), id, ct)))
            .WithSummary("查看机构").ProducesProblem(404);

        g.MapPost("/", async (SaveOrgUnitRequest req, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var unit = await OrgUnitCommands.CreateAsync(db, await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/org-units/{unit.Id}", Dto(unit));
        }).WithSummary("新建机构；派驻机构用 supervises 指定其监督的单位").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

        g.MapPut("/{id:int}", async (int id, SaveOrgUnitRequest req, CurrentUser me, AppDbContext db, CancellationToken ct) =>
            Dto(await OrgUnitCommands.UpdateAsync(db, await me.ScopeAsync(ct), id, req, ct)))
            .WithSummary("修改机构（含调整上级）；duties 职责、integrityDuties 廉政职责、headPersonId 负责人（本机构及下级的人员）一并提交，省略即清空")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        g.MapPut("/{id:int}/notice-webhook", async (int id, NoticeWebhookRequest req, CurrentUser me, AppDbContext db, CancellationToken ct) =>
            {
                var scope = await me.ScopeAsync(ct);
                var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, id, ct);
                if (!scope.CanManageOrg(unit.Path)) throw DomainException.Forbidden("只有本单位党办或管理员可以设置通知推送地址");
                var tracked = await db.OrgUnits.SingleAsync(u => u.Id == id, ct);
                tracked.SetNoticeWebhook(req.Url);
                await db.SaveChangesAsync(ct);
                return new { id, url = tracked.NoticeWebhook };
            })
            .WithSummary("设置本单位（含下级）待办通知的推送地址（本单位 OA 或消息网关，JSON POST）；url 为空则使用系统设置").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

        g.MapDelete("/{id:int}", async (int id, int? version, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            await OrgUnitCommands.DeleteAsync(db, await me.ScopeAsync(ct), id, version, ct);
            return TypedResults.NoContent();
        }).WithSummary("删除机构（无下级、人员、岗位时）").ProducesProblem(404).ProducesProblem(409);

        g.MapPost("/{id:int}/import", OrgImportApi.ImportAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(Uploads.MaxBytes + 64 * 1024))
            .WithSummary("从 Excel 导入下级机构、岗位和人员；任何一行有误则整表不导入并逐行报告（422）")
            .ProducesProblem(422);
    }

    private static readonly System.Linq.Expressions.Expression<Func<OrgUnit, OrgUnitDto>> ToDto =
        u => new OrgUnitDto(u.Id, u.Name, u.Kind, u.ParentId, u.Supervises.Select(s => s.UnitId).ToList(), u.Version, u.Duties, u.IntegrityDuties,
            u.HeadPersonId);

    private static readonly Func<OrgUnit, OrgUnitDto> Dto = ToDto.Compile(); // one shape for lists and single units
}
