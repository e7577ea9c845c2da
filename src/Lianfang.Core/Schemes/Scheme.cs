using System.Text.Json.Serialization;

namespace Lianfang.Core.Schemes;

/// <summary>
/// A regime (方案) as data: what a unit screens for, how risks are graded, how lists are reviewed, which forms
/// it produces and which rules it states. The five seeds ship as built-in presets (Presets/*.json); a unit
/// may copy one and adjust it. Nothing else in the product hard-codes categories, levels or stages.
/// </summary>
public sealed record Scheme
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>Issuing body and year, as the seed names them.</summary>
    public required string Issuer { get; init; }
    public int? Year { get; init; }
    /// <summary>The seed file the preset was taken from (e.g. "000"); null for custom schemes.</summary>
    public string? Seed { get; init; }
    public bool BuiltIn { get; init; }

    public required IReadOnlyList<RiskCategoryDef> Categories { get; init; }
    /// <summary>Ordered from most to least severe (rank 1 first).</summary>
    public required IReadOnlyList<RiskLevelDef> Levels { get; init; }
    /// <summary>Optional likelihood × harm matrix that derives the level (004).</summary>
    public LevelMatrix? Matrix { get; init; }
    /// <summary>排查方式 (五项排查 etc.).</summary>
    public required IReadOnlyList<string> ScreeningSources { get; init; }
    /// <summary>防控措施 kinds, e.g. 制度建设、工作流程、廉洁教育.</summary>
    public required IReadOnlyList<string> MeasureKinds { get; init; }
    /// <summary>前期预防、中期监控、后期处置.</summary>
    public required IReadOnlyList<string> MeasurePhases { get; init; }
    /// <summary>监督方法, e.g. 查阅资料、实地走访、座谈约谈、民主评议.</summary>
    public required IReadOnlyList<string> SupervisionMethods { get; init; }
    /// <summary>The lists a campaign creates, each with its own review stages in order.</summary>
    public required IReadOnlyList<ListKindDef> ListKinds { get; init; }
    public required IReadOnlyList<FormDef> Forms { get; init; }
    /// <summary>The seed's own filled-in example rows (001 附件2 样表), shown as guidance where a point is written.</summary>
    public IReadOnlyList<PointSample> Samples { get; init; } = [];
    public required IReadOnlyList<SchemeRule> Rules { get; init; }
    /// <summary>考核: who or what is assessed, by whom, against which standards; null where the seed sets no assessment (000, 001).</summary>
    public AssessmentDef? Assessment { get; init; }

    /// <summary>未分类 / 未定级: what an import could not tell; such points are kept as drafts and block submitting.</summary>
    public const string UnclassifiedCode = "unclassified", UnratedCode = "unrated";

    public static readonly RiskCategoryDef Unclassified = new() { Code = UnclassifiedCode, Name = "未分类", Definition = "导入时无法判断类别，提交前须选定" };

    /// <summary>The kind of list of this scope (else the scheme's first): its stages and the risk types it holds.</summary>
    public ListKindDef ListKind(ListScope scope) => ListKinds.FirstOrDefault(k => k.Scope == scope) ?? ListKinds[0];

    public RiskCategoryDef? Category(string? code) => code == UnclassifiedCode ? Unclassified : Categories.FirstOrDefault(c => c.Code == code);
    public RiskLevelDef? Level(string? code) => code == UnratedCode ? Unrated : Levels.FirstOrDefault(l => l.Code == code);

    private RiskLevelDef Unrated => new() { Code = UnratedCode, Name = "未定级", Rank = Levels.Count + 1, Definition = "导入的表格没有风险等级，提交前须评定" };

    /// <summary>Finds a category by code, name or one of its aliases (forms often use other names than the text).</summary>
    public RiskCategoryDef? FindCategory(string? text)
    {
        var t = SchemeText.Normalize(text);
        if (t.Length == 0) return null;
        return Categories.FirstOrDefault(c => c.Code == t || SchemeText.Normalize(c.Name) == t || c.Aliases.Any(a => SchemeText.Normalize(a) == t))
            ?? Categories.FirstOrDefault(c => SchemeText.Normalize(c.Name).TrimEnd('风', '险') == t.TrimEnd('风', '险')
                                           || c.Aliases.Any(a => SchemeText.Normalize(a).TrimEnd('风', '险') == t.TrimEnd('风', '险')));
    }

    /// <summary>Finds a level by code or name, tolerating spaces and full-width forms ("重 要", "一级风险").</summary>
    public RiskLevelDef? FindLevel(string? text)
    {
        var t = SchemeText.Normalize(text);
        if (t.Length == 0) return null;
        return Levels.FirstOrDefault(l => l.Code == t || SchemeText.Normalize(l.Name) == t || SchemeText.Normalize(l.Name) + "风险" == t
                                          || l.Aliases.Any(a => SchemeText.Normalize(a) == t));
    }
}

