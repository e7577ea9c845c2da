using Lianfang.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Deployment;

/// <summary>
/// The package on a machine without network (issue 22): unpacked, installed and started inside a network namespace
/// that has loopback only, on SQLite and on PostgreSQL, and the first administrator signs in with the printed password.
/// </summary>
[Collection("package")]
public sealed class OfflineInstallTests(PackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public async Task Unpacked_without_network_it_installs_starts_on_SQLite_and_PostgreSQL_and_the_first_admin_signs_in()
    {
        await Sh.RequireRootAsync("a network namespace (unshare -n)");
        var work = Directory.CreateTempSubdirectory("lianfang-offline").FullName;
        await Sh.RunAsync("chmod", ["755", work]); // the postgres user reaches its data directory inside
        try
        {
            var script = Path.Combine(Repo.Root, "tests", "Lianfang.Web.Tests", "Deployment", "offline-install.sh");
            var (code, log) = await Sh.RunAsync("unshare", ["-n", "--", "bash", script, package.Tarball, work], timeout: TimeSpan.FromMinutes(8));
            Assert.True(code == 0, log);
            Assert.Contains("SQLITE_SIGNED_IN", log);
            Assert.Contains("POSTGRES_SIGNED_IN", log);
            output.WriteLine($"package {Path.GetFileName(package.Tarball)}: {new FileInfo(package.Tarball).Length / 1024 / 1024} MB, built in {package.BuildTime.TotalSeconds:N0} s");
            foreach (var line in log.Split('\n').Where(l => l.StartsWith("unpacked after") || l.StartsWith("installed after") || l.StartsWith("FIRST_PAGE_SECONDS=")))
                output.WriteLine(line);
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }
}
