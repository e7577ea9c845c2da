namespace Lianfang.Web.Features.IntegrityFiles;

public static class IntegrityFilesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:int}/integrity-file/export", async (int id, string? format, CurrentUser me, IntegrityFileExport export, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await export.ExportAsync(await me.ScopeAsync(ct), id, format, ct)))
            .WithTags("廉政档案").WithSummary("导出本人廉政档案（docx、xlsx 或 pdf）；导出同样记入审计").ProducesProblem(404).ProducesProblem(501);
        api.MapGet("/people/{id:int}/integrity-file", async (int id, CurrentUser me, IntegrityFileService files, CancellationToken ct) =>
            await files.ReadAsync(await me.ScopeAsync(ct), id, ct))
            .WithTags("廉政档案").WithSummary("廉政档案：任职、风险点、四种形态处置和记载内容（本人、派驻机构、纪委监委可见，每次查阅记入审计）").ProducesProblem(404);
        api.MapPost("/people/{id:int}/integrity-file/entries",
            async (int id, EntryRequest req, CurrentUser me, IntegrityFileService files, CancellationToken ct) =>
        {
            var e = await files.AddAsync(await me.ScopeAsync(ct), id, req, ct);
            return TypedResults.Created($"/api/v1/people/{id}/integrity-file", new { id = e.Id });
        }).WithTags("廉政档案")
            .WithSummary("记载廉政档案内容（type：PersonalMatter、Income、FamilyEmployment 由本人申报；" +
                "OrganizationalHandling、DisciplinaryAction 等由派驻机构、纪委监委记载）；内容加密存储")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
    }
}
