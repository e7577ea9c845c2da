using Lianfang.Web.Data;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Architecture;

/// <summary>
/// Prints the folder graph of the compiled Web assembly: feature → feature edges, the cycles among feature folders,
/// and what Infrastructure, Data and the other shared folders take from features. Run it with
/// <c>dotnet test tests/Lianfang.Web.Tests --filter FeatureGraphReport --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class FeatureGraphReport(ITestOutputHelper output)
{
    [Fact]
    public void Prints_the_feature_graph()
    {
        var scan = TypeReferences.Of(typeof(AppDbContext).Assembly);
        var edges = scan.AreaEdges();
        static bool IsFeature(string area) => area.StartsWith("Features/", StringComparison.Ordinal);
        var features = edges.Where(e => IsFeature(e.Key.From) && IsFeature(e.Key.To)).ToList();
        var pairs = features.Select(e => e.Key).ToList();
        var cycles = FolderGraph.Cycles(pairs);
        var onCycles = FolderGraph.EdgesOnCycles(pairs);

        output.WriteLine($"feature folders: {edges.Keys.SelectMany(k => new[] { k.From, k.To }).Where(IsFeature).Distinct().Count()}");
        output.WriteLine($"feature → feature edges: {features.Count} (folder pairs), {features.Sum(e => e.Value.Count)} (type pairs)");
        var code = scan.AreaEdges(views: false).Keys.Where(k => IsFeature(k.From) && IsFeature(k.To)).ToList();
        output.WriteLine($"  without the .cshtml views: {code.Count} edges, cycles among {FolderGraph.Cycles(code).Sum(c => c.Count)} folders");
        output.WriteLine($"feature cycles: {cycles.Count} component(s), {cycles.Sum(c => c.Count)} folders, {onCycles.Count} edges on a cycle");
        foreach (var c in cycles) output.WriteLine($"  cycle: {string.Join(", ", c)}");
        foreach (var (from, to) in onCycles)
            output.WriteLine($"  on a cycle: {from} → {to}  ({Sample(edges[(from, to)])})");
        foreach (var group in edges.Where(e => !IsFeature(e.Key.From) && IsFeature(e.Key.To)).GroupBy(e => e.Key.From).OrderBy(g => g.Key))
        {
            output.WriteLine($"{group.Key} → features: {group.Count()} edges, from {string.Join(", ", group.SelectMany(e => e.Value).Select(r => r.From.Name).Distinct().Order())}");
            foreach (var e in group.OrderBy(e => e.Key.To)) output.WriteLine($"  {e.Key.From} → {e.Key.To}  ({Sample(e.Value)})");
        }
        output.WriteLine("all feature → feature edges:");
        foreach (var e in features.OrderBy(e => e.Key.From).ThenBy(e => e.Key.To)) output.WriteLine($"  {e.Key.From} → {e.Key.To}  ({Sample(e.Value)})");
    }

    private static string Sample(IReadOnlyList<(Type From, Type To)> refs) =>
        string.Join("; ", refs.Take(3).Select(r => $"{r.From.Name} → {r.To.Name}")) + (refs.Count > 3 ? $"; +{refs.Count - 3}" : "");
}
