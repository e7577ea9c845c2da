using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Security;

/// <summary>
/// ASVS V5 file handling: hostile Word/Excel files sent to every endpoint that takes one (list import, power catalog
/// import, org import, rectification evidence) are refused quickly, with a zh-CN message, without unpacking them.
/// </summary>
public abstract class UploadSafetyTests(MatrixFixture f)
{
    private static byte[] GoodXlsx() => Corpus.Xlsx(new Corpus.Sheet("Sheet1").Row(1, "序号", "风险点描述", "风险等级").Row(2, "1", "上传测试", "一般"));

    /// <summary>Adds or replaces parts of a package.</summary>
    private static byte[] With(byte[] package, params (string Name, byte[] Content)[] parts)
    {
        var ms = new MemoryStream();
        ms.Write(package);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
            foreach (var (name, content) in parts)
            {
                zip.GetEntry(name)?.Delete();
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(content);
            }
        return ms.ToArray();
    }

    /// <summary>Rewrites the uncompressed size an entry declares, in its local header and in the central directory.</summary>
    private static byte[] DeclareSize(byte[] zip, string name, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var n = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var sig = BitConverter.ToUInt32(bytes, i);
            if (sig == 0x04034b50 && BitConverter.ToUInt16(bytes, i + 26) == n.Length && bytes.AsSpan(i + 30, n.Length).SequenceEqual(n))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), size);
            if (sig == 0x02014b50 && BitConverter.ToUInt16(bytes, i + 28) == n.Length && bytes.AsSpan(i + 46, n.Length).SequenceEqual(n))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), size);
        }
        return bytes;
    }

    private const string Laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" +
        "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">" +
        "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\"><!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">" +
        "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\"><!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">" +
        "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\"><!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>";

    private static string SheetWith(string doctype, string cell) =>
        doctype + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>序号</t></is></c>" +
        $"<c r=\"B1\" t=\"inlineStr\"><is><t>风险点描述</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>{cell}</t></is></c></row></sheetData></worksheet>";

    public static IEnumerable<(string Case, string Name, byte[] Bytes)> Hostile()
    {
        var good = GoodXlsx();
        var sheet = new ZipArchive(new MemoryStream(good)).Entries.First(e => e.FullName.StartsWith("xl/worksheets/")).FullName;
        yield return ("11 MB", "大文件.xlsx", new byte[11 * 1024 * 1024]);
        // 60 MB of one character deflates to ~60 KB; the directory then claims 1 KB, so a reader that trusts the data would unpack it all.
        var filler = With(good, (sheet, Encoding.UTF8.GetBytes(SheetWith("", new string('坏', 20 * 1024 * 1024)))));
        yield return ("zip bomb claiming 1 KB", "炸弹.xlsx", DeclareSize(filler, sheet, 1024));
        yield return ("zip bomb claiming 4 GB", "炸弹.xlsx", DeclareSize(filler, sheet, uint.MaxValue - 1));
        yield return ("100,000 entries", "部件.xlsx", ManyEntries(good, 100_000));
        yield return ("billion laughs in a sheet", "实体.xlsx", With(good, (sheet, Encoding.UTF8.GetBytes(SheetWith(Laughs, "&lol9;")))));
        yield return ("billion laughs in [Content_Types].xml", "实体.xlsx", With(good, ("[Content_Types].xml", Encoding.UTF8.GetBytes(Laughs + "<Types>&lol9;</Types>"))));
        yield return ("external entity", "外部.xlsx", With(good, (sheet, Encoding.UTF8.GetBytes(SheetWith("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;")))));
        yield return ("zip slip", "穿越.xlsx", With(good, ("../../../../tmp/lianfang-zip-slip.txt", "slip"u8.ToArray())));
        yield return ("Word named .xlsx", "伪装.xlsx", SeedForms.HealthListDocx());
        yield return ("HTML named .xlsx", "网页.xlsx", "<html><script>alert(1)</script></html>"u8.ToArray());
        yield return ("macro", "宏.xlsx", With(good, ("xl/vbaProject.bin", new byte[64])));
    }

    private static byte[] ManyEntries(byte[] package, int count)
    {
        var ms = new MemoryStream();
        ms.Write(package);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
            for (var i = 0; i < count; i++) zip.CreateEntry($"x/{i:x}", CompressionLevel.NoCompression);
        return ms.ToArray();
    }

    [Fact]
    public async Task Hostile_files_are_refused_quickly_by_every_upload_endpoint_with_a_chinese_message()
    {
        var m = await f.MatrixAsync();
        var w = m.In.W;
        var endpoints = new (string Label, HttpClient Client, string Url)[]
        {
            ("list import", await f.As(w.Users["staff"]), $"/api/v1/lists/{m.In.List}/import?dryRun=true"),
            ("power import", await f.As(w.Users["party_office"]), $"/api/v1/org-units/{w.U1}/powers/import?dryRun=true"),
            ("org import", await f.As(w.Users["party_office"]), $"/api/v1/org-units/{w.D1}/import"),
            ("evidence", await f.As(w.Users["dept_head"]), $"/api/v1/rectifications/{m.In.Rectification}/evidence"),
        };
        var problems = new List<string>();
        foreach (var (label, client, url) in endpoints)
            foreach (var (what, name, bytes) in Hostile())
            {
                var before = GC.GetTotalAllocatedBytes(true);
                var clock = Stopwatch.StartNew();
                var res = await client.PostAsync(url, new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } });
                var took = clock.Elapsed;
                var allocated = GC.GetTotalAllocatedBytes(true) - before;
                var body = await res.Content.ReadAsStringAsync();
                var problem = body.Length > 0 && body[0] == '{' ? System.Text.Json.JsonDocument.Parse(body).RootElement : default;
                var detail = problem.ValueKind == System.Text.Json.JsonValueKind.Object
                    ? (problem.TryGetProperty("detail", out var d) ? d.GetString() : null) ?? (problem.TryGetProperty("title", out var t) ? t.GetString() : null) ?? "" : body;
                // Evidence is stored, never parsed: XML inside a part is inert there (the package itself is still checked).
                var inert = label == "evidence" && what is "billion laughs in a sheet" or "external entity";
                if (inert && res.StatusCode == HttpStatusCode.Created) continue;
                if ((int)res.StatusCode is not (400 or 413 or 422)) problems.Add($"{label} · {what}: {(int)res.StatusCode} {body[..Math.Min(200, body.Length)]}");
                else if (!detail.Any(c => c >= 0x4E00 && c <= 0x9FFF)) problems.Add($"{label} · {what}: no Chinese message in “{detail}”");
                if (took > TimeSpan.FromSeconds(10)) problems.Add($"{label} · {what}: took {took}");
                // The upload itself is buffered a few times; unpacking a bomb would be hundreds of MB.
                if (allocated > 160L * 1024 * 1024) problems.Add($"{label} · {what}: allocated {allocated / 1024 / 1024} MB");
                if (body.Contains("root:")) problems.Add($"{label} · {what}: an external entity was resolved");
            }
        Assert.False(File.Exists("/tmp/lianfang-zip-slip.txt"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Nothing of it was saved.
        var evidence = await (await f.As(w.Users["dept_head"])).GetAsync($"/api/v1/rectifications/{m.In.Rectification}").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(evidence.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("fileName").GetString() is "炸弹.xlsx" or "部件.xlsx" or "穿越.xlsx" or "伪装.xlsx" or "宏.xlsx");
    }
}

// Alone, after the parallel collections: the allocation check reads the whole process's allocations.
[CollectionDefinition("uploads", DisableParallelization = true)] public sealed class UploadsCollection;
[Collection("uploads")] public sealed class UploadSafetyTests_Sqlite(MatrixFixture_Sqlite f) : UploadSafetyTests(f), IClassFixture<MatrixFixture_Sqlite>;
[Collection("uploads")] public sealed class UploadSafetyTests_Postgres(MatrixFixture_Postgres f) : UploadSafetyTests(f), IClassFixture<MatrixFixture_Postgres>;
