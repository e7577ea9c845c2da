namespace Lianfang.Web.Features.Supervision;

/// <summary>Checks on an evidence upload: size, an allowed type, and content that matches its extension.</summary>
public static class Evidence
{
    private static readonly Dictionary<string, byte[][]> Signatures = new()
    {
        [".pdf"] = ["%PDF"u8.ToArray()],
        [".png"] = [[0x89, 0x50, 0x4E, 0x47]],
        [".jpg"] = [[0xFF, 0xD8, 0xFF]],
        [".jpeg"] = [[0xFF, 0xD8, 0xFF]],
        [".docx"] = [[0x50, 0x4B, 0x03, 0x04]],
        [".xlsx"] = [[0x50, 0x4B, 0x03, 0x04]],
    };

    public static string Allowed => string.Join("、", Signatures.Keys);

    public static async Task<byte[]> ReadAsync(IFormFile? file, long maxBytes, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new DomainException("file", "请选择要上传的佐证材料");
        if (file.Length > maxBytes) throw new DomainException("file", $"文件过大，上限为 {maxBytes / 1024 / 1024} MB");
        var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (!Signatures.TryGetValue(ext, out var magic)) throw new DomainException("file", $"只能上传 {Allowed} 文件");
        using var ms = new MemoryStream((int)file.Length);
        await file.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        if (!magic.Any(m => bytes.AsSpan().StartsWith(m))) throw new DomainException("file", "文件内容与扩展名不符或文件已损坏");
        // Word/Excel evidence passes the import guards too: a zip bomb, a macro or a workbook named .docx is refused here.
        if (ext is ".docx" or ".xlsx") Office.OfficeFile.Check(file.FileName, new MemoryStream(bytes, writable: false));
        return bytes;
    }
}
