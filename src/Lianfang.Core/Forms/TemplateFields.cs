using System.Text.RegularExpressions;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Forms;

/// <summary>Where a placeholder's value comes from: the list's header, the row of a point, the line of a measure, a signature.</summary>
public enum PlaceholderKind { Header, Point, Measure, Signature }

/// <param name="Name">As typed in the template between {{ and }}, e.g. 单位, 风险点.描述, 签字.本人.日期.</param>
/// <param name="Column">For a point field, the form column it fills (its value is the built-in form's cell).</param>
public sealed record TemplateField(string Name, PlaceholderKind Kind, string Meaning, FormField? Column = null);

/// <summary>
/// The placeholders a unit types into its own Word/Excel form: <c>{{单位}}</c> for a header field, <c>{{风险点.描述}}</c> in the
/// one table row that repeats for each point, <c>{{措施.内容}}</c> to repeat it for each measure instead, and
/// <c>{{签字.处室负责人.日期}}</c> for a signature. Full-width braces and dots (Chinese input) read the same.
/// </summary>
public static partial class TemplateFields
{
    public const string PointPrefix = "风险点.";
    public const string MeasurePrefix = "措施.";
    public const string SignaturePrefix = "签字.";
    /// <summary>The opinion rows closing the built-in form's table, in order (意见栏1 …).</summary>
    public const string OpinionPrefix = "意见栏";
    public const int MaxOpinions = 9;

    public static readonly IReadOnlyList<TemplateField> Header =
    [
        new("表名", PlaceholderKind.Header, "表格标题，与内置表格相同（写明县名的标题只对该县单位保留县名）"),
        new("清单", PlaceholderKind.Header, "清单名称"),
        new("单位", PlaceholderKind.Header, "单位；处室的个人、岗位清单为“单位 处室”"),
        new("填报单位", PlaceholderKind.Header, "清单所属的单位或处室"),
        new("上级单位", PlaceholderKind.Header, "清单所属单位的上级单位"),
        new("排查", PlaceholderKind.Header, "排查名称"),
        new("年度", PlaceholderKind.Header, "排查年度"),
        new("姓名", PlaceholderKind.Header, "个人清单的本人；处室、单位清单的负责人"),
        new("职务", PlaceholderKind.Header, "姓名一栏的人的职务"),
        new("岗位", PlaceholderKind.Header, "岗位名称"),
        new("岗位职务", PlaceholderKind.Header, "岗位名称与职务"),
        new("任职时间", PlaceholderKind.Header, "姓名一栏的人的任职时间（年月）"),
        new("岗位职责", PlaceholderKind.Header, "岗位职责（组织机构中登记）"),
        new("廉政职责", PlaceholderKind.Header, "岗位或单位的廉政职责（一岗双责）"),
        new("单位职责", PlaceholderKind.Header, "单位或处室的工作职责"),
        new("主要负责人", PlaceholderKind.Header, "单位（处室）主要负责人"),
        new("填表日期", PlaceholderKind.Header, "清单提交之日（尚未提交为导出之日）"),
        new("导出日期", PlaceholderKind.Header, "导出之日"),
        new("状态", PlaceholderKind.Header, "清单状态（草稿、审核中、已审定、已公示）"),
        new("验证码", PlaceholderKind.Header, "最后一次签字的验证码，可在“签字验证”页核验"),
        new("签字行", PlaceholderKind.Header, "表下签字行，与内置表格相同（未签为空白签字处，已签为签字人、日期和验证码）"),
    ];

    public static readonly IReadOnlyList<TemplateField> Point =
    [
        new("风险点.序号", PlaceholderKind.Point, "序号", FormField.Seq),
        new("风险点.类别", PlaceholderKind.Point, "风险类别（相邻行类别相同时合并为一格）", FormField.Category),
        new("风险点.描述", PlaceholderKind.Point, "风险点描述（表内无“表现形式”一栏时含表现形式）", FormField.Description),
        new("风险点.表现形式", PlaceholderKind.Point, "表现形式", FormField.Manifestation),
        new("风险点.等级", PlaceholderKind.Point, "风险等级（表内另有“审定等级”时为自评等级，否则为有效等级）", FormField.Level),
        new("风险点.审定等级", PlaceholderKind.Point, "审定的风险等级", FormField.ApprovedLevel),
        new("风险点.防控措施", PlaceholderKind.Point, "防控措施（逐条编号）", FormField.Measures),
        new("风险点.监督", PlaceholderKind.Point, "监督依据、重点和方式合写", FormField.Supervision),
        new("风险点.监督依据", PlaceholderKind.Point, "监督依据", FormField.SupervisionBasis),
        new("风险点.监督重点", PlaceholderKind.Point, "监督重点", FormField.SupervisionFocus),
        new("风险点.监督方式", PlaceholderKind.Point, "监督方式", FormField.SupervisionMethods),
        new("风险点.责任人", PlaceholderKind.Point, "相关责任人（逐条签字的方案含签字人与验证码）", FormField.Responsible),
        new("风险点.责任领导", PlaceholderKind.Point, "责任领导", FormField.Leader),
        new("风险点.责任部门", PlaceholderKind.Point, "责任处室（部门）", FormField.Department),
        new("风险点.责任人员", PlaceholderKind.Point, "责任人员", FormField.Persons),
        new("风险点.来源", PlaceholderKind.Point, "排查方式", FormField.Sources),
    ];

