using Lianfang.Web.Office;
using Microsoft.AspNetCore.Http.Features;

namespace Lianfang.Web.Infrastructure;

/// <summary>The multipart body of an import: the .docx or .xlsx file.</summary>
public sealed record UploadForm(IFormFile File);

/// <summary>What every endpoint that takes an office file or returns one shares: the upload limit and reading, the file result.</summary>
public static class FileEndpoints
{
    public const long UploadLimit = Uploads.MaxBytes + 64 * 1024;

    /// <summary>
    /// The uploaded file, read with the upload limit: a declared length over it is refused before reading, and the
    /// multipart reader stops at it otherwise (large parts are buffered to disk by ASP.NET, not kept in memory).
    /// </summary>
    public static async Task<IFormFile?> UploadedFileAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = $"上传内容过大，文件不能超过 {Uploads.MaxBytes / 1024 / 1024} MB";
        if (request.ContentLength > UploadLimit)
            throw new ValidationFailedException([new FieldError("file", tooLarge)], tooLarge, StatusCodes.Status413PayloadTooLarge);
        if (!request.HasFormContentType) throw new DomainException("file", "请以 multipart/form-data 上传文件，字段名为 file");
        try
        {
            var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = UploadLimit }, ct);
            return form.Files.GetFile("file");
        }
        catch (InvalidDataException)
        {
            throw new ValidationFailedException([new FieldError("file", tooLarge)], tooLarge, StatusCodes.Status413PayloadTooLarge);
        }
    }

    public static async Task<IResult> FileAsync(Func<Task<ExportFile>> make)
    {
        try
        {
            var f = await make();
            return TypedResults.File(f.Content, f.ContentType, f.FileName);
        }
        catch (PdfUnavailableException e) { return Problems.Result(501, "无法生成 PDF", e.Message, [new FieldError("format", e.Message)]); }
    }
}
