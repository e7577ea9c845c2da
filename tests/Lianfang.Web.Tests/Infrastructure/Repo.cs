namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>The repository the tests run in (the folder holding Lianfang.slnx, above the test binaries).</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lianfang.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (Lianfang.slnx) is not above the test binaries");
    }
}