    public static readonly IReadOnlyList<TemplateField> Measure =
    [
        new("措施.序号", PlaceholderKind.Measure, "措施在本风险点中的序号"),
        new("措施.内容", PlaceholderKind.Measure, "措施内容"),
        new("措施.类型", PlaceholderKind.Measure, "措施类型（制度建设、教育防范等）"),
        new("措施.阶段", PlaceholderKind.Measure, "前期预防、中期监控或后期处置"),
        new("措施.责任人", PlaceholderKind.Measure, "措施的责任人"),
        new("措施.时限", PlaceholderKind.Measure, "完成时限"),
    ];

    /// <summary>Who signs, as a form names them.</summary>
    public static readonly IReadOnlyList<(string Name, StageActor Actor)> Signers =
    [
        ("本人", StageActor.Holder), ("处室负责人", StageActor.DeptHead), ("分管领导", StageActor.LeaderInCharge),
        ("主要负责人", StageActor.Principal), ("党办", StageActor.PartyOffice), ("派驻纪检", StageActor.Agency),
    ];

    public static readonly IReadOnlyList<(string Name, string Meaning)> SignatureParts =
        [("签字人", "签字人姓名"), ("日期", "签字日期"), ("验证码", "签字验证码"), ("意见", "签字时的意见")];

    public static IReadOnlyList<TemplateField> Signature { get; } =
    [
        .. Signers.SelectMany(s => SignatureParts.Select(p => new TemplateField($"{SignaturePrefix}{s.Name}.{p.Name}", PlaceholderKind.Signature,
            $"{s.Name}最近一次签字的{p.Meaning}（未签为空）"))),
    ];

    public static IReadOnlyList<TemplateField> All { get; } = [.. Header, .. Point, .. Measure, .. Signature];

    private static readonly Dictionary<string, TemplateField> ByName = All.ToDictionary(f => f.Name);

    /// <summary>The field a placeholder names, or null; 意见栏1 … 意见栏9 are the built-in form's opinion rows.</summary>
    public static TemplateField? Find(string name)
    {
        if (ByName.TryGetValue(name, out var f)) return f;
        return OpinionPattern().Match(name) is { Success: true } m && int.Parse(m.Groups[1].Value) is >= 1 and <= MaxOpinions
            ? new TemplateField(name, PlaceholderKind.Header, "内置表格表尾第 N 个意见栏的内容（意见、签字人、验证码和日期）")
            : null;
    }

    public static string Opinion(int n) => $"{OpinionPrefix}{n}";

    /// <summary>The column a point field fills, and the field that fills a column.</summary>
    public static string PointName(FormField column) => Point.First(p => p.Column == column).Name;

    /// <summary>A column header the form readers map back to <paramref name="field"/> (a template's repeating row becomes a form's columns).</summary>
    public static string ColumnName(FormField field) => field switch
    {
        FormField.Seq => "序号",
        FormField.Category => "风险类别",
        FormField.Description => "廉政风险点描述",
        FormField.Manifestation => "表现形式",
        FormField.Level => "风险等级",
        FormField.ApprovedLevel => "风险等级（审定）",
        FormField.Measures => "防控措施",
        FormField.Supervision => "监督方式方法",
        FormField.SupervisionBasis => "监督依据",
        FormField.SupervisionFocus => "监督重点",
        FormField.SupervisionMethods => "监督方法",
        FormField.Responsible => "相关责任人",
        FormField.Leader => "责任领导",
        FormField.Department => "责任处室",
        FormField.Persons => "责任人员",
        FormField.Sources => "排查方式",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>A placeholder as it stands in a text: where it starts, how long it is, and its name normalised.</summary>
    public readonly record struct Found(int Index, int Length, string Name);

    /// <summary>Every placeholder in a text, its name with spaces removed and full-width dots and letters folded.</summary>
    public static IEnumerable<Found> Scan(string text)
    {
        if (text.IndexOf("{{", StringComparison.Ordinal) < 0 && text.IndexOf("｛｛", StringComparison.Ordinal) < 0) yield break;
        foreach (Match m in PlaceholderPattern().Matches(text))
            yield return new Found(m.Index, m.Length, NormalizeName(m.Groups["name"].Value));
    }

    public static bool HasPlaceholder(string text) => Scan(text).Any();

    /// <summary>Replaces each placeholder in a text by its value (unknown names by nothing).</summary>
    public static string Fill(string text, Func<string, string?> value)
    {
        if (!HasPlaceholder(text)) return text;
        return PlaceholderPattern().Replace(text, m => value(NormalizeName(m.Groups["name"].Value)) ?? "");
    }

    public static string NormalizeName(string name) =>
        SchemeText.Normalize(name).Replace('。', '.').Replace('·', '.').Replace('・', '.');

    [GeneratedRegex(@"(?:\{\{|｛｛)(?<name>[^{}｛｝]{1,40}?)(?:\}\}|｝｝)")] private static partial Regex PlaceholderPattern();
    [GeneratedRegex(@"^意见栏(\d)$")] private static partial Regex OpinionPattern();
}
