using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Architecture;

/// <summary>
/// No line of C# under src/ is longer than 160 characters (.editorconfig's max_line_length), counted as characters (a Chinese
/// character is one), not bytes. Generated migrations and build output are not checked, nor is cshtml markup.
/// </summary>
public sealed class LineLengthTests
{
    public const int MaxLength = 160;

    private static readonly HashSet<string> Skipped = new(["Migrations", "bin", "obj", "node_modules"], StringComparer.Ordinal);

    [Fact]
    public void Source_lines_are_at_most_160_characters()
    {
        var src = Path.Combine(Repo.Root, "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(Skipped.Contains))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);

        var tooLong = files
            .SelectMany(f => TooLong(Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();

        if (tooLong.Count > 0)
            Assert.Fail($"{tooLong.Count} line(s) longer than {MaxLength} characters; wrap them:\n{string.Join("\n", tooLong)}");
    }

    [Fact]
    public void A_line_of_161_characters_is_reported()
    {
        var text = "namespace X;\n" + "// " + new string('廉', MaxLength - 3) + "\n" + "// " + new string('防', MaxLength - 2) + "\r\n}";

        var found = TooLong("src/X.cs", text);

        Assert.Equal("src/X.cs:3 (161 characters)", Assert.Single(found));
    }

    /// <summary>Each line of the text longer than <see cref="MaxLength"/> characters, as <c>path:line (N characters)</c>.</summary>
    public static IReadOnlyList<string> TooLong(string path, string text) =>
        text.TrimStart('\uFEFF').Split('\n')
            .Select((line, i) => (Number: i + 1, Length: line.TrimEnd('\r').EnumerateRunes().Count()))
            .Where(l => l.Length > MaxLength)
            .Select(l => $"{path}:{l.Number} ({l.Length} characters)")
            .ToList();
}
