using System.Diagnostics;

namespace Lianfang.Web.Office;

/// <summary>
/// PDF from the Word form through LibreOffice headless (soffice), when the server has it (Debian:
/// libreoffice-writer-nogui). Setting Lianfang:Soffice names the program; "" turns PDF off. One conversion at a time,
/// each with a private profile directory and a time limit.
/// </summary>
public sealed class PdfConverter(IConfiguration config, ILogger<PdfConverter> log)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly Lazy<string?> _program = new(() => Find(config["Lianfang:Soffice"]));

    public bool Available => _program.Value is not null;

    public const string Unavailable = "服务器未安装 LibreOffice（soffice），无法生成 PDF；请下载 Word 版后自行另存为 PDF，或请管理员安装 libreoffice-writer-nogui";

    /// <param name="extension">docx, or xlsx for a unit's Excel form</param>
    public async Task<byte[]> ToPdfAsync(byte[] docx, CancellationToken ct, string extension = "docx")
    {
        var program = _program.Value ?? throw new PdfUnavailableException();
        var dir = Directory.CreateTempSubdirectory("lianfang-pdf-");
        await Gate.WaitAsync(ct);
        try
        {
            var input = Path.Combine(dir.FullName, "form." + extension);
            await File.WriteAllBytesAsync(input, docx, ct);
            var psi = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir.FullName,
            };
            // The forms ask for 宋体/仿宋; on Linux servers those map to a serif CJK face rather than the sans fallback.
            var fonts = Path.Combine(dir.FullName, "fonts.conf");
            await File.WriteAllTextAsync(fonts, FontAliases, ct);
            psi.Environment["FONTCONFIG_FILE"] = fonts;
            foreach (var a in new[] { $"-env:UserInstallation=file://{Path.Combine(dir.FullName, "profile")}", "--headless", "--norestore", "--nologo",
                         "--convert-to", "pdf", "--outdir", dir.FullName, input })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi) ?? throw new PdfUnavailableException();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Limit);
            var stdout = p.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = p.StandardError.ReadToEndAsync(timeout.Token);
            try { await p.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                throw new DomainException("format", "生成 PDF 超时，请稍后重试或下载 Word 版");
            }
            var pdf = Path.Combine(dir.FullName, "form.pdf");
            if (p.ExitCode != 0 || !File.Exists(pdf))
            {
                log.LogWarning("soffice exited {Code}: {Out} {Err}", p.ExitCode, await stdout, await stderr);
                throw new DomainException("format", "生成 PDF 失败，请下载 Word 版");
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            Gate.Release();
            try { dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private const string FontAliases = """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
        <fontconfig>
          <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
          <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
          <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
          <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
          <alias binding="same"><family>FangSong</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
        </fontconfig>
        """;

    private static string? Find(string? configured)
    {
        if (configured is not null) return configured.Length > 0 && File.Exists(configured) ? configured : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "soffice", "libreoffice" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return File.Exists("/usr/lib/libreoffice/program/soffice") ? "/usr/lib/libreoffice/program/soffice" : null;
    }
}

/// <summary>PDF was asked for and the server cannot make it: 501 with the reason.</summary>
public sealed class PdfUnavailableException() : Exception(PdfConverter.Unavailable);
