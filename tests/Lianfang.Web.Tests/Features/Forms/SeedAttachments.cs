namespace Lianfang.Web.Tests.Features.Forms;

public enum Merge { None, Restart, Continue }

/// <summary>A cell as the seed prints it: its text (null: a value the form is filled with), columns spanned, merged down.</summary>
public sealed record SeedCell(string? Text, int Span = 1, Merge Merge = Merge.None);

/// <summary>
/// An official form as its seed attachment prints it, read from the seed's text (the line numbers are the attachment's
/// in ../shared/seeds, relative to the repository root): the title; the labels of the line under it; the header fields, row by row (label cells, and
/// null for the value beside each); the column header rows with their spans and merges; the fixed rows of the body (the
/// category cells down the 风险类别 column and what an empty category holds, or rows printed whatever the data); the
/// labels a 相关责任人 cell uses; the rows closing the table (a title and the lines of its cell); the lines under the table
/// (their labels, a date with its blank as printed) and the notes. Words of the seed's text are compared without the
/// spaces and line breaks a printed page adds ("风险\n等级", "具　体　内　容").
/// </summary>
public sealed record SeedAttachment(string Scheme, string Form, string Lines, string Title)
{
    public string[] HeadLine { get; init; } = [];
    public SeedCell[][] Fields { get; init; } = [];
    public required SeedCell[][] Header { get; init; }
    /// <summary>The 风险类别 column's cells, top to bottom (another category a list holds points of is printed too).</summary>
    public string[] Categories { get; init; } = [];
    /// <summary>The description cells of a category without points: 004's numbered lines, 003's one blank cell.</summary>
    public string[] Blank { get; init; } = [];
    /// <summary>The labels of the 相关责任人 cell, in their order.</summary>
    public string[] RowLabels { get; init; } = [];
    /// <summary>Rows the body prints whatever the list holds, in order: the first cell finds them ("×××" stands for a number).</summary>
    public SeedCell[][] FixedRows { get; init; } = [];
    public (string Title, string[] Lines)[] Closing { get; init; } = [];
    /// <summary>Each line under the table: its items ("填表人签字：", or a date "填表时间：　　年　月" with its blank).</summary>
    public string[][] SignLines { get; init; } = [];
    public string[] Notes { get; init; } = [];

    public override string ToString() => $"{Scheme}/{Form}";
}

public static class SeedAttachments
{
    private static SeedCell C(string text, int span = 1) => new(text, span);
    private static SeedCell Down(string text) => new(text, 1, Merge.Restart);
    private static readonly SeedCell Up = new("", 1, Merge.Continue);
    private static readonly SeedCell V = new(null);

    // 001 附件1, lines 37–80 of 001_2abf71d89c80403b.txt (附件2 样表, lines 81–107, prints the same header).
    private static readonly SeedCell[][] ListHeader = [[C("序号"), C("廉洁风险点描述"), C("防控措施"), C("监督检查路径"), C("风险\n等级"), C("相关责任人")]];

    public static readonly SeedAttachment Health001 = new("shaoxing-health-2018", "annex1", "001: 37–80", "市卫生计生委廉洁风险防控清单")
    {
        HeadLine = ["填表处室（单位）：", "日期："],                                           // line 40
        Header = ListHeader,                                                                  // lines 41–47
        RowLabels = ["处室单位负责人", "责任人员"],                                            // lines 56–57
        SignLines = [["处室（单位）主要负责人签字：", "责任领导（分管委领导）审核签字："]],        // line 74
        Notes = ["注：1. 一个风险点一栏；",                                                   // lines 75–79
                 "2. 多人存在同一风险点，在同一表格上签字；一人有多个风险点，分栏制表、签字。",
                 "3. 此表请分管领导审核并签字后，报送委政治处。"],
    };

    /// <summary>
    /// 001 附件2 样表, lines 94–107: the filled row the preset keeps as its sample (序号, description, four measures, six
    /// checks, 重要, 相关责任人 left empty).
    /// </summary>
    public static readonly string[] Health001SampleRow =
    [
        "1",
        "严格规范重大物资、设备采购、购买服务的决策、招标、验收、资金拨付等环节的程序和要求，杜绝未经集体讨论、科学论证，个人决定擅自采购；" +
        "杜绝未按规定程序和要求进行采购，接受不符合采购标准的物资、设备等；杜绝未与供应商价格协商，出现采购价高于市场价的问题及领导干部违规干预采购，搞钱权交易、利益输送等问题。",
        "1. 重大物资、设备采购、购买服务须经集体决策；\n2. 严格执行《会计法》和政府采购制度、局财务管理制度，规范操作，公开透明；\n3.严格申请报告审批制度，把好审核关；\n" +
        "4.建立严格的管理办法和措施，对重大物资、设备采购、购买服务的决策、招标、验收、资金拨付等各环节，形成有效的监督管理。",
        "1.对照财政部门《集中采购目录及限额标准》，检查有否超范围、超限额采购；\n2.查阅会议记录，检查是否经集体研究决策；\n" +
        "3.查阅采购资料，检查是否符合采购程序和要求，有否为特定对象设置特定条件，存在违规采购、利益输送等问题；\n4.比对采购资料和实物，检查采购的物资和设备是否符合采购标准；\n" +
        "5.约谈相关处室负责人；\n6.实地查看物资使用情况。",
        "重要",
        "",
    ];