/// <summary>风险类别, with the seed's definition, the names forms use for it, and 004 附件1's typical manifestations.</summary>
public sealed record RiskCategoryDef
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? Definition { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Reference manifestations (表现形式) offered as suggestions in the editor.</summary>
    public IReadOnlyList<string> ReferenceManifestations { get; init; } = [];
    /// <summary>A category the seed lists as optional (003: 效能、执法、监管).</summary>
    public bool Optional { get; init; }
}

/// <summary>A point as the seed's sample form fills it in: where it comes from, and each cell's text.</summary>
public sealed record PointSample(string Source, string Description, IReadOnlyList<string> Measures, IReadOnlyList<string> Supervision, string Level);

/// <summary>风险等级. Rank 1 is the most severe.</summary>
public sealed record RiskLevelDef
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required int Rank { get; init; }
    public string? Definition { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Who supervises points of this level, in the seed's words (002/003: 局主要领导、纪检监察 …); the LevelSupervisor rule acts on it.</summary>
    public string? Monitor { get; init; }
}

/// <summary>
/// A scheme's assessment: 003 and 004 assess each unit, 002's 领导小组 evaluates each post's work at year end (年终考核,
/// tied to its holder's 绩效考核). Where the seed lists standards without points, the preset says so in <see cref="Note"/>.
/// </summary>
public sealed record AssessmentDef
{
    /// <summary>Unit (each 单位) or Post (each post, its holder at the time recorded).</summary>
    public ListScope Of { get; init; } = ListScope.Unit;
    /// <summary>Commission (the commission or the agency over the unit) or LeadingGroup (the unit's 领导小组: its head, deputy or office).</summary>
    public StageActor By { get; init; } = StageActor.Commission;
    public required IReadOnlyList<AssessmentCriterion> Criteria { get; init; }
    public string? Note { get; init; }

    public int MaxScore() => Criteria.Sum(c => c.Max);
}

public sealed record AssessmentCriterion
{
    public required string Text { get; init; }
    public required int Max { get; init; }
}

