namespace Lianfang.Core.Powers;

/// <summary>One step of a power's exercise: 办理主体、条件、程序、期限、监督方式.</summary>
public sealed record FlowStep(string Key, string Name, string? Actor = null, string? Conditions = null, string? Procedure = null,
    string? TimeLimit = null, string? Supervision = null);

/// <summary>From one step to the next; a back edge (退回补正) may point upstream, every other edge goes forward.</summary>
public sealed record FlowEdge(string From, string To, string? Label = null, bool Back = false);

/// <summary>权力运行流程图: steps and edges, starting at the first step, with branches.</summary>
public sealed record PowerFlow(IReadOnlyList<FlowStep> Steps, IReadOnlyList<FlowEdge> Edges)
{
    public static readonly PowerFlow Empty = new([], []);
    public const int MaxSteps = 60;

    /// <summary>Checks the flow and throws with every problem named: missing or doubled keys, dangling edges, cycles, unreachable steps.</summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0) throw new DomainException(problems[0].Field, string.Join("；", problems.Select(p => p.Message)));
    }

    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (Steps.Count > MaxSteps) yield return ("steps", $"流程步骤不能超过 {MaxSteps} 个");
        var keys = new HashSet<string>();
        for (var i = 0; i < Steps.Count; i++)
        {
            var s = Steps[i];
            if (string.IsNullOrWhiteSpace(s.Key)) yield return ($"steps[{i}].key", $"第 {i + 1} 步缺少编号");
            else if (!keys.Add(s.Key)) yield return ($"steps[{i}].key", $"步骤编号“{s.Key}”重复");
            if (string.IsNullOrWhiteSpace(s.Name)) yield return ($"steps[{i}].name", $"第 {i + 1} 步缺少名称");
        }
        for (var i = 0; i < Edges.Count; i++)
        {
            var e = Edges[i];
            if (!keys.Contains(e.From)) yield return ($"edges[{i}].from", $"连线 {i + 1} 的起点“{e.From}”不存在");
            if (!keys.Contains(e.To)) yield return ($"edges[{i}].to", $"连线 {i + 1} 的终点“{e.To}”不存在");
            if (e.From == e.To) yield return ($"edges[{i}]", $"连线 {i + 1} 首尾是同一步骤");
        }
        if (Steps.Count == 0) yield break;
        var forward = Edges.Where(e => !e.Back && keys.Contains(e.From) && keys.Contains(e.To) && e.From != e.To).ToList();
        if (FindCycle(forward) is { } cycle) yield return ("edges", $"流程存在循环：{string.Join(" → ", cycle)}（退回补正请标为“退回”连线）");
        var reachable = Reachable(Steps[0].Key, Edges.Where(e => e.From != e.To));
        foreach (var s in Steps.Where(s => !string.IsNullOrWhiteSpace(s.Key) && !reachable.Contains(s.Key)))
            yield return ("edges", $"步骤“{s.Name}”从起始步骤“{Steps[0].Name}”无法到达");
    }

    /// <summary>Steps by depth from the start along forward edges (longest path), for drawing.</summary>
    public Dictionary<string, int> Layers()
    {
        var layer = Steps.ToDictionary(s => s.Key, _ => 0);
        var forward = Edges.Where(e => !e.Back && layer.ContainsKey(e.From) && layer.ContainsKey(e.To)).ToList();
        for (var round = 0; round < Steps.Count; round++)
        {
            var changed = false;
            foreach (var e in forward)
                if (layer[e.To] < layer[e.From] + 1) { layer[e.To] = layer[e.From] + 1; changed = true; }
            if (!changed) break;
        }
        return layer;
    }

    private static HashSet<string> Reachable(string start, IEnumerable<FlowEdge> edges)
    {
        var next = edges.ToLookup(e => e.From, e => e.To);
        var seen = new HashSet<string> { start };
        var stack = new Stack<string>([start]);
        while (stack.Count > 0)
            foreach (var n in next[stack.Pop()])
                if (seen.Add(n)) stack.Push(n);
        return seen;
    }

    private static List<string>? FindCycle(List<FlowEdge> edges)
    {
        var next = edges.ToLookup(e => e.From, e => e.To);
        var state = new Dictionary<string, int>(); // 1 = on the path, 2 = done
        var path = new List<string>();
        List<string>? Visit(string n)
        {
            state[n] = 1;
            path.Add(n);
            foreach (var m in next[n])
            {
                if (state.GetValueOrDefault(m) == 1) return [.. path[path.IndexOf(m)..], m];
                if (state.GetValueOrDefault(m) == 0 && Visit(m) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[n] = 2;
            return null;
        }
        foreach (var from in edges.Select(e => e.From).Distinct())
            if (state.GetValueOrDefault(from) == 0 && Visit(from) is { } cycle) return cycle;
        return null;
    }
}
