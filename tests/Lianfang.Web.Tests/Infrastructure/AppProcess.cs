using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>
/// The app (or one of its commands) as a real process on a given database, as an operator runs it — so it can be
/// killed with SIGKILL and started again on the same data.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Settings for a database: a SQLite file path, or a PostgreSQL connection string.</summary>
    public static Dictionary<string, string> Settings(Db db, string database) => new()
    {
        ["Database__Provider"] = db.ToString(),
        ["ConnectionStrings__Default"] = db == Db.Sqlite ? $"Data Source={database}" : database,
    };

    public static Task<AppProcess> StartAsync(string contentRoot, Dictionary<string, string> settings) =>
        StartAsync(port => Launch(contentRoot, settings, "--urls", $"http://127.0.0.1:{port}"));

    /// <summary>An installation's own launcher (DIR/bin/lianfang of the offline package), as its operator starts it.</summary>
    public static Task<AppProcess> StartInstalledAsync(string prefix, Dictionary<string, string> settings) =>
        StartAsync(port => LaunchInstalled(prefix, settings, "--urls", $"http://127.0.0.1:{port}"));

    /// <summary>One command of an installation (`migrate`, `verify-audit` …) to its end.</summary>
    public static Task<(int Code, string Output)> RunInstalledAsync(string prefix, Dictionary<string, string> settings, params string[] args) =>
        RunToEndAsync(LaunchInstalled(prefix, settings, args));

    private static async Task<AppProcess> StartAsync(Func<int, Process> launch)
    {
        var port = FreePort();
        var process = launch(port);
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) => { lock (app._output) app._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (app._output) app._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(180); // a first start migrates (and seeds the demo) on a machine that may be busy
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"app exited with {process.ExitCode}:\n{app.Output}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        app.Kill();
        throw new TimeoutException($"app did not become healthy:\n{app.Output}");
    }

    /// <summary>Runs a command (`backup FILE`, `restore FILE`, `verify-audit` …) to its end.</summary>
    public static Task<(int Code, string Output)> RunAsync(string contentRoot, Dictionary<string, string> settings, params string[] args) =>
        RunToEndAsync(Launch(contentRoot, settings, args));

    private static async Task<(int Code, string Output)> RunToEndAsync(Process started)
    {
        using var process = started;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180)); // a migration on a busy machine
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public HttpClient Client(string? token = null)
    {
        var c = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    public async Task<HttpClient> As(string userName, string password = LianfangApp.Password)
    {
        using var anon = Client();
        var res = await anon.Post("/api/v1/auth/token", new { userName, password }).Expect(HttpStatusCode.OK);
        return Client(res.GetProperty("accessToken").GetString());
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a power cut or the OOM killer does.</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static Process Launch(string contentRoot, Dictionary<string, string> settings, params string[] args) =>
        Start(new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. args, "--contentRoot", contentRoot]) { WorkingDirectory = contentRoot }, settings);

    private static Process LaunchInstalled(string prefix, Dictionary<string, string> settings, params string[] args) =>
        Start(new ProcessStartInfo(Path.Combine(prefix, "bin", "lianfang"), args) { WorkingDirectory = prefix }, settings);

    private static Process Start(ProcessStartInfo psi, Dictionary<string, string> settings)
    {
        psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["LIANFANG_ADMIN_PASSWORD"] = LianfangApp.AdminPassword;
        psi.Environment["LIANFANG_SECURITY_ADMIN_PASSWORD"] = LianfangApp.AdminPassword;
        psi.Environment["LIANFANG_AUDITOR_PASSWORD"] = LianfangApp.AdminPassword;
        psi.Environment["Lianfang__Security__MfaRequiredFor"] = "";
        psi.Environment["Lianfang__Security__Password__ChangeInitial"] = "false";
        psi.Environment["Lianfang__LoginPerMinute"] = "100000";
        psi.Environment["Lianfang__Warnings__SweepMinutes"] = "0";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in settings) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>The PostgreSQL client tools of the newest installed version (/usr/lib/postgresql/*/bin).</summary>
public static class PostgresTools
{
    public static string Bin(string tool) =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
            .OrderBy(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).LastOrDefault()
        ?? throw new InvalidOperationException($"{tool} not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)");

    /// <summary>Runs a client tool against the database of <paramref name="connectionString"/>.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string tool, string connectionString, params string[] args)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo(Bin(tool), ["-h", cs.Host!, "-p", cs.Port.ToString(), "-U", cs.Username!, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (cs.Password is { Length: > 0 } pw) psi.Environment["PGPASSWORD"] = pw;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public static void Execute(string sql)
    {
        using var conn = new NpgsqlConnection(PostgresServer.ConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }
}
