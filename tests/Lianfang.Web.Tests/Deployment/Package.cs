using System.Diagnostics;
using System.Text;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Deployment;

/// <summary>
/// The offline package, built once per test run by scripts/package.sh (self-contained publish, the slow part) and
/// shared by every test of the "package" collection; LIANFANG_TEST_PACKAGE names a tarball already built instead.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private string? _built;

    public string Tarball { get; private set; } = "";
    public TimeSpan BuildTime { get; private set; }

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("LIANFANG_TEST_PACKAGE") is { Length: > 0 } given)
        {
            Tarball = given;
            return;
        }
        _built = Directory.CreateTempSubdirectory("lianfang-package").FullName;
        var clock = Stopwatch.StartNew();
        var (code, output) = await Sh.RunAsync("bash", [Path.Combine(Repo.Root, "scripts", "package.sh"), "--out", _built], timeout: TimeSpan.FromMinutes(20));
        BuildTime = clock.Elapsed;
        Assert.True(code == 0, $"scripts/package.sh failed:\n{output}");
        Tarball = Directory.GetFiles(_built, "lianfang-*-linux-x64.tar.gz").Single();
    }

    /// <summary>Unpacks the package into <paramref name="dir"/> and returns the package's own folder (lianfang-VERSION/).</summary>
    public async Task<string> UnpackAsync(string dir)
    {
        var (code, output) = await Sh.RunAsync("tar", ["-xzf", Tarball, "-C", dir]);
        Assert.True(code == 0, output);
        return Directory.GetDirectories(dir, "lianfang-*").Single();
    }

    public Task DisposeAsync()
    {
        if (_built is not null) Directory.Delete(_built, true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition("package")] public sealed class PackageCollection : ICollectionFixture<PackageFixture>;

/// <summary>Runs a program to its end, its output and error together.</summary>
public static class Sh
{
    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, Dictionary<string, string>? env = null,
        TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var (k, v) in env ?? []) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var output = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            lock (output) return (-1, $"{file} timed out after {timeout}:\n{output}");
        }
        p.WaitForExit(); // drains the output events
        lock (output) return (p.ExitCode, output.ToString());
    }

    /// <summary>Fails the test, saying why, unless it runs as root (unshare, installing into system paths; CI runs as root).</summary>
    public static async Task RequireRootAsync(string why)
    {
        var (_, uid) = await RunAsync("id", ["-u"]);
        Assert.True(uid.Trim() == "0", $"{why} needs root (CI runs as root): run the tests as root");
    }
}
