using System.IO.Compression;
using System.Xml;
using Lianfang.Core.Forms;

namespace Lianfang.Web.Office;

public enum OfficeKind { Docx, Xlsx }

/// <summary>The tables of a file, and the record a form this product exported carries (null for any other file).</summary>
public sealed record OfficeForm(IReadOnlyList<Grid> Grids, FormRecord? Record);

/// <summary>A file that is not a usable Word or Excel file. The only exception the readers let out.</summary>
public sealed class BadFileException(string message) : DomainException("file", message);

/// <summary>
/// Checks on an uploaded Word/Excel file before any parser opens it: extension, size, the zip signature, then the
/// zip's central directory (entry count, total and per-entry uncompressed size, compression ratio), macros, and
/// that the content is what the extension says. Nothing is decompressed beyond [Content_Types].xml here; the zip
/// reader never inflates an entry past its declared size, so these limits bound what the parsers read.
/// </summary>
public static class OfficeFile
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxEntries = 1000;
    public const long MaxUncompressed = 120L * 1024 * 1024;
    public const long MaxEntryUncompressed = 80L * 1024 * 1024;
    /// <summary>Office XML compresses 5–30×; a zip bomb, thousands.</summary>
    public const double MaxRatio = 150;

    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string ExcelMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    public static readonly string Accept = ".docx,.xlsx";

    /// <summary>Checks the upload, then reads its tables (Word) or sheets (Excel) into grids.</summary>
    public static IReadOnlyList<Grid> ReadGrids(string? fileName, Stream stream) => ReadForm(fileName, stream).Grids;

    /// <summary>Checks the upload, then reads its tables and, if it has one, the record of the form it was exported as.</summary>
    public static OfficeForm ReadForm(string? fileName, Stream stream) =>
        Check(fileName, stream) == OfficeKind.Docx ? DocxReader.ReadForm(stream) : XlsxReader.ReadForm(stream);

    /// <summary>Checks the file name and the stream (seekable, positioned anywhere); returns what it is.</summary>
    public static OfficeKind Check(string? fileName, Stream stream)
    {
        var name = Path.GetFileName(fileName ?? "");
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var kind = ext switch
        {
            ".docx" => OfficeKind.Docx,
            ".xlsx" => OfficeKind.Xlsx,
            ".doc" or ".xls" or ".wps" or ".et" or ".rtf" => throw new BadFileException($"不支持旧版或 WPS 专有格式（{ext}），请在 Word/WPS/Excel 中“另存为” .docx 或 .xlsx 后上传"),
            ".docm" or ".xlsm" or ".dotm" or ".xltm" or ".xlsb" => throw new BadFileException($"不接受含宏或二进制格式的文件（{ext}），请另存为不含宏的 .docx 或 .xlsx"),
            _ => throw new BadFileException($"只能上传 Word（.docx）或 Excel（.xlsx）文件，收到的是“{name}”"),
        };
        if (!stream.CanSeek) throw new InvalidOperationException("upload streams are seekable");
        if (stream.Length == 0) throw new BadFileException("文件是空的");
        if (stream.Length > MaxBytes) throw new BadFileException($"文件过大（{stream.Length / 1024 / 1024} MB），上限为 {MaxBytes / 1024 / 1024} MB");

        stream.Position = 0;
        Span<byte> head = stackalloc byte[4];
        var read = stream.Read(head);
        stream.Position = 0;
        if (read == 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
            throw new BadFileException("这是旧版 Office 文件或设置了打开密码的文件，无法读取；请取消密码并另存为 .docx 或 .xlsx 后上传");
        if (read < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4)
            throw new BadFileException($"文件内容不是有效的 {ext}（扩展名与内容不符或文件已损坏）");

        string? mainType;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var entries = zip.Entries;
            if (entries.Count > MaxEntries) throw new BadFileException($"文件内部包含 {entries.Count} 个部件，超过上限 {MaxEntries}，疑似异常文件");
            long total = 0;
            ZipArchiveEntry? types = null;
            foreach (var e in entries)
            {
                if (e.Length > MaxEntryUncompressed || e.Length < 0) throw new BadFileException("文件中有部件解压后过大，疑似压缩炸弹，已拒绝");
                total += e.Length;
                if (total > MaxUncompressed) throw new BadFileException($"文件解压后超过 {MaxUncompressed / 1024 / 1024} MB，疑似压缩炸弹，已拒绝");
                // Deflate never grows data by more than a few bytes a block: more compressed than declared bytes means the
                // directory lies about what the entry unpacks to (a zip bomb aimed at readers that trust the data).
                if (e.CompressedLength > e.Length + e.Length / 100 + 1024)
                    throw new BadFileException("文件中有部件的实际大小与声明不符，疑似压缩炸弹，已拒绝");
                if (e.Length > 1024 * 1024 && e.CompressedLength > 0 && (double)e.Length / e.CompressedLength > MaxRatio)
                    throw new BadFileException("文件压缩比异常，疑似压缩炸弹，已拒绝");
                var entryName = e.FullName.Replace('\\', '/');
                // Nothing is ever unpacked to disk, but a part named outside the package is a crafted file, not an Office one.
                if (entryName.StartsWith('/') || entryName.Split('/').Contains("..") || entryName.Contains(':'))
                    throw new BadFileException($"文件中有部件名称异常（“{Clip(e.FullName)}”），疑似恶意构造的文件，已拒绝");
                if (entryName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                    || entryName.EndsWith("vbaData.xml", StringComparison.OrdinalIgnoreCase))
                    throw new BadFileException("文件含有宏（VBA），出于安全考虑不予接受，请另存为不含宏的 .docx 或 .xlsx");
                if (entryName.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)) types = e;
            }
            if (types is null) throw new BadFileException($"文件不是 Office 文档（缺少内容类型说明），请确认是 Word/Excel 保存的 {ext} 文件");
            mainType = MainContentType(types);
        }
        catch (BadFileException) { throw; }
        catch (Exception e) when (e is InvalidDataException or IOException or XmlException or NotSupportedException or ArgumentException)
        {
            throw new BadFileException($"无法读取该文件，文件可能已损坏或不是标准的 {ext} 格式");
        }
        finally { stream.Position = 0; }

        if (mainType is null) throw new BadFileException($"文件中找不到 Word 文档或 Excel 工作簿的正文，不是有效的 {ext}");
        if (mainType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
            throw new BadFileException("文件是启用宏的文档，出于安全考虑不予接受，请另存为不含宏的 .docx 或 .xlsx");
        var actual = mainType == WordMain ? OfficeKind.Docx : mainType == ExcelMain ? OfficeKind.Xlsx : (OfficeKind?)null;
        if (actual is null) throw new BadFileException($"文件是其他类型的 Office 文档（如模板或演示文稿），请另存为 .docx 或 .xlsx");
        if (actual != kind)
            throw new BadFileException($"文件扩展名为 {ext}，但内容是{(actual == OfficeKind.Docx ? " Word 文档" : " Excel 工作簿")}，请改为正确的扩展名后上传");
        return kind;
    }

    private static string Clip(string name) => name.Length > 60 ? name[..60] + "…" : name;

    /// <summary>The content type of the document body (/word/document.xml, /xl/workbook.xml …) named in [Content_Types].xml.</summary>
    private static string? MainContentType(ZipArchiveEntry types)
    {
        if (types.Length > 1024 * 1024) throw new BadFileException("文件的内容类型说明过大，疑似异常文件");
        using var s = types.Open();
        using var xml = XmlReader.Create(s,
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 2_000_000 });
        string? found = null;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName is not ("Override" or "Default")) continue;
            var type = xml.GetAttribute("ContentType") ?? "";
            if (type.EndsWith(".main+xml", StringComparison.OrdinalIgnoreCase) && (type.Contains("wordprocessingml") || type.Contains("spreadsheetml")
                || type.Contains("ms-word") || type.Contains("ms-excel") || type.Contains("presentationml")))
                found ??= type;
        }
        return found;
    }
}
