namespace Lianfang.Web.Tests.Architecture;

/// <summary>Cycles in a folder → folder graph.</summary>
public static class FolderGraph
{
    /// <summary>The folders that reach each other (strongly connected components of two or more), largest first.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.Where(e => e.From != e.To).GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order().ToList());
        var nodes = next.Keys.Concat(next.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<IReadOnlyList<string>>();
        void Visit(string v) // Tarjan
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) found.Add(component.Order(StringComparer.Ordinal).ToList());
        }
        foreach (var v in nodes) if (!index.ContainsKey(v)) Visit(v);
        return found.OrderByDescending(c => c.Count).ThenBy(c => c[0], StringComparer.Ordinal).ToList();
    }

    /// <summary>The edges that lie on a cycle: both ends in one component (every such edge closes a loop).</summary>
    public static IReadOnlyList<(string From, string To)> EdgesOnCycles(IEnumerable<(string From, string To)> edges)
    {
        var list = edges.Where(e => e.From != e.To).Distinct().ToList();
        var component = new Dictionary<string, int>();
        var cycles = Cycles(list);
        for (var i = 0; i < cycles.Count; i++) foreach (var v in cycles[i]) component[v] = i;
        return list.Where(e => component.TryGetValue(e.From, out var a) && component.TryGetValue(e.To, out var b) && a == b)
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ToList();
    }
}
