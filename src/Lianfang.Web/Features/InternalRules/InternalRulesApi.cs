using Lianfang.Core.Register;

namespace Lianfang.Web.Features.InternalRules;

public sealed record RulePointDto(long Id, int ListId, string Description);

public sealed record InternalRuleDto(int Id, int CampaignId, int OrgUnitId, string OrgUnit, string Name, RuleChange Change, string ChangeName,
    DateOnly AdoptedOn, string? DocumentNumber, string? Remarks, IReadOnlyList<RulePointDto> RiskPoints, int Version);

public static class InternalRulesApi
{
    /// <summary>The 制度 of a campaign in the caller's reach, with the points each answers (only those the caller may read).</summary>
    public static async Task<List<InternalRuleDto>> ListAsync(AppDbContext db, InternalRuleCommands cmd, Lianfang.Core.Access.AccessScope scope,
        int campaignId, int? orgUnitId, RuleChange? change, CancellationToken ct)
    {
        var q = cmd.Visible(scope).Where(r => r.CampaignId == campaignId);
        if (orgUnitId is { } u)
        {
            var path = await db.OrgUnits.InBusinessReach(scope).Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct)
                ?? throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
            q = q.Under([path], r => r.OrgUnit.Path);
        }
        if (change is { } c) q = q.Where(r => r.Change == c);
        var rules = await q.OrderBy(r => r.OrgUnit.Path).ThenBy(r => r.AdoptedOn).ThenBy(r => r.Id).Take(2000)
            .Select(r => new { r, Unit = r.OrgUnit.Name }).ToListAsync(ct);
        var ids = rules.Select(x => x.r.Id).ToList();
        var points = (await (from rp in db.Set<InternalRulePoint>()
                    where ids.Contains(rp.InternalRuleId)
                    join p in db.RiskPoints.Visible(scope) on rp.RiskPointId equals p.Id
                    orderby p.ListId, p.Seq
                    select new { rp.InternalRuleId, P = new RulePointDto(p.Id, p.ListId, p.Description) }).ToListAsync(ct))
            .ToLookup(x => x.InternalRuleId, x => x.P);
        return [.. rules.Select(x => Dto(x.r, x.Unit, [.. points[x.r.Id]]))];
    }

    public static InternalRuleDto Dto(InternalRule r, string unit, IReadOnlyList<RulePointDto> points) => new(r.Id, r.CampaignId, r.OrgUnitId, unit, r.Name,
        r.Change, InternalRule.Label(r.Change), r.AdoptedOn, r.DocumentNumber, r.Remarks, points, r.Version);

    public static void Map(RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/internal-rules").WithTags("制度");
        rules.MapGet("", async (int campaignId, int? orgUnitId, RuleChange? change, CurrentUser me, InternalRuleCommands cmd, AppDbContext db,
                CancellationToken ct) => await ListAsync(db, cmd, await me.ScopeAsync(ct), campaignId, orgUnitId, change, ct))
            .WithSummary("一次排查中新建立、修订的制度（orgUnitId 含下级；change：New 新建立、Revised 修订），附件9 汇总表的制度数即由此统计")
            .ProducesProblem(404);
        rules.MapPost("", async (InternalRuleRequest req, CurrentUser me, InternalRuleCommands cmd, CancellationToken ct) =>
        {
            var r = await cmd.CreateAsync(await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/internal-rules/{r.Id}", new { id = r.Id, version = r.Version });
        }).WithSummary("登记制度：campaignId、orgUnitId、name（制度名称）、change（New/Revised）、adoptedOn（印发或修订日期，不晚于今天）、documentNumber（文号）、"
                + "remarks、riskPointIds（本单位及下属处室本次排查中它所防控的风险点）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        rules.MapPost("/import", async (int campaignId, int orgUnitId, bool? dryRun, HttpRequest request, CurrentUser me, InternalRuleCommands cmd,
                CancellationToken ct) =>
            {
                var imported = await cmd.ImportAsync(await me.ScopeAsync(ct), campaignId, orgUnitId, await FileEndpoints.UploadedFileAsync(request, ct),
                    dryRun ?? false, ct);
                return new
                {
                    imported = dryRun == true ? 0 : imported.Count,
                    parsed = imported.Count,
                    items = imported.Select(r => new { r.Name, r.Change, r.AdoptedOn, r.OrgUnitId }),
                };
            })
            .DisableAntiforgery().Accepts<UploadForm>("multipart/form-data")
            .WithSummary("从 Word 或 Excel 导入制度（表头：制度名称、新建或修订、印发日期、文号、单位（处室）、备注）；任何一行有误则整个文件不导入（422，逐行列出）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422);
        rules.MapGet("/{id:int}", async (int id, CurrentUser me, InternalRuleCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var r = await cmd.LoadAsync(scope, id, ct);
            return (await ListAsync(db, cmd, scope, r.CampaignId, r.OrgUnitId, null, ct)).Single(x => x.Id == id);
        }).ProducesProblem(404);
        rules.MapPut("/{id:int}", async (int id, InternalRuleRequest req, CurrentUser me, InternalRuleCommands cmd, CancellationToken ct) =>
        {
            var r = await cmd.UpdateAsync(await me.ScopeAsync(ct), id, req, ct);
            return new { id = r.Id, version = r.Version };
        }).WithSummary("修改制度（version 必填；riskPointIds 为完整的对应风险点）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        rules.MapDelete("/{id:int}", async (int id, int? version, CurrentUser me, InternalRuleCommands cmd, CancellationToken ct) =>
        {
            await cmd.DeleteAsync(await me.ScopeAsync(ct), id, version, ct);
            return TypedResults.NoContent();
        }).WithSummary("删除制度登记").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }
}
