using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Lianfang.Web.Features.Forms;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// Mutated Word and Excel files (bit flips, truncation, swapped zip entries, damaged XML) must end in points, row
/// problems or <see cref="BadFileException"/>: never another exception, never a long parse.
/// </summary>
public class FormFuzzTests(ITestOutputHelper output)
{
    private const int PerSeed = 800;
    /// <summary>LIANFANG_FUZZ_SEED replays or varies a run; the default is fixed so failures reproduce.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("LIANFANG_FUZZ_SEED"), out var s) ? s : 20260323;
    private static readonly TimeSpan MaxParse = TimeSpan.FromSeconds(2);

    private static readonly (string Name, string Scheme, Func<byte[]> Make)[] Seeds =
    [
        ("list.docx", "shaoxing-health-2018", SeedForms.HealthListDocx),
        ("list.xlsx", "shaoxing-health-2018", () => SeedForms.HealthListXlsx()),
        ("unit.docx", "sanjiang-2019", SeedForms.UnitRegistrationReviewedDocx),
        ("post.xlsx", "sanjiang-2019", SeedForms.PostRegistrationReviewedXlsx),
    ];

    [Fact]
    public void Mutated_files_never_escape_as_anything_but_a_bad_file_and_parse_quickly()
    {
        var total = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>();
        foreach (var (name, scheme, make) in Seeds)
        {
            var original = make();
            var entries = Entries(original);
            var random = new Random(Seed ^ name.Length * 7919 ^ name[0]);
            for (var i = 0; i < PerSeed; i++)
            {
                var (kind, bytes) = Mutate(original, entries, random, i);
                var watch = Stopwatch.StartNew();
                string outcome;
                try
                {
                    var parse = FormCheck.Parse(bytes, name, scheme);
                    outcome = parse.Issues.Count > 0 ? "issues" : "points";
                }
                catch (BadFileException) { outcome = "bad file"; }
                catch (Exception e)
                {
                    var path = Save(bytes, name, i);
                    Assert.Fail($"{name} mutation {i} ({kind}) threw {e.GetType().Name}: {e.Message} — file kept at {path}\n{e.StackTrace}");
                    throw;
                }
                Assert.True(watch.Elapsed < MaxParse, $"{name} mutation {i} ({kind}) took {watch.Elapsed}");
                outcomes[$"{kind}: {outcome}"] = outcomes.GetValueOrDefault($"{kind}: {outcome}") + 1;
            }
        }
        foreach (var (k, n) in outcomes.OrderBy(p => p.Key)) output.WriteLine($"{k}: {n}");
        output.WriteLine($"{Seeds.Length * PerSeed} files in {total.Elapsed} (seed {Seed})");
        // The mutations reach past the zip layer into the parsers.
        Assert.Contains(outcomes.Keys, k => k.EndsWith("points") || k.EndsWith("issues"));
    }

    private static List<(string Name, byte[] Content)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return (e.FullName, ms.ToArray());
        }).ToList();
    }

    private static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
            foreach (var (name, content) in entries)
                using (var s = zip.CreateEntry(name).Open()) s.Write(content);
        return ms.ToArray();
    }

    private static readonly string[] Junk =
    [
        "<w:gridSpan w:val=\"2147483647\"/>", "<w:vMerge/>", "<w:gridBefore w:val=\"-5\"/>", "<w:tbl><w:tr><w:tc><w:tbl>", "</w:tc></w:tr>",
        "<c r=\"XFD1048576\" t=\"s\"><v>99999999</v></c>", "<c r=\"A0\"><v>NaN</v></c>", "<mergeCell ref=\"A1:XFD1048576\"/>", "<row r=\"-1\">",
        "<si><t>风险等级</t></si>", "&#0;", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "<w:t>重要</w:t>", "r=\"ZZZZ99999999999\"", "t=\"inlineStr\"",
    ];

    private static (string Kind, byte[] Bytes) Mutate(byte[] original, List<(string Name, byte[] Content)> entries, Random random, int i)
    {
        switch (i % 4)
        {
            case 0:
            {
                var bytes = (byte[])original.Clone();
                for (var n = random.Next(1, 9); n > 0; n--) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ("bit flips", bytes);
            }
            case 1:
                return ("truncated", original[..random.Next(original.Length)]);
            case 2:
            {
                var copy = entries.ToList();
                var (a, b) = (random.Next(copy.Count), random.Next(copy.Count));
                (copy[a], copy[b]) = ((copy[a].Name, copy[b].Content), (copy[b].Name, copy[a].Content));
                return ("entries swapped", Zip(copy));
            }
            default:
            {
                var copy = entries.ToList();
                var xml = copy.Select((e, k) => (e, k)).Where(x => x.e.Name.EndsWith(".xml") || x.e.Name.EndsWith(".rels")).ToList();
                var (target, index) = xml[random.Next(xml.Count)];
                var text = Encoding.UTF8.GetString(target.Content);
                var at = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text.Remove(at, Math.Min(random.Next(1, 200), text.Length - at)),
                    1 => text.Insert(at, Junk[random.Next(Junk.Length)]),
                    _ => text.Insert(at, text.Substring(at, Math.Min(random.Next(1, 2000), text.Length - at))),
                };
                copy[index] = (target.Name, Encoding.UTF8.GetBytes(text));
                return ($"xml of {target.Name.Split('/')[^1]}", Zip(copy));
            }
        }
    }

    private static string Save(byte[] bytes, string name, int i)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lianfang-fuzz");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{i}-{name}");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
