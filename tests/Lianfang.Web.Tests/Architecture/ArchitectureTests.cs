using Lianfang.Web.Data;

namespace Lianfang.Web.Tests.Architecture;

/// <summary>
/// The directions the Web project's folders may depend in, read from the compiled assembly (<see cref="TypeReferences"/>):
/// Office (Word, Excel, PDF) and Shared (the signed-in user and their scope, accounts, reviewers, list titles, page parts)
/// are what features build on and take nothing from them; Infrastructure and Data reach into features only from the named
/// composition types; and feature folders form no cycle: a feature may use a lower one, never one that uses it back.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly TypeReferences Scan = TypeReferences.Of(typeof(AppDbContext).Assembly);
    private static readonly IReadOnlyDictionary<(string From, string To), IReadOnlyList<(Type From, Type To)>> Edges = Scan.AreaEdges();

    /// <summary>
    /// The types in Infrastructure and Data that may use feature types: the composition root (endpoints, services, start-up,
    /// the command-line verbs and the one-time fills after migrating, e.g. the 汇总表 rollups), the seeds, and the DbContext,
    /// which maps the features' own entities. Everything else in Infrastructure and Data stays below the features.
    /// </summary>
    private static readonly Dictionary<string, string[]> CompositionTypes = new()
    {
        ["Infrastructure"] = ["Api", "Bootstrap", "CommandLine", "DataSetGenerator", "DemoData", "Startup"],
        ["Data"] = ["AppDbContext", "Database"],
    };

    private static bool IsFeature(string area) => area.StartsWith("Features/", StringComparison.Ordinal);
    private static string Feature(string area) => area["Features/".Length..];

    private static List<(string From, string To)> FeatureEdges() =>
        Edges.Keys.Where(e => IsFeature(e.From) && IsFeature(e.To)).Select(e => (Feature(e.From), Feature(e.To))).ToList();

    private static string Because((string From, string To) e) =>
        $"{e.From} → {e.To} ({string.Join("; ", Edges[($"Features/{e.From}", $"Features/{e.To}")].Take(4).Select(r => $"{r.From.Name} → {r.To.Name}"))})";

    [Fact]
    public void Office_uses_nothing_else_in_Web()
    {
        var up = Edges.Where(e => e.Key.From == "Office").SelectMany(e => e.Value).Select(r => $"{r.From.Name} → {r.To.FullName}").ToList();
        Assert.True(Scan.References.Any(r => Scan.Area(r.From) == "Office"), "the scan sees the Office folder");
        Assert.True(up.Count == 0, "Office is the Word/Excel/PDF library features build on; it takes nothing from them, Infrastructure or Data:\n" + string.Join("\n", up));
    }

    [Fact]
    public void Shared_uses_no_feature()
    {
        var up = Edges.Where(e => e.Key.From == "Shared" && IsFeature(e.Key.To)).SelectMany(e => e.Value).Select(r => $"{r.From.Name} → {r.To.FullName}").ToList();
        Assert.True(Scan.References.Any(r => Scan.Area(r.From) == "Shared"), "the scan sees the Shared folder");
        Assert.True(up.Count == 0, "Shared is what every feature builds on; it takes nothing from them (move what it needs down, or pass it in):\n" + string.Join("\n", up));
    }

    [Fact]
    public void Infrastructure_and_Data_use_features_only_from_the_named_types()
    {
        var reaching = Edges.Where(e => CompositionTypes.ContainsKey(e.Key.From) && IsFeature(e.Key.To))
            .SelectMany(e => e.Value.Select(r => (Area: e.Key.From, r.From, r.To))).ToList();
        var unlisted = reaching.Where(u => !CompositionTypes[u.Area].Contains(u.From.Name))
            .Select(u => $"{u.Area}/{u.From.Name} → {u.To.FullName}").Distinct().ToList();
        Assert.True(unlisted.Count == 0, "a shared type reaches up into a feature; move what it needs down (to Office, Infrastructure or Core) or pass it in:\n"
            + string.Join("\n", unlisted));
        var stale = CompositionTypes.SelectMany(k => k.Value.Select(t => (Area: k.Key, Type: t)))
            .Where(l => !reaching.Any(u => u.Area == l.Area && u.From.Name == l.Type)).Select(l => $"{l.Area}/{l.Type}").ToList();
        Assert.True(stale.Count == 0, "these no longer use a feature: take them off CompositionTypes\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Feature_folders_form_no_cycle()
    {
        var edges = FeatureEdges();
        Assert.True(edges.Count > 20, "the scan sees the feature folders");
        var loops = FolderGraph.EdgesOnCycles(edges);
        Assert.True(loops.Count == 0, "these feature → feature references close a loop; move what both need down (to Shared, Office or Core), "
            + "or turn the reference around:\n" + string.Join("\n", loops.Select(Because)));
    }

    [Fact]
    public void The_cycle_check_fails_on_an_injected_edge()
    {
        var edges = FeatureEdges();
        // Reverse any edge (the first in order, Account → … say): the pair becomes a loop the check names.
        var (from, to) = edges.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).First();
        Assert.DoesNotContain((to, from), edges);
        var loops = FolderGraph.EdgesOnCycles([.. edges, (to, from)]);
        Assert.Contains((to, from), loops);
        Assert.Contains((from, to), loops);
    }

    [Fact]
    public void The_cycle_check_finds_loops_of_any_length_and_only_loops()
    {
        (string, string)[] chain = [("A", "B"), ("B", "C"), ("C", "D"), ("X", "A")];
        Assert.Empty(FolderGraph.Cycles(chain));
        Assert.Empty(FolderGraph.EdgesOnCycles(chain));
        Assert.Equal([("B", "C"), ("C", "D"), ("D", "B")], FolderGraph.EdgesOnCycles([.. chain, ("D", "B")]));
        Assert.Equal(["B", "C", "D"], Assert.Single(FolderGraph.Cycles([.. chain, ("D", "B")])));
    }
}
