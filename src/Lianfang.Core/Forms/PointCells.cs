using System.Globalization;
using System.Text.RegularExpressions;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Forms;

/// <summary>
/// How the parts of a risk point are written into a form's cells and read back. Each Format has its Parse, so a
/// file this product exports imports as the same points; the parsers also take what people type by hand.
/// </summary>
public static partial class PointCells
{
    // ---- 风险点描述 (with 表现形式) ----

    public const string ManifestationLabel = "表现形式";

    /// <summary>"description\n表现形式：…". A form without a level column prints no level: its record keeps it (<see cref="FormRecord"/>).</summary>
    public static string FormatDescription(RiskPointContent p)
    {
        var text = p.Description ?? "";
        if (!string.IsNullOrWhiteSpace(p.Manifestation)) text += $"\n{ManifestationLabel}：{p.Manifestation}";
        return text;
    }

    public sealed record DescriptionParts(string Description, string? Manifestation, string? LevelText, string? ApprovedLevelText);

    /// <summary>Splits off a leading item number ("1．"), a "表现形式：" part and a trailing level tag people type ("【二级】", "（重要）").</summary>
    public static DescriptionParts ParseDescription(string? cell, Func<string, bool> isLevel)
    {
        var lines = Lines(cell);
        string? manifestation = null;
        var at = lines.FindIndex(l => ManifestationLine().IsMatch(l));
        if (at >= 0)
        {
            manifestation = string.Join('\n', new[] { ManifestationLine().Replace(lines[at], "") }.Concat(lines.Skip(at + 1))).Trim();
            lines = lines.Take(at).ToList();
        }
        var text = string.Join('\n', lines).Trim();
        text = LeadingNumber().Replace(text, "").Trim();
        if (NumberAlone().IsMatch(text)) text = ""; // "2." that Excel turned into the number 2
        string? level = null, approved = null;
        if (TrailingTag().Match(text) is { Success: true } m)
        {
            var parts = m.Groups[1].Value.Split(['；', ';', '，', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var first = parts.FirstOrDefault() ?? "";
            if (isLevel(first))
            {
                level = first;
                approved = parts.Skip(1).Select(x => x.StartsWith("审定") ? x[2..].TrimStart('：', ':') : null).FirstOrDefault(x => x is not null);
                text = text[..m.Index].TrimEnd();
            }
        }
        return new(text, string.IsNullOrEmpty(manifestation) ? null : manifestation, level, approved);
    }

    // ---- 防控措施 ----

    /// <summary>One numbered line per measure; kind, phase, owner and due date in a trailing 〔…〕 when set.</summary>
    public static string FormatMeasures(IEnumerable<ControlMeasure> measures, bool withTags = true) =>
        string.Join('\n', measures.Select((m, i) => $"{i + 1}．{m.Text}{(withTags ? MeasureTag(m) : "")}"));

    private static string MeasureTag(ControlMeasure m)
    {
        var parts = new List<string>();
        if (m.Kind is { Length: > 0 }) parts.Add(m.Kind);
        if (m.Phase is { Length: > 0 }) parts.Add(m.Phase);
        if (m.Owner is { Length: > 0 }) parts.Add($"责任人：{m.Owner}");
        if (m.Due is { } d) parts.Add($"完成时限：{d:yyyy-MM-dd}");
        return parts.Count == 0 ? "" : $"〔{string.Join("·", parts)}〕";
    }

    /// <summary>Numbered or line-separated measures; a trailing 〔kind·phase·责任人：…·完成时限：…〕 is read when every part fits the scheme.</summary>
    public static IReadOnlyList<ControlMeasure> ParseMeasures(string? cell, Scheme scheme)
    {
        if (IsNone(cell)) return [];
        return MeasureText.Split(cell).Select(item =>
        {
            var m = MeasureTagPattern().Match(item);
            if (!m.Success) return new ControlMeasure(item);
            string? kind = null, phase = null, owner = null;
            DateOnly? due = null;
            foreach (var part in m.Groups[1].Value.Split('·', StringSplitOptions.TrimEntries))
            {
                if (kind is null && scheme.MeasureKinds.Contains(part)) kind = part;
                else if (phase is null && scheme.MeasurePhases.Contains(part)) phase = part;
                else if (part.StartsWith("责任人：") && part.Length > 4) owner = part[4..];
                else if (part.StartsWith("完成时限：")
                         && DateOnly.TryParseExact(part[5..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    due = d;
                else return new ControlMeasure(item); // not our tag: keep the text as written
            }
            return new ControlMeasure(item[..m.Index].TrimEnd(), kind, phase, owner, due);
        }).Where(m => m.Text.Length > 0).ToList();
    }

    // ---- 监督检查路径 ----

    /// <summary>"监督依据：…\n监督重点：…\n监督方法：a、b"; a focus alone is written without its label.</summary>
    public static string FormatSupervision(SupervisionPath? s)
    {
        if (s is null) return "";
        var methods = s.Methods ?? [];
        var lines = new List<string>();
        if (s.Basis is { Length: > 0 }) lines.Add($"监督依据：{s.Basis}");
        if (s.Focus is { Length: > 0 })
            lines.Add(s.Basis is { Length: > 0 } || methods.Count > 0 || LabelAtLineStart(s.Focus) ? $"监督重点：{s.Focus}" : s.Focus);
        if (methods.Count > 0) lines.Add($"监督方法：{string.Join("、", methods)}");
        return string.Join('\n', lines);
    }

    /// <summary>Labelled parts go where they say; text without a label is the 监督重点 (the checks to make).</summary>
    public static SupervisionPath ParseSupervision(string? cell)
    {
        if (IsNone(cell)) return new(null, null, []);
        var parts = Labelled(cell!, SupervisionLabel(), label => label switch
        {
            "监督依据" => "basis",
            "监督方法" or "监督方式" => "methods",
            _ => "focus",
        }, "focus");
        return new SupervisionPath(Join(parts, "basis"), Join(parts, "focus"),
            parts.TryGetValue("methods", out var m) ? SplitNames(string.Join('、', m)) : []);
    }

    // ---- 相关责任人 ----

    /// <summary>The line under 相关责任人 that prints who signed the row (001 注2 逐条逐栏签字); imports skip it.</summary>
    public const string RowSignedLabel = "逐条签字";

    /// <param name="signed">who signed this row, as printed ("王芳（2026-03-20）")</param>
    /// <param name="leaderLabel">
    /// the form's own word for the leader (<see cref="Schemes.FormDef.LeaderLabel"/>); such a form's cell has that line and
    /// 责任人员 only (001 附件1: 处室单位负责人), so the department goes before the leader's name, as people fill it in
    /// ("处室单位负责人：财务处 赵强"), when it reads back as a department
    /// </param>
    public static string FormatResponsible(Responsible? r, IReadOnlyList<string>? signed = null, string? leaderLabel = null)
    {
        if (r is null) return "";
        var lines = new List<string>();
        var department = r.Department is { Length: > 0 } d ? d : null;
        if (leaderLabel is not null && department is not null && IsOrgName(department) && SplitNames(department) is [var one] && one == department)
        {
            lines.Add($"{leaderLabel}：{department}{(r.Leader is { Length: > 0 } ? $" {r.Leader}" : "")}");
            department = null;
        }
        else if (r.Leader is { Length: > 0 }) lines.Add($"{leaderLabel ?? "责任领导"}：{r.Leader}");
        if (department is not null) lines.Add($"责任处室：{department}");
        if (r.Persons is { Count: > 0 }) lines.Add($"责任人员：{string.Join("、", r.Persons)}");
        if (signed is { Count: > 0 }) lines.Add($"{RowSignedLabel}：{string.Join("、", signed)}");
        return string.Join('\n', lines);
    }

    /// <summary>
    /// "处室单位负责人：X\n责任人员：Y、Z", "责任领导：…；责任处室：…", or just "Y、Z": leaders and 负责人 are the
    /// 责任领导 (a department name before the name goes to 责任处室), 人员 are the persons, names without a label too.
    /// </summary>
    public static Responsible ParseResponsible(string? cell)
    {
        // A printed form's signature line is the record of who signed, not a name to take.
        cell = string.Join('\n', Lines(cell).Where(l => !SchemeText.Normalize(l).StartsWith(RowSignedLabel)));
        if (IsNone(cell)) return new(null, null, []);
        string? leader = null, department = null;
        var persons = new List<string>();
        var parts = Labelled(cell!, ResponsibleLabel(), label =>
            label.Contains("人员") || label is "责任人" or "相关责任人" ? "persons"
            : label.Contains("领导") || label.Contains("负责人") ? "leader"
            : "department", "persons");
        foreach (var value in parts.GetValueOrDefault("leader", []))
        {
            var names = SplitNames(value);
            if (names.Count >= 2 && IsOrgName(names[0])) { department ??= names[0]; names = names.Skip(1).ToList(); }
            else if (names.Count == 1 && IsOrgName(names[0])) { department ??= names[0]; continue; }
            if (names.Count > 0) leader = leader is null ? string.Join("、", names) : $"{leader}、{string.Join("、", names)}";
        }
        foreach (var value in parts.GetValueOrDefault("department", []))
            if (!IsNone(value)) department = department is null ? value.Trim() : $"{department}、{value.Trim()}";
        foreach (var value in parts.GetValueOrDefault("persons", [])) persons.AddRange(SplitNames(value));
        return new Responsible(leader, department, persons.Distinct().ToList());
    }

    // ---- 排查方式 ----

    public static string FormatSources(IEnumerable<string>? sources) => string.Join("、", sources ?? []);
    public static IReadOnlyList<string> ParseSources(string? cell) => IsNone(cell) ? [] : SplitNames(cell!);

    // ---- helpers ----

    /// <summary>Cell text as trimmed non-empty lines, runs of spaces collapsed.</summary>
    public static List<string> Lines(string? cell) => (cell ?? "").Replace("\r", "").Split('\n')
        .Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>Cell text tidied: lines trimmed, blank lines dropped.</summary>
    public static string Tidy(string? cell) => string.Join('\n', Lines(cell));

    /// <summary>Blank or a placeholder people put in empty cells.</summary>
    public static bool IsNone(string? cell)
    {
        var t = SchemeText.Normalize(cell).Trim('。', '.', '；', ';');
        return t is "" or "无" or "/" or "／" or "—" or "——" or "-" or "--" or "暂无" or "空";
    }

    public static IReadOnlyList<string> SplitNames(string value) => value
        .Split(['、', ',', '，', ';', '；', '/', '／', ' ', '\u3000', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(n => n.TrimEnd('等', '。')).Where(n => n.Length > 0 && !IsNone(n)).Distinct().ToList();

    private static bool IsOrgName(string s) => s.Length >= 2 && OrgSuffix().IsMatch(s);

    private static bool LabelAtLineStart(string text) => Lines(text).Any(l => SupervisionLabel().IsMatch(l));

    /// <summary>Splits text into labelled parts; lines before the first label (or lines that run on) belong to the last label seen.</summary>
    private static Dictionary<string, List<string>> Labelled(string cell, Regex label, Func<string, string> keyOf, string unlabelledKey)
    {
        var parts = new Dictionary<string, List<string>>();
        string? current = null;
        // Labels may also follow each other on one line: "责任领导：张三；责任人员：李四".
        var lines = Lines(cell).SelectMany(l =>
        {
            var pieces = InlineLabelBreak().Split(l);
            return pieces.Select((p, i) => i < pieces.Length - 1 ? p.Trim().TrimEnd('；', ';') : p.Trim());
        }).Where(l => l.Length > 0);
        foreach (var line in lines)
        {
            var m = label.Match(line);
            string text;
            if (m.Success)
            {
                current = keyOf(SchemeText.Normalize(m.Groups[1].Value));
                text = line[m.Length..].Trim();
            }
            else text = line;
            var key = current ?? unlabelledKey;
            if (!parts.TryGetValue(key, out var list)) parts[key] = list = [];
            if (text.Length > 0) list.Add(text);
        }
        return parts;
    }

    private static string? Join(Dictionary<string, List<string>> parts, string key) =>
        parts.TryGetValue(key, out var l) && l.Count > 0 ? string.Join('\n', l) : null;

    [GeneratedRegex(@"[ \t\u3000]+")] private static partial Regex Spaces();
    [GeneratedRegex(@"^\s*表现形式\s*[：:]\s*")] private static partial Regex ManifestationLine();
    [GeneratedRegex(@"^(?:[（(]\s*[0-9０-９]{1,2}\s*[)）]|[0-9０-９]{1,2}\s*[．.、](?![0-9０-９])|[①-⑳])\s*")] private static partial Regex LeadingNumber();
    [GeneratedRegex(@"^[（(]?[0-9０-９]{1,3}[)）.．、]?$")] private static partial Regex NumberAlone();
    [GeneratedRegex(@"[【（(\[]\s*([^【】（）()\[\]]{1,20})\s*[】）)\]]\s*$")] private static partial Regex TrailingTag();
    [GeneratedRegex(@"〔([^〔〕]{1,120})〕\s*$")] private static partial Regex MeasureTagPattern();
    [GeneratedRegex(@"^(监督\s*依\s*据|监督\s*重\s*点|监督\s*方\s*[法式])\s*[：:]")] private static partial Regex SupervisionLabel();
    [GeneratedRegex(@"^((?:处室|单位|部门|科室|责任|相关|分管)?[\u4e00-\u9fff（）()]{0,8}?(?:负责人|领导|人员|责任人|处室|部门|科室))\s*[：:]")] private static partial Regex ResponsibleLabel();
    [GeneratedRegex(@"(?<=[；;])\s*(?=(?:监督依据|监督重点|监督方法|责任领导|责任处室|责任人员|处室单位负责人|处室负责人|单位负责人)\s*[：:])")] private static partial Regex InlineLabelBreak();
    [GeneratedRegex(@"(处|科|室|局|办|中心|部|院|所|站|队|委|组|股|办公室|委员会)$")] private static partial Regex OrgSuffix();
}
