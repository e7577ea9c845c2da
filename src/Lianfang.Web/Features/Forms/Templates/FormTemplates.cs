using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Lianfang.Core.Access;
using Lianfang.Core.Forms;
using Lianfang.Core.Org;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Lianfang.Web.Office;

namespace Lianfang.Web.Features.Forms.Templates;

/// <summary>The multipart body of a template upload.</summary>
public sealed record TemplateUpload(string? Code, string? Title, string? For, int? OrgUnitId);

public sealed record TemplateDto(int Id, string SchemeCode, string Code, string Title, string? For, int Version, string Format, string FileName,
    string BaseForm, int OwnerOrgUnitId, string OwnerName, string UploadedBy, DateTime UploadedAt);

/// <summary>
/// A unit's own forms: the built-in forms as templates to start from, the checks an uploaded template passes (as an
/// upload, then as a template: every placeholder known, exactly one repeating row), a preview with a real list of the
/// scheme, and the versions kept.
/// </summary>
public sealed partial class FormTemplates(
    AppDbContext db, SchemeStore schemes, RegisterCommands register, ExportForms export, OfficeRenderer renderer, TimeProvider time)
{
    /// <summary>A built-in list form as a template (Word or Excel) that, uploaded unchanged, exports what the built-in does.</summary>
    public async Task<ExportFile> BuiltInAsync(AccessScope scope, string schemeCode, string formCode, string? format, CancellationToken ct)
    {
        var scheme = await VisibleSchemeAsync(scope, schemeCode, ct);
        var form = FormCatalog.ListForm(scheme, formCode) ?? throw DomainException.NotFound("form",
            $"方案“{scheme.Name}”没有表格“{formCode}”，可选：{string.Join("、", FormCatalog.ListForms(scheme).Select(f => $"{f.Code}（{f.Title}）"))}");
        var fmt = OfficeRenderer.Format(format);
        if (fmt == "pdf") throw new DomainException("format", "模板只能下载为 docx 或 xlsx");
        var doc = FormBuilder.Template(form);
        var file = await renderer.RenderAsync(doc, fmt, ct);
        return file with { Content = WithKeywords(file.Content, fmt, DocxTemplate.FormMarker + form.Code) };
    }

    /// <summary>The templates of a scheme the caller may see: those of units they read and of the units above them.</summary>
    public async Task<List<TemplateDto>> ListAsync(AccessScope scope, string schemeCode, CancellationToken ct)
    {
        await VisibleSchemeAsync(scope, schemeCode, ct);
        var above = scope.Grants.Where(g => g.OrgPath is not null).SelectMany(g => OrgPath.AncestorsOrSelf(g.OrgPath!)).Distinct().ToList();
        var visible = db.OrgUnits.Visible(scope).Select(u => u.Id);
        return await (from t in db.FormTemplates.AsNoTracking()
                      join u in db.OrgUnits on t.OwnerOrgUnitId equals u.Id
                      where t.SchemeCode == schemeCode && (scope.ReadsWholeOrg || visible.Contains(u.Id) || above.Contains(u.Path))
                      orderby t.Code, t.OwnerOrgUnitId, t.Version descending
                      select new TemplateDto(t.Id, t.SchemeCode, t.Code, t.Title, t.For == null ? null : t.For.ToString(), t.Version, t.Format, t.FileName,
                          t.BaseForm, t.OwnerOrgUnitId, u.Name, t.UploadedBy, t.UploadedAt)).ToListAsync(ct);
    }

    /// <summary>One uploaded version, as it was uploaded.</summary>
    public async Task<ExportFile> DownloadAsync(AccessScope scope, string schemeCode, int id, CancellationToken ct)
    {
        var dto = (await ListAsync(scope, schemeCode, ct)).FirstOrDefault(t => t.Id == id) ?? throw DomainException.NotFound("id", "模板不存在");
        var content = await db.FormTemplates.Where(t => t.Id == id).Select(t => t.Content).SingleAsync(ct);
        return new ExportFile(content, ContentType(dto.Format), $"{dto.Title}-v{dto.Version}.{dto.Format}");
    }

    /// <summary>Checks an upload and saves it as the next version of its code for the owner unit.</summary>
    public async Task<TemplateDto> UploadAsync(AccessScope scope, string schemeCode, IFormFile? file, TemplateUpload req, CancellationToken ct)
    {
        var (scheme, owner, code, title, listScope, checkedFile) = await PrepareAsync(scope, schemeCode, file, req, ct);
        var version = await db.FormTemplates.Where(t => t.SchemeCode == scheme.Code && t.OwnerOrgUnitId == owner.Id && t.Code == code)
            .Select(t => (int?)t.Version).MaxAsync(ct) ?? 0;
        var user = await db.Users.Where(u => u.Id == scope.UserId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(ct) ?? "";
        var record = new FormTemplate
        {
            SchemeCode = scheme.Code, OwnerOrgUnitId = owner.Id, Code = code, Title = title, For = listScope, Version = version + 1,
            Format = checkedFile.Format, FileName = Path.GetFileName(file!.FileName), Content = checkedFile.Content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(checkedFile.Content)), BaseForm = checkedFile.BaseForm.Code,
            UploadedByUserId = scope.UserId, UploadedBy = user, UploadedAt = time.UtcNow(),
        };
        db.FormTemplates.Add(record);
        await db.SaveChangesAsync(ct);
        return new TemplateDto(record.Id, record.SchemeCode, code, title, listScope?.ToString(), record.Version, record.Format, record.FileName,
            record.BaseForm, owner.Id, owner.Name, user, record.UploadedAt);
    }

    /// <summary>
    /// The upload filled with a real list of the scheme (<paramref name="listId"/>, else the caller's latest list of the
    /// scheme that has points), nothing saved: what the unit's form will look like.
    /// </summary>
    public async Task<ExportFile> PreviewAsync(AccessScope scope, string schemeCode, IFormFile? file, TemplateUpload req, int? listId, string? format,
        CancellationToken ct)
    {
        var (scheme, _, code, title, _, checkedFile) = await PrepareAsync(scope, schemeCode, file, req, ct);
        var id = listId ?? await db.RiskLists.AsNoTracking().Visible(scope)
            .Where(l => l.SchemeCode == scheme.Code && db.RiskPoints.Any(p => p.ListId == l.Id))
            .OrderByDescending(l => l.Id).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct)
            ?? throw DomainException.Conflict("listId", $"还没有可供预览的“{scheme.Name}”清单（需至少一条风险点）");
        var list = await register.LoadListAsync(scope, id, ct);
        if (list.SchemeCode != scheme.Code) throw new DomainException("listId", $"清单不属于方案“{scheme.Name}”，不能用于预览");
        var draft = new FormTemplate
        {
            Code = code, Title = title, Version = 0, Format = checkedFile.Format, Content = checkedFile.Content, BaseForm = checkedFile.BaseForm.Code,
        };
        return await export.TemplateAsync(list, scheme, draft, format, ct);
    }

    private sealed record CheckedFile(string Format, byte[] Content, FormDef BaseForm);

    private async Task<(Scheme, OrgUnit, string Code, string Title, ListScope?, CheckedFile)> PrepareAsync(AccessScope scope, string schemeCode,
        IFormFile? file, TemplateUpload req, CancellationToken ct)
    {
        var scheme = await VisibleSchemeAsync(scope, schemeCode, ct);
        var errors = new List<FieldError>();
        var code = (req.Code ?? "").Trim();
        var title = (req.Title ?? "").Trim();
        if (!CodePattern().IsMatch(code)) errors.Add(new FieldError("code", "表格代码应为 1–40 个小写字母、数字或连字符，如 county-post"));
        else if (scheme.Forms.Any(f => f.Code == code) || code == FormCatalog.DetailCode)
            errors.Add(new FieldError("code", $"表格代码“{code}”是方案的内置表格，请另取一个代码"));
        if (title.Length is 0 or > 100) errors.Add(new FieldError("title", "请填写表格名称（不超过 100 字）"));
        ListScope? listScope = null;
        if (!string.IsNullOrWhiteSpace(req.For))
        {
            if (Enum.TryParse<ListScope>(req.For.Trim(), true, out var s) && Enum.IsDefined(s)) listScope = s;
            else errors.Add(new FieldError("for", $"适用清单应为 Post、Department、Unit 或 Person，收到“{req.For}”"));
        }
        var owner = await OwnerAsync(scope, scheme, req.OrgUnitId, ct);
        if (file is null || file.Length == 0) errors.Add(new FieldError("file", "请选择模板文件（.docx 或 .xlsx）"));
        if (errors.Count > 0) throw new ValidationFailedException(errors, errors[0].Message);

        using var ms = new MemoryStream();
        await file!.CopyToAsync(ms, ct);
        var kind = OfficeFile.Check(file.FileName, ms);
        var scan = Scan(kind, ms);
        var problems = Problems(scan);
        if (problems.Count > 0)
            throw new ValidationFailedException(problems.Select(p => new FieldError("file", p)).ToList(), $"模板有 {problems.Count} 处问题：{problems[0]}");
        var baseForm = FormCatalog.ListForm(scheme, scan.BaseForm) ?? FormCatalog.DefaultFor(scheme, listScope ?? ListScope.Unit);
        return (scheme, owner, code, title, listScope, new CheckedFile(kind == OfficeKind.Docx ? "docx" : "xlsx", ms.ToArray(), baseForm));
    }

    public static TemplateScan Scan(OfficeKind kind, Stream s)
    {
        s.Position = 0;
        try { return kind == OfficeKind.Docx ? DocxTemplate.Scan(s) : XlsxTemplate.Scan(s); }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new BadFileException($"文件无法作为 {(kind == OfficeKind.Docx ? "Word" : "Excel")} 文档打开：{e.Message}");
        }
    }

    /// <summary>What makes a template unusable, each naming where it stands.</summary>
    public static List<string> Problems(TemplateScan scan)
    {
        var problems = new List<string>();
        foreach (var p in scan.Placeholders)
        {
            var field = TemplateFields.Find(p.Name);
            if (field is null) problems.Add($"{p.Where}：“{{{{{p.Name}}}}}”不是可用的字段，可用字段见本页字段说明");
            else if (field.Kind is PlaceholderKind.Point or PlaceholderKind.Measure && !p.InRepeatingRow)
                problems.Add($"{p.Where}：“{{{{{p.Name}}}}}”是逐条字段，只能写在表格中逐条重复的那一行");
        }
        if (scan.RepeatingRows.Count > 1)
            problems.Add($"模板有 {scan.RepeatingRows.Count} 行写有逐条字段（{string.Join("、", scan.RepeatingRows)}），只能有一行逐条重复");
        if (scan.RepeatingRows.Count == 0)
            problems.Add("模板中没有逐条重复的行：请在表格的一行中写入 {{风险点.描述}} 等风险点字段");
        return problems;
    }

    private async Task<Scheme> VisibleSchemeAsync(AccessScope scope, string code, CancellationToken ct) =>
        (await schemes.VisibleAsync(scope, ct)).FirstOrDefault(s => s.Code == code) ?? throw DomainException.NotFound("code", "方案不存在");

    /// <summary>
    /// The unit a template serves: a unit's own scheme belongs to its owner; on a preset, the unit named, else the unit the
    /// caller keeps (its party office or administrator grant). Only those who keep the unit's org may give it forms.
    /// </summary>
    private async Task<OrgUnit> OwnerAsync(AccessScope scope, Scheme scheme, int? orgUnitId, CancellationToken ct)
    {
        var own = await db.Schemes.Where(s => s.Code == scheme.Code).Select(s => (int?)s.OwnerOrgUnitId).FirstOrDefaultAsync(ct);
        var id = own ?? orgUnitId ?? scope.Grants.FirstOrDefault(g => g.Role is Role.PartyOffice or Role.Admin && g.OrgUnitId is not null)?.OrgUnitId
            ?? await db.OrgUnits.Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("orgUnitId", "请指定模板所属单位（orgUnitId）");
        var owner = await Org.OrgUnitCommands.LoadVisibleAsync(db, scope, id, ct, "orgUnitId");
        if (!scope.CanManageOrg(owner.Path)) throw DomainException.Forbidden($"无权为“{owner.Name}”上传表格模板（由本单位党办或管理员上传）");
        return owner;
    }

    public static string ContentType(string format) => format == "xlsx"
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The file with its keywords set (the built-in form a template came from, the template an export used).</summary>
    public static byte[] WithKeywords(byte[] content, string format, string keywords)
    {
        using var ms = new MemoryStream();
        ms.Write(content);
        ms.Position = 0;
        using (OpenXmlPackage doc = format == "xlsx" ? SpreadsheetDocument.Open(ms, true) : WordprocessingDocument.Open(ms, true))
            doc.PackageProperties.Keywords = keywords;
        return ms.ToArray();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")] private static partial Regex CodePattern();
}
