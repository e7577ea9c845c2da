using Lianfang.Core.Powers;

namespace Lianfang.Web.Features.Powers;

public sealed record PowerDto(int Id, int OrgUnitId, string OrgUnit, PowerCategory Category, string CategoryName, string Name, string? Subject, string? Basis,
    string? DisclosureForm, DisclosureScope DisclosureScope, string? DisclosureTime, string? Fees, string? Handler, string? Remarks, int Version,
    int RiskPoints);

public static class PowersApi
{
    public static PowerDto Dto(PowerItem p, string unit, int riskPoints) => new(p.Id, p.OrgUnitId, unit, p.Category, PowerItem.Label(p.Category), p.Name,
        p.Subject, p.Basis, p.DisclosureForm, p.DisclosureScope, p.DisclosureTime, p.Fees, p.Handler, p.Remarks, p.Version, riskPoints);

    public static void Map(RouteGroupBuilder api)
    {
        var powers = api.MapGroup("/powers").WithTags("职权目录与流程图");
        powers.MapPost("", async (PowerRequest req, CurrentUser me, PowerCommands cmd, CancellationToken ct) =>
        {
            var p = await cmd.CreateAsync(await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/powers/{p.Id}", new { id = p.Id });
        }).WithSummary("新增职权事项（category：Licensing 行政许可、Penalty 行政处罚、Levy 行政征收、Enforcement 行政强制、Benefit 行政给付、" +
                "Adjudication 行政裁决、Confirmation 行政确认、Other 其他权力、Internal 内部人财物管理）")
            .ProducesProblem(400).ProducesProblem(403);
        powers.MapGet("", async (int? orgUnitId, PowerCategory? category, CurrentUser me, PowerCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var q = cmd.Visible(await me.ScopeAsync(ct));
            if (orgUnitId is { } u) q = q.Where(p => p.OrgUnitId == u);
            if (category is { } c) q = q.Where(p => p.Category == c);
            return (await q.OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Category).ThenBy(p => p.Id).Take(2000)
                    .Select(p => new { p, Unit = p.OrgUnit.Name, Points = db.RiskPoints.Count(r => r.PowerId == p.Id) }).ToListAsync(ct))
                .Select(x => Dto(x.p, x.Unit, x.Points));
        }).WithSummary("职权目录");
        powers.MapGet("/{id:int}", async (int id, CurrentUser me, PowerCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var p = await cmd.LoadAsync(await me.ScopeAsync(ct), id, ct);
            return new { power = Dto(p, p.OrgUnit.Name, await db.RiskPoints.CountAsync(r => r.PowerId == id, ct)), flow = p.Flow };
        }).ProducesProblem(404);
        powers.MapPut("/{id:int}", async (int id, PowerRequest req, CurrentUser me, PowerCommands cmd, CancellationToken ct) =>
        {
            var p = await cmd.UpdateAsync(await me.ScopeAsync(ct), id, req, ct);
            return new { id = p.Id, version = p.Version };
        }).WithSummary("修改职权事项").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        powers.MapDelete("/{id:int}", async (int id, CurrentUser me, PowerCommands cmd, CancellationToken ct) =>
        {
            await cmd.DeleteAsync(await me.ScopeAsync(ct), id, ct);
            return TypedResults.NoContent();
        }).WithSummary("删除职权事项（关联的风险点保留，解除关联）").ProducesProblem(403);
        powers.MapPut("/{id:int}/flow", async (int id, FlowRequest req, CurrentUser me, PowerCommands cmd, CancellationToken ct) =>
            (await cmd.SetFlowAsync(await me.ScopeAsync(ct), id, req, ct)).Flow)
            .WithSummary("保存权力运行流程图：steps[{key, name, actor, conditions, procedure, timeLimit, supervision}]，edges[{from, to, label?, back?}]，" +
                "version（读取时职权事项的版本，必填）；悬空连线、循环（退回连线除外）和无法到达的步骤返回 400")
            .ProducesProblem(400).ProducesProblem(403);
        api.MapGet("/org-units/{id:int}/powers/export",
                async (int id, string? form, PowerCategory? category, string? format, CurrentUser me, PowerForms forms, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await forms.ExportAsync(await me.ScopeAsync(ct), id, form, category, format, ct)))
            .WithTags("职权目录与流程图").WithSummary("导出职权目录：form 为 annex1（总表）或 annex2（分表，可按 category 分类），format 为 docx、xlsx 或 pdf")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(501);
        api.MapPost("/org-units/{id:int}/powers/import",
            async (int id, bool? dryRun, HttpRequest request, CurrentUser me, PowerForms forms, CancellationToken ct) =>
            {
                var outcome = await forms.ImportAsync(await me.ScopeAsync(ct), id, await FileEndpoints.UploadedFileAsync(request, ct), dryRun ?? false, ct);
                return new
                {
                    imported = outcome.Saved ? outcome.Items.Count : 0,
                    parsed = outcome.Items.Count,
                    items = outcome.Items.Select(i => new { i.Sheet, i.Row, i.Fields }),
                };
            })
            .DisableAntiforgery().Accepts<UploadForm>("multipart/form-data")
            .WithTags("职权目录与流程图").WithSummary("从附件1/附件2 式样的 Word 或 Excel 导入职权事项；任何一行有误则整个文件不导入（422，逐行列出）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(413).ProducesProblem(422);
        powers.MapGet("/{id:int}/flow/export", async (int id, string? format, CurrentUser me, PowerForms forms, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await forms.ExportFlowAsync(await me.ScopeAsync(ct), id, format, ct)))
            .WithSummary("权力运行流程图（Word/PDF：流程图及环节表；Excel：环节表）：各环节按先后排列，列出办理主体、条件、程序、期限、监督方式、风险点及等级")
            .ProducesProblem(404).ProducesProblem(501);
        powers.MapGet("/{id:int}/flow.svg", async (int id, CurrentUser me, PowerCommands cmd, CancellationToken ct) =>
            Results.Content(await cmd.SvgAsync(await cmd.LoadAsync(await me.ScopeAsync(ct), id, ct), ct), "image/svg+xml; charset=utf-8"))
            .WithSummary("流程图（SVG），各步骤标出其风险点并按等级着色").ProducesProblem(404);
    }
}
