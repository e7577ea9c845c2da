using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Forms;

/// <summary>Levels and categories as forms write them, matched against a scheme; and a category read from the text itself.</summary>
public static partial class FormLookup
{
    /// <summary>"重 要", "一级风险", "1级", "Ⅱ级", "二级（效能监察监控）", "未定级" → the scheme's level.</summary>
    public static RiskLevelDef? Level(Scheme scheme, string? text)
    {
        var t = SchemeText.Normalize(text);
        if (t.Length == 0) return null;
        if (t == "未定级") return scheme.Level(Scheme.UnratedCode);
        foreach (var candidate in Variants(t))
            if (scheme.FindLevel(candidate) is { } l) return l;
        return null;
    }

    private static IEnumerable<string> Variants(string t)
    {
        yield return t;
        var stripped = Bracketed().Replace(t, "");
        yield return stripped;
        foreach (var suffix in new[] { "风险点", "风险", "等级", "级别" })
            if (stripped.EndsWith(suffix) && stripped.Length > suffix.Length) yield return stripped[..^suffix.Length];
        var digits = Digit().Replace(stripped, m => m.Value switch
        {
            "1" or "Ⅰ" or "I" => "一", "2" or "Ⅱ" or "II" => "二", "3" or "Ⅲ" or "III" => "三", "4" or "Ⅳ" or "IV" => "四", _ => m.Value,
        });
        if (digits != stripped) { yield return digits; yield return digits.Replace("级风险", "级"); }
    }

    /// <summary>"1．思想道德风险点", "一、决策风险", "思\n想\n道\n德\n风\n险", "未分类" → the scheme's category (aliases included).</summary>
    public static RiskCategoryDef? Category(Scheme scheme, string? text)
    {
        var t = SchemeText.Normalize(text);
        t = CategoryNumber().Replace(t, "").TrimEnd('：', ':');
        if (t == "未分类") return Scheme.Unclassified;
        t = t.TrimEnd('类');
        if (t.Length == 0) return null;
        if (t.EndsWith("风险点")) t = t[..^1];
        return scheme.FindCategory(t) ?? scheme.FindCategory(Bracketed().Replace(t, ""));
    }

    /// <summary>
    /// The category the text clearly names: the category's name or an alias ("决策风险", "作风问题廉洁风险"), or a term its
    /// definition puts in quotes (“三重一大”, “四风”, “围猎”). Only when exactly one category is named; otherwise null.
    /// </summary>
    public static string? InferCategory(Scheme scheme, string? text)
    {
        var t = SchemeText.Normalize(text);
        if (t.Length == 0) return null;
        var hits = TermsOf.GetValue(scheme, AllTerms).Where(c => c.Terms.Any(t.Contains)).Select(c => c.Code).Distinct().ToList();
        return hits.Count == 1 ? hits[0] : null;
    }

    // Asked for every imported row: the terms are worked out once per scheme object, not once per row (≈40 KB of garbage a row).
    private static readonly ConditionalWeakTable<Scheme, List<(string Code, string[] Terms)>> TermsOf = [];

    private static List<(string Code, string[] Terms)> AllTerms(Scheme scheme) =>
        scheme.Categories.Select(c => (c.Code, Terms(scheme, c).ToArray())).ToList();

    private static IEnumerable<string> Terms(Scheme scheme, RiskCategoryDef c)
    {
        var names = new[] { c.Name }.Concat(c.Aliases).Select(SchemeText.Normalize).Where(n => n.Length >= 2).ToList();
        foreach (var n in names)
        {
            yield return n;
            var stem = n.Replace("廉洁风险", "").Replace("廉政风险", "").Replace("风险", "").Replace("(", "").Replace(")", "");
            // "岗位" or "制度" alone say little; "岗位风险", "制度廉洁风险" say it.
            if (stem.Length >= 2 && stem != n) { yield return stem + "风险"; yield return stem + "廉洁风险"; yield return stem + "廉政风险"; }
        }
        foreach (Match m in Quoted().Matches(c.Definition ?? ""))
        {
            var q = SchemeText.Normalize(m.Groups[1].Value);
            // A term quoted in two definitions (“以权谋私”) names neither.
            if (q.Length >= 2 && !scheme.Categories.Any(o => o.Code != c.Code && (o.Definition ?? "").Contains(m.Groups[1].Value))) yield return q;
        }
    }

    [GeneratedRegex(@"[（(][^（）()]*[）)]")] private static partial Regex Bracketed();
    [GeneratedRegex(@"III|II|IV|I|[1-4Ⅰ-Ⅳ]")] private static partial Regex Digit();
    [GeneratedRegex(@"^(?:[（(]?[0-9一二三四五六七八九十]{1,3}[）)]|[0-9一二三四五六七八九十]{1,3}[．.、,，])")] private static partial Regex CategoryNumber();
    [GeneratedRegex(@"“([^“”]{2,12})”")] private static partial Regex Quoted();
}
