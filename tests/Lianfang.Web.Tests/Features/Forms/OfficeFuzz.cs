using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Lianfang.Web.Office;
using Lianfang.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// Damages Word and Excel files the ways files get damaged (bit flips, truncation, swapped zip entries, damaged XML) and
/// runs each through an import: it must end in rows, row problems or <see cref="BadFileException"/> — never another
/// exception, never a long parse. Shared by the fuzz of every import that takes a file.
/// </summary>
public static class OfficeFuzz
{
    /// <summary>LIANFANG_FUZZ_SEED replays or varies a run; the default is fixed so failures reproduce.</summary>
    public static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("LIANFANG_FUZZ_SEED"), out var s) ? s : 20260323;
    public static readonly TimeSpan MaxParse = TimeSpan.FromSeconds(2);
    public const string BadFile = "bad file";

    public sealed record Mutant(string Name, int Index, string Kind, byte[] Bytes);

    /// <summary>The first mutant of each file, kind and outcome, to replay elsewhere (e.g. over HTTP).</summary>
    public sealed record Sample(Mutant Mutant, string Outcome);

    /// <summary>
    /// The bad files of a run, each posted to the import at <paramref name="url"/>: a 400 with a Chinese message every time,
    /// and <paramref name="count"/> (rows and audit events) the same after all of them.
    /// </summary>
    public static async Task PostRefusedAsync<T>(HttpClient client, string url, IReadOnlyList<Sample> samples, int atLeast, Func<Task<T>> count, ITestOutputHelper output)
    {
        var bad = samples.Where(s => s.Outcome == BadFile).Select(s => s.Mutant).ToList();
        Assert.True(bad.Count >= atLeast, $"only {bad.Count} kinds of bad file");
        var before = await count();
        foreach (var m in bad)
        {
            var content = new MultipartFormDataContent { { new ByteArrayContent(m.Bytes), "file", m.Name } };
            var problem = await client.PostAsync(url, content).Expect(System.Net.HttpStatusCode.BadRequest);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(before, await count());
        output.WriteLine($"{bad.Count} bad files posted: {string.Join("; ", bad.Select(m => $"{m.Name} {m.Kind}"))}");
    }

    public static async Task<List<Sample>> RunAsync(IEnumerable<(string Name, byte[] File)> seeds, int perSeed, Func<Mutant, Task<string>> import, ITestOutputHelper output)
    {
        var total = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>();
        var samples = new Dictionary<(string, string, string), Sample>();
        var files = 0;
        foreach (var (name, file) in seeds)
            foreach (var m in Mutants(name, file, perSeed))
            {
                files++;
                var watch = Stopwatch.StartNew();
                string outcome;
                try { outcome = await import(m); }
                catch (BadFileException) { outcome = BadFile; }
                catch (Exception e)
                {
                    Assert.Fail($"{m.Name} mutation {m.Index} ({m.Kind}) threw {e.GetType().Name}: {e.Message} — file kept at {Save(m)}\n{e.StackTrace}");
                    throw;
                }
                if (watch.Elapsed >= MaxParse) Assert.Fail($"{m.Name} mutation {m.Index} ({m.Kind}) took {watch.Elapsed} — file kept at {Save(m)}");
                outcomes[$"{m.Kind}: {outcome}"] = outcomes.GetValueOrDefault($"{m.Kind}: {outcome}") + 1;
                samples.TryAdd((m.Name, m.Kind, outcome), new Sample(m, outcome));
            }
        foreach (var (k, n) in outcomes.OrderBy(p => p.Key)) output.WriteLine($"{k}: {n}");
        output.WriteLine($"{files} files in {total.Elapsed} (seed {Seed})");
        // The mutations reach past the zip layer into the parsers.
        Assert.Contains(outcomes.Keys, k => !k.EndsWith(BadFile));
        return [.. samples.Values];
    }

    /// <summary>The mutants of one file, the same on every run with the same seed.</summary>
    public static IEnumerable<Mutant> Mutants(string name, byte[] original, int count)
    {
        var entries = Entries(original);
        var random = new Random(Seed ^ name.Length * 7919 ^ name[0]);
        for (var i = 0; i < count; i++)
        {
            var (kind, bytes) = Mutate(original, entries, random, i);
            yield return new Mutant(name, i, kind, bytes);
        }
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

    private static string Save(Mutant m)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lianfang-fuzz");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{m.Index}-{m.Name}");
        File.WriteAllBytes(path, m.Bytes);
        return path;
    }
}
