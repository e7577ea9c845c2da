using Lianfang.Core.Schemes;

namespace Lianfang.Core.Register;

/// <summary>The scheme rules that decide whether a list may be submitted or pass a stage (RequiredItems, ResponsibleLeader).</summary>
public static class ListRules
{
    /// <summary>Whether the point has the item (RequiredItems' items: description, measures, supervision, level, responsible).</summary>
    public static bool Has(RiskPoint p, string item) => item switch
    {
        "description" => !string.IsNullOrWhiteSpace(p.Description),
        "measures" => p.Measures.Any(m => !string.IsNullOrWhiteSpace(m.Text)),
        "supervision" => !string.IsNullOrWhiteSpace(p.Supervision.Basis) || !string.IsNullOrWhiteSpace(p.Supervision.Focus)
            || p.Supervision.Methods is { Count: > 0 },
        "level" => p.LevelCode is { Length: > 0 } and not Scheme.UnratedCode,
        "responsible" => !string.IsNullOrWhiteSpace(p.Responsible.Leader) || !string.IsNullOrWhiteSpace(p.Responsible.Department)
            || p.Responsible.Persons is { Count: > 0 },
        _ => true,
    };

    /// <summary>000: 建立包括廉洁风险点、防控措施、监督检查路径、风险等级、相关责任人等内容 — every point has every item before it is submitted.</summary>
    public static void EnsureRequiredItems(Scheme scheme, IEnumerable<RiskPoint> points)
    {
        var items = scheme.RuleList(RuleKinds.RequiredItems, "items");
        if (items.Count == 0) return;
        var gaps = points.OrderBy(p => p.Seq)
            .Select(p => (p.Seq, Missing: items.Where(i => !Has(p, i)).Select(i => FiveItems.Names[i]).ToList()))
            .Where(x => x.Missing.Count > 0).ToList();
        if (gaps.Count > 0)
            throw new DomainException("riskPoints", $"清单须写明{string.Join("、", items.Select(i => FiveItems.Names[i]))}等内容，"
                + string.Join("；", gaps.Take(10).Select(g => $"第 {g.Seq} 条缺少{string.Join("、", g.Missing)}")) + (gaps.Count > 10 ? $" 等 {gaps.Count} 条" : "")
                + "，补全后再提交");
    }

    /// <summary>000 RiskElements: 把握好廉洁风险的危害性、可描述性和可防范性三个要素 — every point was weighed on the three before it is submitted.</summary>
    public static void EnsureElements(Scheme scheme, IEnumerable<RiskPoint> points)
    {
        if (!scheme.Has(RuleKinds.RiskElements)) return;
        var open = points.Where(p => !p.ElementsChecked).OrderBy(p => p.Seq).Select(p => p.Seq).ToList();
        if (open.Count > 0)
            throw new DomainException("riskPoints", $"第 {string.Join("、", open.Take(20))} 条风险点尚未确认已把握危害性、可描述性、可防范性三个要素（导入的风险点须逐条确认），请在风险点中确认后再提交");
    }

    /// <summary>The stages at which the agency checks the items one by one (逐一审核把关): those the agency decides.</summary>
    public static bool ChecksItems(Scheme scheme, ReviewStageDef stage) =>
        stage.Actor == StageActor.Agency && scheme.RuleList(RuleKinds.RequiredItems, "items").Count > 0;

    /// <summary>The agency approves only having confirmed each item; returns the items confirmed, in the scheme's order.</summary>
    public static IReadOnlyList<string> EnsureChecked(Scheme scheme, ReviewStageDef stage, IReadOnlyList<string>? confirmed)
    {
        var items = scheme.RuleList(RuleKinds.RequiredItems, "items");
        var given = (confirmed ?? []).Select(c => FiveItems.Names.FirstOrDefault(n => n.Key == c || n.Value == c).Key ?? c).ToHashSet();
        var open = items.Where(i => !given.Contains(i)).ToList();
        if (open.Count > 0)
            throw new DomainException("checkedItems", $"“{stage.Name}”须对清单五项内容逐一审核把关，尚未确认：{string.Join("、", open.Select(i => FiveItems.Names[i]))}");
        return items;
    }

    /// <summary>The names written as 责任领导 ("孙伟、周丽", "孙伟,周丽").</summary>
    public static IReadOnlyList<string> LeaderNames(Responsible r) =>
        (r.Leader ?? "").Split(['、', ',', '，', ';', '；', ' ', '　', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether the ResponsibleLeader rule applies to the list: every list but a post holder's own 岗位自查, gathered by their department.</summary>
    public static bool NeedsLeader(Scheme scheme, RiskList list) => scheme.Has(RuleKinds.ResponsibleLeader) && list.Scope != ListScope.Person;

    /// <summary>
    /// 明确风险点的责任领导: every point names one, and each name is a person of the unit, so 一岗双责 counts their
    /// inspections and the leader sees the point.
    /// </summary>
    public static void EnsureLeaders(IEnumerable<RiskPoint> points, IReadOnlySet<string> peopleOfUnit)
    {
        var problems = new List<string>();
        foreach (var p in points.OrderBy(p => p.Seq))
        {
            var names = LeaderNames(p.Responsible);
            if (names.Count == 0) problems.Add($"第 {p.Seq} 条未写明责任领导");
            else if (names.FirstOrDefault(n => !peopleOfUnit.Contains(n)) is { } unknown) problems.Add($"第 {p.Seq} 条的责任领导“{unknown}”不是本单位在册人员");
        }
        if (problems.Count > 0)
            throw new DomainException("responsible.leader",
                $"每个风险点须明确责任领导（本单位在册人员的姓名）：{string.Join("；", problems.Take(10))}" +
                $"{(problems.Count > 10 ? $" 等 {problems.Count} 处" : "")}");
    }
}