/// <summary>Likelihood × harm → level code (Cells[likelihood][harm]).</summary>
public sealed record LevelMatrix
{
    public required IReadOnlyList<string> Likelihoods { get; init; }
    public required IReadOnlyList<string> Harms { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> Cells { get; init; }

    public string Derive(int likelihood, int harm) => Cells[likelihood][harm];
}

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum ListScope { Person, Post, Department, Unit }

/// <summary>Who acts at a review stage, resolved against the org tree by the workflow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum StageActor
{
    Holder, DeptHead, LeaderInCharge, Principal, PartyOffice, Agency, Commission, Helpers, Peers, Public, LeadingGroup, LeadingGroupOffice,
    /// <summary>The next person up when nobody but the holder could decide: the agency supervising the unit, else the commission.</summary>
    Oversight,
    /// <summary>The other people of the list's department (003: 科室其他人员帮查).</summary>
    Colleagues,
}

public sealed record ListKindDef
{
    public required ListScope Scope { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<ReviewStageDef> Stages { get; init; }
    /// <summary>The risk types this kind of list holds (003: individuals 思想道德、岗位职责; units 岗位职责、制度机制); empty for all.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
}

public sealed record ReviewStageDef
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required StageActor Actor { get; init; }
    /// <summary>Approving at this stage is an electronic signature over the list's content hash.</summary>
    public bool Signed { get; init; } = true;
    /// <summary>Helpers (代表帮查/专家助查) invited to this stage may comment, not decide.</summary>
    public bool HelpersMayComment { get; init; }
    /// <summary>The deciding body may revise points' measures in its signed approval (001: 由政治处根据帮查、助查意见对清单进行修订).</summary>
    public bool RevisesContent { get; init; }
    /// <summary>The stage applies only to lists of posts directly under the unit (001: 委领导's self-checks go to 委党委审定).</summary>
    public bool OnlyAtUnit { get; init; }
    /// <summary>The agency supervising the unit takes part (001: 驻委纪检监察组协查): its opinion is recorded before the stage closes.</summary>
    public bool AgencyJoins { get; init; }
    /// <summary>审定: the body deciding this stage sets each point's approved level (自评 → 审定).</summary>
    public bool SetsLevels { get; init; }
    /// <summary>A 公示 stage (003: 单位内公示): the list is shown within the unit and the stage closes when the period has ended.</summary>
    public bool Publicity { get; init; }
    /// <summary>Where the seed is silent and the preset had to choose (who decides, what is skipped), the choice and why.</summary>
    public string? Note { get; init; }
}

public sealed record FormDef
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public ListScope? For { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public bool Landscape { get; init; }
    /// <summary>Signature lines printed under the table, e.g. 处室负责人（签字）; "意见：签字" lines carry the stage's opinion.</summary>
    public IReadOnlyList<string> Signatures { get; init; } = [];
    /// <summary>The line between title and table, e.g. 填表处室（单位）and 日期.</summary>
    public IReadOnlyList<string> HeadLine { get; init; } = [];
    /// <summary>
    /// Header fields filled from the org tree above the table, e.g. 姓名、单位、岗位名称、职务、任职时间; "组：字段" puts a
    /// field under a group the form prints beside it (004 附件3: 一岗双责：岗位职责, 一岗双责：廉政职责).
    /// </summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>A header field's group (if any) and its own label.</summary>
    public static (string? Group, string Label) FieldParts(string field)
    {
        var i = field.IndexOf('：');
        return i > 0 && i < field.Length - 1 ? (field[..i], field[(i + 1)..]) : (null, field);
    }
    /// <summary>The seed's notes printed under the form (注：…).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>The place the seed's title names (003: 龙胜县): printed only for units of that place.</summary>
    public string? Place { get; init; }
    /// <summary>
    /// The categories (codes) the form prints a row for even when empty, in its order (003 附件5: 思想道德、岗位职责 — not
    /// 制度机制); every non-optional category of the scheme when not set. A point of another category still prints.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; }
    /// <summary>
    /// A category as this form names it where the seed's form and its text differ (004 附件2/3 print 思想道德风险 for the
    /// text's 思想意识风险), by code; each name must read back as its category (a name or an alias of it).
    /// </summary>
    public IReadOnlyDictionary<string, string>? CategoryNames { get; init; }

    public string CategoryName(Scheme scheme, string code) =>
        CategoryNames?.GetValueOrDefault(code) ?? scheme.Category(code)?.Name ?? code;

    /// <summary>
    /// The date line after the signatures, as the seed prints it (003 附件5: "填表时间：　　年　月", 附件7: "填表日期"), filled with
    /// the day the list was submitted: to the month where the seed's blank has no 日.
    /// </summary>
    public string? DateLine { get; init; }

    /// <summary>The date line's label, the blank it prints before the list is submitted, and whether it stops at the month.</summary>
    public (string Label, string Blank, bool MonthOnly)? DateLineParts()
    {
        if (DateLine is not { Length: > 0 } line) return null;
        var i = line.IndexOf('：');
        if (i < 0) return (line, "　　　　年　　月　　日", false);
        var blank = line[(i + 1)..];
        return (line[..i], blank, !blank.Contains('日'));
    }

    /// <summary>
    /// 004 附件2/3 number the rows under each category (1. 2. 3.) and leave this many numbered lines under a category
    /// with no points; without it an empty category is one blank row (003 附件5–8).
    /// </summary>
    public int? NumberedRows { get; init; }
    /// <summary>How the form's 相关责任人 cell names the answering leader (001 附件1: 处室单位负责人); 责任领导 when not set.</summary>
    public string? LeaderLabel { get; init; }
    /// <summary>
    /// Signature lines no stage of the list signs, signed on the form itself once the list is approved, by the person the
    /// line names (003 附件8: 分管领导签字 — the personal list's review has no 分管领导 stage).
    /// </summary>
    public IReadOnlyList<string> Countersign { get; init; } = [];

    /// <summary>
    /// The title as printed for a unit whose org chain (the unit and those above it) has these names: a county's form names
    /// the county only for its own units; another county running the same regime gets the title without it.
    /// </summary>
    public string TitleFor(IEnumerable<string> chainNames)
    {
        if (Place is not { Length: > 0 } place || !Title.Contains(place)) return Title;
        var stem = place.TrimEnd('县', '市', '区', '省');
        return chainNames.Any(n => n.Contains(stem)) ? Title : Title.Replace(place, "").Trim();
    }
}

/// <summary>A rule the seed states, in its words. Kind names the code that carries it out (<see cref="RuleKinds"/>); parameters tune it.</summary>
public sealed record SchemeRule
{
    public required string Kind { get; init; }
    public required string Text { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Where the seed is silent and the preset had to choose a figure or a person, the choice and why.</summary>
    public string? Note { get; init; }
}

public static class SchemeText
{
    /// <summary>Removes spaces (half and full width) and folds full-width letters and digits.</summary>
    public static string Normalize(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var chars = new List<char>(s.Length);
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || c == '\u3000') continue;
            chars.Add(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
        }
        return new string([.. chars]);
    }
}
