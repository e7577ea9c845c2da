using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features;

/// <summary>The app as a newcomer starts it: a real process on a fresh SQLite file, no admin password given.</summary>
[Collection("sqlite")]
public sealed partial class StartupProcessTests
{
    [Fact]
    public async Task A_first_start_creates_the_database_and_prints_a_generated_admin_password_once()
    {
        var dir = Directory.CreateTempSubdirectory("lianfang-start").FullName;
        try
        {
            var (output, _) = await StartUntil(dir, "初始密码");
            // the three administrators (三员), each with a password of its own, printed once
            var passwords = Password().Matches(output).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(3, passwords.Distinct().Count());
            Assert.All(passwords, p => Assert.Equal(16, p.Length));
            foreach (var account in new[] { "系统管理员：admin", "安全管理员：secadmin", "审计管理员：auditor" }) Assert.Contains(account, output);
            var password = passwords[0];
            Assert.True(File.Exists(Path.Combine(dir, "data", "lianfang.db")));

            var (second, port) = await StartUntil(dir, "Application started");
            Assert.DoesNotContain("初始密码", second);
            using var http = new HttpClient();
            var res = await http.PostAsync($"http://127.0.0.1:{port}/api/v1/auth/token",
                new StringContent($$"""{"userName":"admin","password":"{{password}}"}""", System.Text.Encoding.UTF8, "application/json"));
            // the printed password is a one-time one: it gets no token until changed on the page (the second factor comes next)
            Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
            Assert.Contains("须先修改密码", await res.Content.ReadAsStringAsync());
            var login = await http.GetAsync($"http://127.0.0.1:{port}/Account/Login");
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        finally
        {
            foreach (var p in _running) { try { p.Kill(true); p.WaitForExit(); } catch (InvalidOperationException) { } }
            Directory.Delete(dir, true);
        }
    }

    private readonly List<Process> _running = [];

    /// <summary>Starts the app with its content root in <paramref name="dir"/>; returns its output up to a marker line.</summary>
    private async Task<(string Output, int Port)> StartUntil(string dir, string marker)
    {
        foreach (var p in _running) { p.Kill(true); p.WaitForExit(); }
        var port = AppProcess.FreePort();
        var psi = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", dir])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var v in new[] { "LIANFANG_ADMIN_PASSWORD", "LIANFANG_SECURITY_ADMIN_PASSWORD", "LIANFANG_AUDITOR_PASSWORD", "Lianfang__Security__MfaRequiredFor" }) psi.Environment.Remove(v);
        var process = Process.Start(psi)!;
        _running.Add(process);
        var output = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (line.Contains(marker)) break;
        }
        if (marker != "Application started")
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.Contains("Application started")) output.AppendLine(line);
        return (output.ToString(), port);
    }

    [GeneratedRegex("初始密码[^：]*：(\\S+)")]
    private static partial Regex Password();
}
