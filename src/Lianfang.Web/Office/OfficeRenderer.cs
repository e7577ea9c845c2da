namespace Lianfang.Web.Office;

public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>A laid-out form as a file: Word, Excel, or PDF (the Word file through LibreOffice).</summary>
public sealed class OfficeRenderer(PdfConverter pdf)
{
    public static readonly string[] Formats = ["docx", "xlsx", "pdf"];
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<ExportFile> RenderAsync(FormDocument doc, string format, CancellationToken ct)
    {
        var name = FileName(doc.FileStem);
        return format switch
        {
            "xlsx" => new ExportFile(XlsxWriter.Write(doc), XlsxType, name + ".xlsx"),
            "pdf" => new ExportFile(await pdf.ToPdfAsync(DocxWriter.Write(doc), ct), "application/pdf", name + ".pdf"),
            _ => new ExportFile(DocxWriter.Write(doc), DocxType, name + ".docx"),
        };
    }

    /// <summary>The format asked for (docx when none), or a refusal naming the three there are.</summary>
    public static string Format(string? format)
    {
        var f = (format ?? "docx").Trim().ToLowerInvariant();
        return Formats.Contains(f) ? f : throw new DomainException("format", $"format 应为 docx、xlsx 或 pdf，收到“{format}”");
    }

    /// <summary>A title as a file name: no characters a file system refuses, at most 120 characters.</summary>
    public static string FileName(string stem)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var clean = new string(stem.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Replace(" · ", "·").Trim();
        return clean.Length > 120 ? clean[..120] : clean;
    }
}