    /// <summary>
    /// 000 has no attachment: its 廉洁风险防控清单 follows 001 附件1's layout in the preset's own words — no 委 in the title, the
    /// 分管领导 of 000's text (line 50: 处室负责人、分管领导、主要领导层层把关), the 责任领导、处室和人员 of line 48, and none of the
    /// notes 001 wrote for its own 委 (报送委政治处).
    /// </summary>
    public static readonly SeedAttachment Shaoxing000 = new("shaoxing-2018", "annex1", "000: 48, 50; layout of 001: 37–80", "廉洁风险防控清单")
    {
        HeadLine = ["填表处室（单位）：", "日期："],
        Header = ListHeader,
        RowLabels = ["责任领导", "责任处室", "责任人员"],
        SignLines = [["处室（单位）主要负责人签字：", "责任领导（分管领导）审核签字："]],
    };

    // 003: the text repeats itself; the first complete occurrence of each attachment is cited.
    public static readonly SeedAttachment Personal003Finding = new("longsheng-2012", "annex5", "003: 551–573", "龙胜县个人廉政风险点查找表")
    {
        // lines 553–557 name the fields in this order; the text does not show how they share rows (one a row here: the table has two columns)
        Fields = [[C("姓名"), V], [C("单位"), V], [C("岗位名称"), V], [C("职务"), V], [C("任职时间"), V]],
        Header = [[C("风险类别"), C("具　体　内　容　及　表　现　形　式")]],                    // lines 558–559
        Categories = ["思想道德风险", "岗位职责风险"],                                          // lines 560–571, written down the cell
        Blank = [""],
        SignLines = [["填表人签字：", "填表时间：　　年　月"]],                                  // line 573
    };

    public static readonly SeedAttachment Department003Finding = new("longsheng-2012", "annex6", "003: 574–588, signatures 826", "龙胜县部门廉政风险点查找表")
    {
        Fields = [[C("部门"), V], [C("责任人姓名"), V], [C("职务"), V], [C("任职时间"), V], [C("部门工作职责"), V]], // lines 576–580
        Header = [[C("风险类别"), C("具体内容及表现形式")]],                                     // lines 581–582
        Categories = ["岗位职责风险", "制度机制风险"],                                          // lines 583–588
        Blank = [""],
        // the first occurrence breaks off after line 588; the next one (811–826) ends with this line
        SignLines = [["填表人签字：", "第一责任人签字：", "填表时间：　　年　月　日"]],           // line 826
    };

    public static readonly SeedAttachment Department003Registration = new("longsheng-2012", "annex7", "003: 827–840", "龙胜县部门廉政风险识别、防控、监督登记表")
    {
        Fields = [[C("部门"), V], [C("责任人姓名"), V], [C("职务"), V], [C("任职时间"), V], [C("部门工作职责"), V]], // lines 829–833
        Header = [[C("风险类别"), C("潜在风险点"), C("防控措施")]],                              // lines 834–836
        Categories = ["岗位职责风险", "制度机制风险"],                                          // lines 837–838
        Blank = [""],
        Closing = [("改正意见", [])],                                                           // line 839
        SignLines = [["负责填表人签字：", "第一责任人签字：", "填表日期：年月日"]],              // line 840
    };

    public static readonly SeedAttachment Personal003Registration = new("longsheng-2012", "annex8", "003: 842–856", "龙胜县个人廉政风险识别、防控、监督登记表")
    {
        Fields = [[C("姓名"), V], [C("单位"), V], [C("岗位名称"), V], [C("职务"), V], [C("任职时间"), V], [C("岗位职责"), V]], // 844–849
        Header = [[C("风险类别"), C("潜在风险点及表现"), C("防控措施")]],                         // lines 850–852
        Categories = ["思想道德风险", "岗位职责风险"],                                          // lines 853–854
        Blank = [""],
        Closing = [("个人防范风险公开承诺", [])],                                               // line 855
        SignLines = [["填表人签字：", "分管领导签字：", "填表日期：年月日"]],                     // line 856
    };

