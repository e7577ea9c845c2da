using Lianfang.Core.Forms;
using Lianfang.Web.Features.Forms.Templates;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc;

namespace Lianfang.Web.Features.Forms;

public sealed record ImportRowDto(string Sheet, int Row, int LastRow, CategorySource CategorySource, bool Unrated);
public sealed record ImportResultDto(int Imported, int Parsed, bool DryRun, IReadOnlyList<RiskPointDto> RiskPoints, IReadOnlyList<ImportRowDto> Rows,
    IReadOnlyList<string> Notices);
public sealed record FormDto(
    string Code, string Title, string? For, bool Landscape, IReadOnlyList<string> Columns, string Source, int? Version, string? Format);
/// <summary>The multipart body of a template upload.</summary>
public sealed record TemplateUploadForm(IFormFile File, string Code, string Title, string? For, int? OrgUnitId);

public static class FormsApi
{
    public static ImportResultDto Dto(ImportOutcome o) => new(o.Saved ? o.Points.Count : 0, o.Points.Count, !o.Saved,
        o.Points.Select(p => RegisterApi.Dto(p.Point)).ToList(),
        o.Points.Select(p => new ImportRowDto(p.Parsed.Sheet, p.Parsed.Row, p.Parsed.LastRow, p.Parsed.CategorySource, p.Parsed.Unrated)).ToList(), o.Notices);

    public static void Map(RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists").WithTags("表格导入导出");
        lists.MapPost("/{id:int}/import", async (int id, bool? dryRun, HttpRequest request, CurrentUser me, ImportRiskList import, CancellationToken ct) =>
                TypedResults.Ok(Dto(await import.RunAsync(await me.ScopeAsync(ct), id, await FileEndpoints.UploadedFileAsync(request, ct),
                    dryRun ?? false, ct))))
            .DisableAntiforgery()
            .Accepts<UploadForm>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(FileEndpoints.UploadLimit))
            .WithSummary("从 Word（.docx）或 Excel（.xlsx）导入风险点（multipart 字段 file）：按列名识别表头，逐行解析；任何一行有误则整个文件不导入并逐行报告（422）；dryRun=true 只解析不保存")
            .Produces<ImportResultDto>()
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422);

        lists.MapGet("/{id:int}/export", async (int id, string? format, string? form, CurrentUser me, ExportForms export, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await export.ListAsync(await me.ScopeAsync(ct), id, form, format, ct)))
            .WithSummary("按方案的正式表格导出清单：format 为 docx、xlsx 或 pdf（需服务器安装 LibreOffice）；form 为表格代码（见 /forms），缺省为该类清单的表格")
            .Produces(200, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(501);

        lists.MapGet("/{id:int}/forms",
            async (int id, CurrentUser me, RegisterCommands register, SchemeStore schemes, ExportForms export, CancellationToken ct) =>
        {
            var list = await register.LoadListAsync(await me.ScopeAsync(ct), id, ct);
            var scheme = await schemes.GetAsync(list.SchemeCode, ct);
            return (await export.FormsForListAsync(list, scheme, ct)).Select(f => new FormDto(f.Code, f.Title, f.For, f.Landscape, f.Columns,
                f.Template is null ? "builtin" : "uploaded", f.Template?.Version, f.Template?.Format)).ToList();
        }).WithSummary("清单可导出的表格：方案规定的正式表格、本系统的明细表（source=builtin），及本单位或上级单位上传的表格模板（source=uploaded，version 为所用版本）").ProducesProblem(404);

        var templates = api.MapGroup("/schemes/{code}/forms").WithTags("表格模板");
        templates.MapGet("/{form}/template", async (string code, string form, string? format, CurrentUser me, FormTemplates t, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await t.BuiltInAsync(await me.ScopeAsync(ct), code, form, format, ct)))
            .WithSummary("内置表格作为模板下载（format=docx 或 xlsx）：数据处为 {{字段}} 占位符，原样上传即与内置表格导出相同")
            .Produces(200, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document").ProducesProblem(400).ProducesProblem(404);
        templates.MapGet("/templates", async (string code, CurrentUser me, FormTemplates t, CancellationToken ct) =>
                await t.ListAsync(await me.ScopeAsync(ct), code, ct))
            .WithSummary("方案的单位表格模板及其各版本（本单位、下级及上级单位的）").ProducesProblem(404);
        templates.MapGet("/templates/{id:int}", async (string code, int id, CurrentUser me, FormTemplates t, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await t.DownloadAsync(await me.ScopeAsync(ct), code, id, ct)))
            .WithSummary("下载一个版本的模板文件（按上传原样）").ProducesProblem(404);
        templates.MapPost("/templates", async (string code, bool? preview, int? listId, string? format, HttpRequest request, CurrentUser me, FormTemplates t,
                CancellationToken ct) =>
            {
                var scope = await me.ScopeAsync(ct);
                var file = await FileEndpoints.UploadedFileAsync(request, ct);
                var form = request.Form;
                var upload = new TemplateUpload(form["code"], form["title"], form["for"], int.TryParse(form["orgUnitId"], out var o) ? o : null);
                if (preview == true) return await FileEndpoints.FileAsync(async () => await t.PreviewAsync(scope, code, file, upload, listId, format, ct));
                var saved = await t.UploadAsync(scope, code, file, upload, ct);
                return TypedResults.Created($"/api/v1/schemes/{code}/forms/templates/{saved.Id}", saved);
            })
            .DisableAntiforgery()
            .Accepts<TemplateUploadForm>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(FileEndpoints.UploadLimit))
            .WithSummary("上传单位表格模板（multipart：file、code、title、for=Post/Department/Unit/Person、orgUnitId）：检查文件与占位符，保存为该代码的下一版本；" +
                "preview=true 时不保存，用本方案的一份清单（listId，缺省为最近一份）填好返回（format=pdf 可得 PDF）")
            .Produces<TemplateDto>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

        api.MapGet("/campaigns/{id:int}/package", async (int id, int? orgUnitId, CurrentUser me, ExportForms export, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await export.PackageAsync(await me.ScopeAsync(ct), id, orgUnitId, ct)))
            .WithTags("报表")
            .WithSummary("上报材料包（zip）：机构子树在本次排查中每份审定清单的正式表格（docx）、汇总表和目录（含各清单状态与签字验证码）")
            .Produces(200, contentType: "application/zip").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/reports/summary/export",
                async (int? orgUnitId, int? campaignId, string? format, CurrentUser me, ExportForms export, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await export.SummaryAsync(await me.ScopeAsync(ct), orgUnitId, campaignId, format, ct)))
            .WithTags("报表")
            .WithSummary("汇总表（龙胜附件9 式样）：机构子树在一次排查中的参与人数、各类别各等级风险点数、防控措施、监督办法、新建和修订制度数")
            .Produces(200, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(501);
    }
}
