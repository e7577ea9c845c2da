using Lianfang.Core.Schemes;

namespace Lianfang.Core.Register;

/// <summary>A list goes to review only when every point has a real category and level (imports may leave 未分类 / 未定级).</summary>
public static class Completeness
{
    public static void EnsureReadyToSubmit(IEnumerable<RiskPoint> points)
    {
        var list = points.OrderBy(p => p.Seq).ToList();
        var unclassified = list.Where(p => p.CategoryCode == Scheme.UnclassifiedCode).Select(p => p.Seq).ToList();
        var unrated = list.Where(p => p.LevelCode == Scheme.UnratedCode).Select(p => p.Seq).ToList();
        var problems = new List<string>();
        if (unclassified.Count > 0) problems.Add($"第 {string.Join("、", unclassified)} 条风险点未分类");
        if (unrated.Count > 0) problems.Add($"第 {string.Join("、", unrated)} 条风险点未定级");
        if (problems.Count > 0)
            throw new DomainException("riskPoints", $"{string.Join("，", problems)}，请先选定风险类别和风险等级再提交");
    }
}