    public static readonly SeedAttachment Summary003 = new("longsheng-2012", "annex9", "003: 857–886", "龙胜县廉政风险识别、防控、监督汇总表（部门）")
    {
        HeadLine = ["填报单位（盖章）：", "填报日期："],                                         // line 859
        Header =                                                                               // lines 860–883 (the text drops three of the nine 一级/二级/三级)
        [
            [Down("填报单位（科室）"), Down("参与查找人数（人）"), Down("三类风险合计（个）"), C("1．思想道德风险点", 3), C("2．岗位职责风险点", 3),
             C("3．制度机制风险点", 3), Down("防控\n措施\n（个）"), Down("监督\n办法\n（个）"), Down("新建立\n制度\n（个）"), Down("修订\n制度\n（个）")],
            [Up, Up, Up, C("一级"), C("二级"), C("三级"), C("一级"), C("二级"), C("三级"), C("一级"), C("二级"), C("三级"), Up, Up, Up, Up],
        ],
        FixedRows = [[C("总合计")]],                                                            // line 885
        SignLines = [["填报人签字：", "主管领导签字："]],                                        // line 886
    };

    public static readonly SeedAttachment Powers003Catalog = new("longsheng-2012", "annex1", "003: 380–457", "行政职权目录总表")
    {
        HeadLine = ["单位："],                                                                  // line 381: 单位：(公章)
        Header = [[C("序号"), C("类别"), C("项目名称")]],                                        // lines 382–384
        FixedRows =                                                                             // lines 385–457: every category with its count
        [
            [C("一"), C("行政许可(含非许可行政审批)"), C("共×××项")], [C("二"), C("行政处罚"), C("共×××项")], [C("三"), C("行政征收"), C("共×××项")],
            [C("四"), C("行政强制"), C("共×××项")], [C("五"), C("行政给付"), C("共×××项")], [C("六"), C("行政裁决"), C("共×××项")],
            [C("七"), C("行政确认"), C("共×××项")], [C("八"), C("其他权力"), C("共×××项")],
        ],
    };

    public static readonly SeedAttachment Powers003Detail = new("longsheng-2012", "annex2", "003: 459–472", "行政职权目录分表（____类）")
    {
        HeadLine = ["单位："],                                                                  // line 461
        Header = [[C("序号"), C("项目名称"), C("实施主体"), C("实施依据"), C("公开形式"), C("公开范围"), C("公开时间"),   // lines 462–472
                   C("收费(征收)\n依据和标准"), C("承办机构"), C("备注")]],
    };

    // 004 附件2/3: lines 180–311 and 314–457 of 004_12cc6480dd375944.txt (the text keeps the table's cells, one a tab).
    private static readonly SeedCell[][] RegistrationHeader =                                   // lines 193–202 and 342–351
    [
        [Down("风险类别"), Down("具体风险点"), C("风险等级", 2), Down("防控措施")],
        [Up, Up, C("自评"), C("审定"), Up],
    ];

    private static readonly string[] RegistrationCategories = ["思想道德风险", "岗位职责风险", "工作流程风险", "制度机制风险", "外部环境风险"];
    private static readonly (string, string[]) Remark = ("备注", ["根据填写内容，表格可以自行调整；如有需要，可增页填写。"]);
    private static readonly (string, string[]) UnitOpinion = ("单位审\n核意见", ["单位负责人签字：", "（盖章）", "年   月   日"]);

    public static readonly SeedAttachment Unit004 = new("sanjiang-2019", "annex2", "004: 180–311", "单位廉政风险防控登记表")
    {
        HeadLine = ["单位：", "填表日期："],                                                     // line 183
        Fields = [[C("主要负责人"), V], [C("单位职责"), V], [C("廉政职责"), V]],                  // lines 184–191
        Header = RegistrationHeader,
        Categories = RegistrationCategories,                                                   // lines 204–293, three numbered lines each
        Blank = ["1.", "2.", "3."],
        Closing = [UnitOpinion, ("分管校领导\n意见", ["签字：", "年   月   日"]), Remark],       // lines 294–311
    };

    public static readonly SeedAttachment Post004 = new("sanjiang-2019", "annex3", "004: 314–457", "岗位廉政风险防控登记表")
    {
        HeadLine = ["单位：", "填表日期："],                                                     // line 317
        Fields = [[C("责任人\n\n姓名"), V, C("岗位\n\n职务"), V],                                // lines 319–340
                  [Down("一\n\n岗双责"), C("岗位\n\n职责"), V], [Up, C("廉政\n\n职责"), V]],
        Header = RegistrationHeader,
        Categories = RegistrationCategories,                                                   // lines 353–443
        Blank = ["1.", "2.", "3."],
        Closing = [UnitOpinion, Remark],                                                        // lines 444–454
        SignLines = [["责任人签字："]],                                                          // line 457
    };

    /// <summary>Every official form of the five presets (002 has none of its own).</summary>
    public static readonly SeedAttachment[] ListForms =
        [Health001, Shaoxing000, Personal003Finding, Department003Finding, Department003Registration, Personal003Registration, Unit004, Post004];
}
