using Lianfang.Core.Forms;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Lianfang.Web.Features.Forms;

public sealed record ImportRowDto(string Sheet, int Row, int LastRow, CategorySource CategorySource, bool Unrated);
public sealed record ImportResultDto(int Imported, int Parsed, bool DryRun, IReadOnlyList<RiskPointDto> RiskPoints, IReadOnlyList<ImportRowDto> Rows,
    IReadOnlyList<string> Notices);
/// <summary>The multipart body of an import: the .docx or .xlsx file.</summary>
public sealed record UploadForm(IFormFile File);
public sealed record FormDto(string Code, string Title, string? For, bool Landscape, IReadOnlyList<string> Columns);

public static class FormsApi
{
    private const long UploadLimit = Uploads.MaxBytes + 64 * 1024;

    public static ImportResultDto Dto(ImportOutcome o) => new(o.Saved ? o.Points.Count : 0, o.Points.Count, !o.Saved,
        o.Points.Select(p => RegisterApi.Dto(p.Point)).ToList(),
        o.Points.Select(p => new ImportRowDto(p.Parsed.Sheet, p.Parsed.Row, p.Parsed.LastRow, p.Parsed.CategorySource, p.Parsed.Unrated)).ToList(), o.Notices);

    public static void Map(RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists").WithTags("表格导入导出");
        lists.MapPost("/{id:int}/import", async (int id, bool? dryRun, HttpRequest request, CurrentUser me, ImportRiskList import, CancellationToken ct) =>
                TypedResults.Ok(Dto(await import.RunAsync(await me.ScopeAsync(ct), id, await UploadedFileAsync(request, ct), dryRun ?? false, ct))))
            .DisableAntiforgery()
            .Accepts<UploadForm>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimit))
            .WithSummary("从 Word（.docx）或 Excel（.xlsx）导入风险点（multipart 字段 file）：按列名识别表头，逐行解析；任何一行有误则整个文件不导入并逐行报告（422）；dryRun=true 只解析不保存")
            .Produces<ImportResultDto>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422);

        lists.MapGet("/{id:int}/export", async (int id, string? format, string? form, CurrentUser me, ExportForms export, CancellationToken ct) =>
                await FileAsync(async () => await export.ListAsync(await me.ScopeAsync(ct), id, form, format, ct)))
            .WithSummary("按方案的正式表格导出清单：format 为 docx、xlsx 或 pdf（需服务器安装 LibreOffice）；form 为表格代码（见 /forms），缺省为该类清单的表格")
            .Produces(200, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(501);

        lists.MapGet("/{id:int}/forms", async (int id, CurrentUser me, RegisterCommands register, SchemeStore schemes, CancellationToken ct) =>
        {
            var list = await register.LoadListAsync(await me.ScopeAsync(ct), id, ct);
            var scheme = await schemes.GetAsync(list.SchemeCode, ct);
            return FormCatalog.ListForms(scheme).Select(f => new FormDto(f.Code, f.Title, f.For?.ToString(), f.Landscape, f.Columns)).ToList();
        }).WithSummary("清单可导出的表格（方案规定的正式表格及本系统的明细表）").ProducesProblem(404);

        api.MapGet("/campaigns/{id:int}/package", async (int id, int? orgUnitId, CurrentUser me, ExportForms export, CancellationToken ct) =>
                await FileAsync(async () => await export.PackageAsync(await me.ScopeAsync(ct), id, orgUnitId, ct)))
            .WithTags("报表")
            .WithSummary("上报材料包（zip）：机构子树在本次排查中每份审定清单的正式表格（docx）、汇总表和目录（含各清单状态与签字验证码）")
            .Produces(200, contentType: "application/zip").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/reports/summary/export", async (int? orgUnitId, int? campaignId, string? format, CurrentUser me, ExportForms export, CancellationToken ct) =>
                await FileAsync(async () => await export.SummaryAsync(await me.ScopeAsync(ct), orgUnitId, campaignId, format, ct)))
            .WithTags("报表")
            .WithSummary("汇总表（龙胜附件9 式样）：机构子树在一次排查中的参与人数、各类别各等级风险点数、防控措施、监督办法、新建和修订制度数")
            .Produces(200, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(501);
    }

    /// <summary>
    /// The uploaded file, read with the upload limit: a declared length over it is refused before reading, and the
    /// multipart reader stops at it otherwise (large parts are buffered to disk by ASP.NET, not kept in memory).
    /// </summary>
    internal static async Task<IFormFile?> UploadedFileAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = $"上传内容过大，文件不能超过 {Uploads.MaxBytes / 1024 / 1024} MB";
        if (request.ContentLength > UploadLimit) throw new ValidationFailedException([new FieldError("file", tooLarge)], tooLarge, StatusCodes.Status413PayloadTooLarge);
        if (!request.HasFormContentType) throw new DomainException("file", "请以 multipart/form-data 上传文件，字段名为 file");
        try
        {
            var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = UploadLimit }, ct);
            return form.Files.GetFile("file");
        }
        catch (InvalidDataException) { throw new ValidationFailedException([new FieldError("file", tooLarge)], tooLarge, StatusCodes.Status413PayloadTooLarge); }
    }

    internal static async Task<IResult> FileAsync(Func<Task<ExportFile>> make)
    {
        try
        {
            var f = await make();
            return TypedResults.File(f.Content, f.ContentType, f.FileName);
        }
        catch (PdfUnavailableException e) { return Problems.Result(501, "无法生成 PDF", e.Message, [new FieldError("format", e.Message)]); }
    }
}
