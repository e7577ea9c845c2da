using Lianfang.Web.Office;

namespace Lianfang.Web.Infrastructure;

/// <summary>First checks on an uploaded office file, before any parser sees it.</summary>
public static class Uploads
{
    public const long MaxBytes = OfficeFile.MaxBytes;

    /// <summary>Copies the upload into memory after checking size, extension and the zip signature.</summary>
    public static async Task<MemoryStream> ReadXlsxAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new DomainException("file", "请选择要上传的 Excel 文件（.xlsx）");
        if (file.Length > MaxBytes) throw new DomainException("file", $"文件过大（{file.Length / 1024 / 1024} MB），上限为 {MaxBytes / 1024 / 1024} MB");
        var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (ext == ".xls") throw new DomainException("file", "不支持旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后上传");
        if (ext != ".xlsx") throw new DomainException("file", $"只能上传 .xlsx 文件，收到的是“{Path.GetFileName(file.FileName)}”");
        var ms = new MemoryStream((int)file.Length);
        await file.CopyToAsync(ms, ct);
        ms.Position = 0;
        // The same guards as the Word/Excel form imports (zip directory, sizes, ratio, macros, content type) before MiniExcel opens it.
        OfficeFile.Check(file.FileName, ms);
        return ms;
    }
}
