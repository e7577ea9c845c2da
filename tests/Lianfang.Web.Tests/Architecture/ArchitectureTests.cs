using Lianfang.Web.Data;

namespace Lianfang.Web.Tests.Architecture;

/// <summary>
/// The directions the Web project's folders may depend in, read from the compiled assembly (<see cref="TypeReferences"/>):
/// Office is a library every feature may use and that uses none of them; Infrastructure and Data reach into features
/// only from the named composition types; and feature folders form no cycle beyond today's, listed below to shrink.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly TypeReferences Scan = TypeReferences.Of(typeof(AppDbContext).Assembly);
    private static readonly IReadOnlyDictionary<(string From, string To), IReadOnlyList<(Type From, Type To)>> Edges = Scan.AreaEdges();

    /// <summary>
    /// Feature → feature edges that close a loop today (issue 19). Untangling a feature removes its lines; a new
    /// edge that closes a loop fails <see cref="Feature_folders_form_no_cycle_beyond_the_known_ones"/>.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownCycleEdges = new()
    {
        ["Account"] = ["Public"],
        ["Complaints"] = ["Supervision"],
        ["Forms"] = ["Account", "Lists", "Org", "Register", "Review", "Schemes"],
        ["IntegrityFiles"] = ["Schemes"],
        ["Letters"] = ["Schemes", "Supervision"],
        ["Lists"] = ["Forms", "Public", "Register", "Review", "Schemes", "Verify"],
        ["Notices"] = ["Account"],
        ["Org"] = ["Account", "IntegrityFiles", "People", "Review", "Supervision"],
        ["People"] = ["Account", "Org", "Supervision"],
        ["Powers"] = ["Register", "Schemes", "Supervision"],
        ["Public"] = ["Lists", "Notices", "Powers", "Schemes"],
        ["Register"] = ["Account", "Org", "Powers", "Review", "Schemes"],
        ["Review"] = ["Account", "Forms", "Lists", "Org", "Register", "Schemes", "Supervision", "Verify"],
        ["Schemes"] = ["Org"],
        ["Supervision"] = ["Account", "Complaints", "Letters", "Lists", "Notices", "Schemes"],
        ["Verify"] = ["Lists"],

    };

    /// <summary>
    /// The types outside Features that may use feature types today: the composition root (endpoints, services, start-up, the
    /// command-line verbs and the one-time fills after migrating, e.g. the 汇总表 rollups),
    /// the seeds, and what still sits in the wrong place (the DbContext's Web-side entities, the grants the current user
    /// reads). Everything else in Infrastructure and Data stays below the features.
    /// </summary>
    private static readonly Dictionary<string, string[]> SharedTypesUsingFeatures = new()
    {
        ["Infrastructure"] = ["Api", "Bootstrap", "Commands", "CurrentUser", "DataSetGenerator", "DemoData", "Startup"],
        ["Data"] = ["AppDbContext", "Database"],
    };

    private static bool IsFeature(string area) => area.StartsWith("Features/", StringComparison.Ordinal);
    private static string Feature(string area) => area["Features/".Length..];

    private static List<(string From, string To)> FeatureEdges() =>
        Edges.Keys.Where(e => IsFeature(e.From) && IsFeature(e.To)).Select(e => (Feature(e.From), Feature(e.To))).ToList();

    private static HashSet<(string From, string To)> Known() =>
        KnownCycleEdges.SelectMany(k => k.Value.Select(to => (k.Key, to))).ToHashSet();

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
    public void Infrastructure_and_Data_use_features_only_from_the_named_types()
    {
        var reaching = Edges.Where(e => SharedTypesUsingFeatures.ContainsKey(e.Key.From) && IsFeature(e.Key.To))
            .SelectMany(e => e.Value.Select(r => (Area: e.Key.From, r.From, r.To))).ToList();
        var unlisted = reaching.Where(u => !SharedTypesUsingFeatures[u.Area].Contains(u.From.Name))
            .Select(u => $"{u.Area}/{u.From.Name} → {u.To.FullName}").Distinct().ToList();
        Assert.True(unlisted.Count == 0, "a shared type reaches up into a feature; move what it needs down (to Office, Infrastructure or Core) or pass it in:\n"
            + string.Join("\n", unlisted));
        var stale = SharedTypesUsingFeatures.SelectMany(k => k.Value.Select(t => (Area: k.Key, Type: t)))
            .Where(l => !reaching.Any(u => u.Area == l.Area && u.From.Name == l.Type)).Select(l => $"{l.Area}/{l.Type}").ToList();
        Assert.True(stale.Count == 0, "these no longer use a feature: take them off SharedTypesUsingFeatures\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Feature_folders_form_no_cycle_beyond_the_known_ones()
    {
        var edges = FeatureEdges();
        Assert.True(edges.Count > 20, "the scan sees the feature folders");
        var fresh = FolderGraph.NewCycleEdges(edges, Known());
        Assert.True(fresh.Count == 0, "these feature → feature references close a new loop; depend on Office, Infrastructure or Core instead, or "
            + "turn the reference around:\n" + string.Join("\n", fresh.Select(Because)));
    }

    [Fact]
    public void The_known_cycles_list_only_edges_that_still_close_a_loop()
    {
        var onCycles = FolderGraph.EdgesOnCycles(FeatureEdges()).ToHashSet();
        var gone = Known().Where(e => !onCycles.Contains(e)).Select(e => $"{e.From} → {e.To}").Order().ToList();
        Assert.True(gone.Count == 0, "untangled, well done: take these off KnownCycleEdges so they cannot come back\n" + string.Join("\n", gone));
    }

    [Fact]
    public void The_cycle_check_fails_on_an_injected_edge()
    {
        var edges = FeatureEdges();
        var onCycles = FolderGraph.EdgesOnCycles(edges).ToHashSet();
        // Reverse an edge that is on no loop today (Reports → Campaigns, say): the pair becomes a new cycle.
        var (from, to) = edges.Where(e => !onCycles.Contains(e)).OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).First();
        Assert.DoesNotContain((to, from), edges);
        var before = FolderGraph.NewCycleEdges(edges, Known());
        var after = FolderGraph.NewCycleEdges([.. edges, (to, from)], Known());
        Assert.Contains((to, from), after.Except(before));
        Assert.Contains((from, to), after.Except(before));
    }

    [Fact]
    public void The_cycle_check_finds_loops_of_any_length_and_only_loops()
    {
        (string, string)[] chain = [("A", "B"), ("B", "C"), ("C", "D"), ("X", "A")];
        Assert.Empty(FolderGraph.Cycles(chain));
        var loop = FolderGraph.NewCycleEdges([.. chain, ("D", "B")], new HashSet<(string, string)>());
        Assert.Equal([("B", "C"), ("C", "D"), ("D", "B")], loop);
        Assert.Empty(FolderGraph.NewCycleEdges([.. chain, ("D", "B")], new HashSet<(string, string)> { ("B", "C"), ("C", "D"), ("D", "B") }));
        Assert.Equal(["B", "C", "D"], Assert.Single(FolderGraph.Cycles([.. chain, ("D", "B")])));
    }
}
