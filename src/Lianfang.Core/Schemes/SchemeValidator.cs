namespace Lianfang.Core.Schemes;

/// <summary>Checks that a (custom) scheme is usable: names present, codes unique, ranks in order, stages defined.</summary>
public static class SchemeValidator
{
    public static void Validate(Scheme s)
    {
        Text.Required(s.Code, "code", "方案代码", 64);
        if (!System.Text.RegularExpressions.Regex.IsMatch(s.Code, "^[a-z0-9][a-z0-9-]*$"))
            throw new DomainException("code", "方案代码只能由小写字母、数字和连字符组成");
        Text.Required(s.Name, "name", "方案名称", 100);
        Unique(s.Categories.Select(c => c.Code), "categories", "风险类别代码");
        Unique(s.Categories.Select(c => c.Name), "categories", "风险类别名称");
        if (s.Categories.Count == 0) throw new DomainException("categories", "方案至少需要一个风险类别");
        if (s.Categories.Any(c => c.Code == Scheme.UnclassifiedCode)) throw new DomainException("categories", $"类别代码“{Scheme.UnclassifiedCode}”为系统保留（未分类）");
        if (s.Levels.Any(l => l.Code == Scheme.UnratedCode)) throw new DomainException("levels", $"等级代码“{Scheme.UnratedCode}”为系统保留（未定级）");
        foreach (var (c, i) in s.Categories.Select((c, i) => (c, i)))
        {
            Text.Required(c.Code, $"categories[{i}].code", "类别代码", 64);
            Text.Required(c.Name, $"categories[{i}].name", "类别名称", 100);
        }
        if (s.Levels.Count == 0) throw new DomainException("levels", "方案至少需要一个风险等级");
        Unique(s.Levels.Select(l => l.Code), "levels", "风险等级代码");
        if (!s.Levels.Select(l => l.Rank).Order().SequenceEqual(Enumerable.Range(1, s.Levels.Count)))
            throw new DomainException("levels", "风险等级的 rank 应为 1 到 N（1 为最高）");
        if (s.ListKinds.Count == 0) throw new DomainException("listKinds", "方案至少需要一种清单");
        foreach (var (k, i) in s.ListKinds.Select((k, i) => (k, i)))
        {
            if (k.Stages.Count == 0) throw new DomainException($"listKinds[{i}].stages", $"“{k.Name}”没有审核环节");
            Unique(k.Stages.Select(st => st.Code), $"listKinds[{i}].stages", "审核环节代码");
            if (k.Categories.FirstOrDefault(c => s.Category(c) is null) is { } unknown)
                throw new DomainException($"listKinds[{i}].categories", $"“{k.Name}”引用了不存在的风险类别“{unknown}”");
            if (k.Stages.Count(st => st.SetsLevels) > 1) throw new DomainException($"listKinds[{i}].stages", $"“{k.Name}”只能有一个审定风险等级的环节（setsLevels）");
            if (k.Stages.FirstOrDefault(st => st.SetsLevels && st.Actor == StageActor.Holder) is { } self)
                throw new DomainException($"listKinds[{i}].stages", $"“{self.Name}”由本人办理，不能审定风险等级");
            if (k.Stages.FirstOrDefault(st => st.SetsLevels && !st.Signed) is { } unsigned)
                throw new DomainException($"listKinds[{i}].stages", $"审定风险等级的环节“{unsigned.Name}”必须签字");
        }
        foreach (var (f, i) in s.Forms.Select((f, i) => (f, i)))
            if (f.Categories?.FirstOrDefault(c => s.Category(c) is null) is { } unknown)
                throw new DomainException($"forms[{i}].categories", $"表式“{f.Title}”引用了不存在的风险类别“{unknown}”");
        foreach (var (f, i) in s.Forms.Select((f, i) => (f, i)))
        {
            if (f.NumberedRows is < 1 or > 10) throw new DomainException($"forms[{i}].numberedRows", $"表式“{f.Title}”的 numberedRows 应在 1–10 之间");
            if (f.DateLineParts() is { } date && SchemeText.Normalize(date.Blank) is not ("年月" or "年月日"))
                throw new DomainException($"forms[{i}].dateLine", $"表式“{f.Title}”的日期行应写作“填表时间：　　年　月”或“填表日期：　　年　月　日”");
        }
        foreach (var (f, i) in s.Forms.Select((f, i) => (f, i)))
            foreach (var (code, name) in f.CategoryNames ?? new Dictionary<string, string>())
                if (Forms.FormLookup.Category(s, name)?.Code != code)
                    throw new DomainException($"forms[{i}].categoryNames", $"表式“{f.Title}”把类别“{code}”印作“{name}”，但导入时读不回这一类别：请把“{name}”加为该类别的别名（aliases）");
        foreach (var (f, i) in s.Forms.Select((f, i) => (f, i)))
            foreach (var line in f.Countersign)
            {
                if (!f.Signatures.Contains(line)) throw new DomainException($"forms[{i}].countersign", $"表式“{f.Title}”没有签字栏“{line}”");
                if (Forms.SignatureLines.ActorOf(line) is null or StageActor.Holder)
                    throw new DomainException($"forms[{i}].countersign", $"表式“{f.Title}”的“{line}”看不出由谁签字（如分管领导、主要负责人）");
            }
        RuleKinds.Validate(s);
        ValidateAssessment(s);
        if (s.Matrix is { } m)
        {
            if (m.Cells.Count != m.Likelihoods.Count || m.Cells.Any(r => r.Count != m.Harms.Count))
                throw new DomainException("matrix", "等级矩阵的行列数与可能性、危害程度的个数不符");
            if (m.Cells.SelectMany(r => r).FirstOrDefault(c => s.Level(c) is null) is { } bad)
                throw new DomainException("matrix", $"等级矩阵引用了不存在的等级“{bad}”");
        }
    }

    private static readonly string[] AssessmentRules =
        [RuleKinds.QuarterlySelfAssessment, RuleKinds.AnnualAssessment, RuleKinds.AssessmentGrades, RuleKinds.AssessmentFollowUp];

    private static void ValidateAssessment(Scheme s)
    {
        if (s.Assessment is not { } a)
        {
            if (s.Rules.FirstOrDefault(r => AssessmentRules.Contains(r.Kind)) is { } needs)
                throw new DomainException("assessment", $"规则 {needs.Kind} 须有方案的考核标准（assessment.criteria）");
            return;
        }
        if (a.Of is not (ListScope.Unit or ListScope.Post)) throw new DomainException("assessment.of", "考核对象只能是 Unit（单位）或 Post（岗位）");
        if (a.By is not (StageActor.Commission or StageActor.LeadingGroup))
            throw new DomainException("assessment.by", "考核由 Commission（纪委监委或派驻机构）或 LeadingGroup（本单位领导小组）进行");
        if (a.Criteria.Count is 0 or > 20) throw new DomainException("assessment.criteria", "考核标准应有 1–20 项");
        foreach (var (c, i) in a.Criteria.Select((c, i) => (c, i)))
        {
            Text.Required(c.Text, $"assessment.criteria[{i}].text", "考核标准", 500);
            if (c.Max is < 1 or > 100) throw new DomainException($"assessment.criteria[{i}].max", $"第 {i + 1} 项考核标准的分值应在 1–100 之间");
        }
    }

    private static void Unique(IEnumerable<string> values, string field, string label)
    {
        var dup = values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new DomainException(field, $"{label}“{dup.Key}”重复");
    }
}
