using System.Diagnostics;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>LibreOffice headless as an independent reader of the files we export (./test.sh installs it).</summary>
public static class LibreOffice
{
    public const string Text = "txt:Text (encoded):UTF8";
    public const string Csv = "csv:Text - txt - csv (StarCalc):44,34,76";

    public static string Program => new[] { "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/usr/local/bin/soffice" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("LibreOffice (soffice) is needed by the export tests: run ./test.sh as root, or apt-get install libreoffice-writer-nogui libreoffice-calc-nogui");

    /// <summary>
    /// Converts the files in one run, with a private profile (parallel runs do not collide) and a time limit. A file saved
    /// in its own format again (docx to docx) lands in the output folder under its own name.
    /// </summary>
    public static async Task<Dictionary<string, string>> ConvertAsync(string filter, string extension, IReadOnlyDictionary<string, byte[]> files)
    {
        var dir = Directory.CreateTempSubdirectory("lianfang-lo-");
        try
        {
            foreach (var (name, bytes) in files) await File.WriteAllBytesAsync(Path.Combine(dir.FullName, name), bytes);
            var psi = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.FullName };
            foreach (var a in new[] { $"-env:UserInstallation=file://{dir.FullName}/profile", "--headless", "--norestore", "--convert-to", filter, "--outdir", Path.Combine(dir.FullName, "out") })
                psi.ArgumentList.Add(a);
            foreach (var name in files.Keys) psi.ArgumentList.Add(Path.Combine(dir.FullName, name));
            using var p = Process.Start(psi)!;
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var err = p.StandardError.ReadToEndAsync(cts.Token);
            await p.StandardOutput.ReadToEndAsync(cts.Token);
            try { await p.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { p.Kill(true); throw new TimeoutException("soffice took more than 3 minutes"); }
            var result = new Dictionary<string, string>();
            foreach (var name in files.Keys)
            {
                var path = Path.Combine(dir.FullName, "out", Path.ChangeExtension(name, extension));
                Assert.True(File.Exists(path), $"LibreOffice did not convert {name}: {await err}");
                // text for txt and csv; other files (pdf, a docx or xlsx saved again) as base64
                result[name] = extension is "txt" or "csv" ? await File.ReadAllTextAsync(path) : Convert.ToBase64String(await File.ReadAllBytesAsync(path));
            }
            return result;
        }
        finally { dir.Delete(true); }
    }

    /// <summary>CSV as LibreOffice writes it: rows of fields (quoted fields may hold commas and line breaks).</summary>
    public static List<string[]> ParseCsv(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
