namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// The seeds' forms filled in as people do: 001 附件1 (the list), 004 附件2/3 (registration forms), 003 附件5–8
/// (finding and registration forms), in Word and in Excel, with title rows, merged cells, several lines in a cell,
/// numbered measures, placeholder rows, full-width digits and stray spaces.
/// </summary>
public static class SeedForms
{
    public const string Procurement = "严格规范重大物资、设备采购、购买服务的决策、招标、验收、资金拨付等环节的程序和要求，杜绝未经集体讨论、科学论证，个人决定擅自采购";

    private static readonly int[] ListWidths = [700, 3600, 3600, 3400, 900, 2000];

    /// <summary>001 附件1 in Word with five points, two placeholder rows, the signature line and the notes.</summary>
    public static byte[] HealthListDocx() => new Corpus.Word()
        .Para("附件1")
        .Para("市卫生计生委廉洁风险防控清单", bold: true, center: true)
        .Para("填表处室（单位）：财务处                                        日期：2026年3月20日")
        .Table(ListWidths,
            [ "序号", "廉洁风险点描述", "防控措施", "监督检查路径", "风险⏎等级", "相关责任人" ],
            [ "1", Procurement,
              "1. 重大物资、设备采购、购买服务须经集体决策；\n2. 严格执行《会计法》和政府采购制度、局财务管理制度，规范操作，公开透明；\n3.严格申请报告审批制度，把好审核关；",
              "1.查阅会议记录，检查是否经集体研究决策；\n2.约谈相关处室负责人；\n3.实地查看物资使用情况。", "重要", "处室单位负责人：赵强\n责任人员：王芳、李明" ],
            [ "2", "落实“三重一大”集体决策制度不到位，重大经费支出个人说了算", "1．重大经费支出提交党委会集体研究 2．会议纪要存档备查",
              "监督依据：“三重一大”决策制度实施办法\n监督重点：会议纪要\n监督方法：查阅资料、座谈约谈", "重 要", "处室单位负责人：财务处 赵强\n责任人员：孙丽" ],
            [ "3", "公务接待超标准、超范围，存在作风风险", "1．严格执行公务接待审批单制度⏎2．每季度公开接待费用", "查阅接待审批单", "一般", "周丽、吴军" ],
            [ "４", "报销票据审核把关不严，虚列支出", "１．票据双人复核；２．每月抽查", "监督依据：《会计法》\n监督重点：报销凭证\n监督方法：查阅资料", "一 般",
              "处室单位负责人：赵强\n责任人员：王芳" ],
            [ "5", "个人被服务对象“围猎”，收受礼品礼金", "签订廉洁承诺书", "", "一般", "责任人员：李明" ],
            [ "6", "", "", "", "", "" ],
            [ "7.", "", "", "", "", "" ])
        .Para("")
        .Para("处室（单位）主要负责人签字：                            责任领导（分管委领导）审核签字：")
        .Para("注：1. 一个风险点一栏；")
        .Para("2. 多人存在同一风险点，在同一表格上签字；一人有多个风险点，分栏制表、签字。")
        .Build();

    /// <summary>The same list in Excel: merged title rows, a blank row, numbers as numbers, Alt+Enter line breaks.</summary>
    public static byte[] HealthListXlsx(string levelOfRow7 = "一般") => Corpus.Xlsx(new Corpus.Sheet("防控清单")
        .Row(1, "市卫生计生委廉洁风险防控清单").Merge("A1:F1")
        .Row(2, "填表处室（单位）：财务处      日期：2026年3月20日").Merge("A2:F2")
        .Row(4, "序号", "廉洁风险点描述", "防控措施", "监督检查路径", "风险\n等级", "相关责任人")
        .Row(5, "1", Procurement, "1. 重大物资、设备采购、购买服务须经集体决策；\n2. 严格执行《会计法》和政府采购制度、局财务管理制度，规范操作，公开透明；\n3.严格申请报告审批制度，把好审核关；",
            "1.查阅会议记录，检查是否经集体研究决策；\n2.约谈相关处室负责人；\n3.实地查看物资使用情况。", "重要", "处室单位负责人：赵强\n责任人员：王芳、李明")
        .Row(6, "2", "落实“三重一大”集体决策制度不到位，重大经费支出个人说了算", "1．重大经费支出提交党委会集体研究 2．会议纪要存档备查",
            "监督依据：“三重一大”决策制度实施办法\n监督重点：会议纪要\n监督方法：查阅资料、座谈约谈", "重 要", "处室单位负责人：财务处 赵强\n责任人员：孙丽")
        .Row(7, "3", "公务接待超标准、超范围，存在作风风险", "1．严格执行公务接待审批单制度\n2．每季度公开接待费用", "查阅接待审批单", levelOfRow7, "周丽、吴军")
        .Row(8, "４", "报销票据审核把关不严，虚列支出", "１．票据双人复核；２．每月抽查", "监督依据：《会计法》\n监督重点：报销凭证\n监督方法：查阅资料", "一 般", "处室单位负责人：赵强\n责任人员：王芳")
        .Row(9, "5", "个人被服务对象“围猎”，收受礼品礼金", "签订廉洁承诺书", null, "一般", "责任人员：李明")
        .Row(10, "6")
        .Row(11, "7.")
        .Row(13, "处室（单位）主要负责人签字：              责任领导（分管委领导）审核签字：").Merge("A13:F13")
        .Row(14, "注：1. 一个风险点一栏；").Merge("A14:F14"));

    /// <summary>What the five points of the list above must read as (shaoxing-health-2018).</summary>
    public static readonly Expected[] HealthList =
    [
        new("unclassified", Procurement, "important", null,
            ["重大物资、设备采购、购买服务须经集体决策；", "严格执行《会计法》和政府采购制度、局财务管理制度，规范操作，公开透明；", "严格申请报告审批制度，把好审核关；"],
            null, "1.查阅会议记录，检查是否经集体研究决策；\n2.约谈相关处室负责人；\n3.实地查看物资使用情况。", [], "赵强", null, ["王芳", "李明"]),
        new("decision", "落实“三重一大”集体决策制度不到位，重大经费支出个人说了算", "important", null, ["重大经费支出提交党委会集体研究", "会议纪要存档备查"],
            "“三重一大”决策制度实施办法", "会议纪要", ["查阅资料", "座谈约谈"], "赵强", "财务处", ["孙丽"]),
        new("conduct", "公务接待超标准、超范围，存在作风风险", "general", null, ["严格执行公务接待审批单制度", "每季度公开接待费用"],
            null, "查阅接待审批单", [], null, null, ["周丽", "吴军"]),
        new("unclassified", "报销票据审核把关不严，虚列支出", "general", null, ["票据双人复核；", "每月抽查"],
            "《会计法》", "报销凭证", ["查阅资料"], "赵强", null, ["王芳"]),
        new("other", "个人被服务对象“围猎”，收受礼品礼金", "general", null, ["签订廉洁承诺书"], null, null, [], null, null, ["李明"]),
    ];

    private static C Restart(string text) => new(text, VMerge: "restart");
    private static readonly C Cont = new("", VMerge: "continue");
    private static C Span(string text, int n) => new(text, n);

    /// <summary>004 附件2 as its writer fills it for import: 自评 only, the 审定 column left to the unit's review.</summary>
    public static byte[] UnitRegistrationDocx() => UnitRegistration004(reviewed: false);

    /// <summary>004 附件2 单位廉政风险防控登记表 in Word: fields on top, 风险等级 over 自评/审定, category cells merged down, placeholder rows, opinions.</summary>
    public static byte[] UnitRegistrationReviewedDocx() => UnitRegistration004(reviewed: true);

    private static byte[] UnitRegistration004(bool reviewed)
    {
        string A(string v) => reviewed ? v : "";
        return new Corpus.Word()
        .Para("附件2")
        .Para("单位廉政风险防控登记表", bold: true, center: true)
        .Para(" 单位：计算机学院                   填表日期：2026年 3 月 20 日")
        .Table([1500, 3800, 800, 800, 3000],
            [ "主要负责人", Span("陈刚", 4) ],
            [ "单位职责", Span("负责本院教学、科研和学生管理", 4) ],
            [ "廉政职责", Span("落实党风廉政建设主体责任", 4) ],
            [ Restart("风险类别"), Restart("具体风险点"), Span("风险等级", 2), Restart("防控措施") ],
            [ Cont, Cont, "自评", "审定", Cont ],
            [ Restart("思想道德风险"), "1.理想信念不坚定，放松政治理论学习", "三级", A("三级"), "1．每月开展政治理论学习⏎2．开展廉政警示教育" ],
            [ Cont, "2.存在“四风”苗头", "二级", "", "落实中央八项规定精神" ],
            [ Cont, "3.", "", "", "" ],
            [ Restart("岗位职责风险"), "1.招生录取中接受请托", "一级", A("一级"), "1．招生信息全程公开 2．纪委全程监督" ],
            [ Cont, "2.", "", "", "" ],
            [ Cont, "3.", "", "", "" ],
            [ Restart("工作流程风险"), "1.教材采购程序不规范", "Ⅱ级", A("一级"), "严格执行政府采购程序" ],
            [ Cont, "2.", "", "", "" ],
            [ Restart("制度机制风险"), "1.", "", "", "" ],
            [ Cont, "2.", "", "", "" ],
            [ Restart("外部环境风险"), "1.服务对象利益诱惑", "三级", "", "签订廉洁承诺书" ],
            [ Cont, "2.", "", "", "" ],
            [ "单位审⏎核意见", Span("          单位负责人签字：\n（盖章）\n                           年   月   日", 4) ],
            [ "分管校领导⏎意见", Span("              签字：\n                          年   月   日", 4) ],
            [ "备注", Span("根据填写内容，表格可以自行调整；如有需要，可增页填写。", 4) ])
        .Build();
    }

    public static readonly Expected[] UnitRegistration =
    [
        new("ideology", "理想信念不坚定，放松政治理论学习", "level3", "level3", ["每月开展政治理论学习", "开展廉政警示教育"], null, null, [], null, null, []),
        new("ideology", "存在“四风”苗头", "level2", null, ["落实中央八项规定精神"], null, null, [], null, null, []),
        new("duty", "招生录取中接受请托", "level1", "level1", ["招生信息全程公开", "纪委全程监督"], null, null, [], null, null, []),
        new("process", "教材采购程序不规范", "level2", "level1", ["严格执行政府采购程序"], null, null, [], null, null, []),
        new("external", "服务对象利益诱惑", "level3", null, ["签订廉洁承诺书"], null, null, [], null, null, []),
    ];

    /// <summary>004 附件3 as its writer fills it for import: 自评 only.</summary>
    public static byte[] PostRegistrationXlsx() => PostRegistration004(reviewed: false);

    /// <summary>004 附件3 岗位廉政风险防控登记表 in Excel: merged field rows, a two-row header, categories merged down.</summary>
    public static byte[] PostRegistrationReviewedXlsx() => PostRegistration004(reviewed: true);

    private static byte[] PostRegistration004(bool reviewed) => Corpus.Xlsx(new Corpus.Sheet("岗位登记表")
        .Row(1, "岗位廉政风险防控登记表").Merge("A1:E1")
        .Row(2, " 单位：计算机学院                    填表日期：2026年3月20日").Merge("A2:E2")
        .Row(3, "责任人\n姓名", "王芳", "岗位\n职务", "教务办主任").Merge("D3:E3")
        .Row(4, "一\n岗双责", "岗位\n职责", "负责排课、考务和成绩管理").Merge("A4:A5").Merge("C4:E4")
        .Row(5, null, "廉政\n职责", "遵守廉洁从教规定").Merge("C5:E5")
        .Row(6, "风险类别", "具体风险点", "风险等级", null, "防控措施").Merge("A6:A7").Merge("B6:B7").Merge("C6:D6").Merge("E6:E7")
        .Row(7, null, null, "自评", "审定")
        .Row(8, "思想道德风险", "1.工作责任心不强，敷衍塞责", "三级", reviewed ? "三级" : null, "加强职业道德学习").Merge("A8:A10")
        .Row(9, null, "2.")
        .Row(10, null, "3.")
        .Row(11, "岗位职责风险", "1.考试安排中徇私照顾", "二级", reviewed ? "二级" : null, "1．考务安排双人复核\n2．考试安排公示").Merge("A11:A13")
        .Row(12, null, "2.成绩录入被请托修改", "一级", "", "成绩录入后锁定，修改须审批")
        .Row(13, null, "3.")
        .Row(14, "工作流程风险", "1.").Merge("A14:A16")
        .Row(15, null, "2.")
        .Row(16, null, "3.")
        .Row(17, "单位审核意见", "          单位负责人签字：\n（盖章）\n年   月   日").Merge("B17:E17")
        .Row(18, "备注", "根据填写内容，表格可以自行调整；如有需要，可增页填写。").Merge("B18:E18")
        .Row(20, null, null, null, "责任人签字："));

    public static readonly Expected[] PostRegistration =
    [
        new("ideology", "工作责任心不强，敷衍塞责", "level3", "level3", ["加强职业道德学习"], null, null, [], null, null, []),
        new("duty", "考试安排中徇私照顾", "level2", "level2", ["考务安排双人复核", "考试安排公示"], null, null, [], null, null, []),
        new("duty", "成绩录入被请托修改", "level1", null, ["成绩录入后锁定，修改须审批"], null, null, [], null, null, []),
    ];

    /// <summary>003 附件5 龙胜县个人廉政风险点查找表 in Word: the person's fields in the table, categories written one character a line.</summary>
    public static byte[] PersonalFindingDocx() => new Corpus.Word()
        .Para("附件5")
        .Para("龙胜县个人廉政风险点查找表", bold: true, center: true)
        .Table([900, 1500, 900, 1500, 1200, 1500],
            [ "姓名", "王芳", "单位", "财务股", "岗位名称", "会计" ],
            [ "职务", "科员", "任职时间", "2019年3月", "", "" ],
            [ "风险类别", Span("具　体　内　容　及　表　现　形　式", 5) ],
            [ Restart("思\n想\n道\n德\n风\n险"), Span("1．收受服务对象礼品、礼金【二级】", 5) ],
            [ Cont, Span("2．工作日中午饮酒", 5) ],
            [ Restart("岗\n位\n职\n责\n风\n险"), Span("1．会计凭证审核把关不严，出现虚列支出（一级）\n表现形式：未核对原始票据即入账", 5) ],
            [ Cont, Span("2．", 5) ])
        .Para("填表人签字：　　　　　　　　填表时间：　　年　　月")
        .Build();

    public static readonly Expected[] PersonalFinding =
    [
        new("morality", "收受服务对象礼品、礼金", "level2", null, [], null, null, [], null, null, []),
        new("morality", "工作日中午饮酒", "unrated", null, [], null, null, [], null, null, []),
        new("duty", "会计凭证审核把关不严，出现虚列支出", "level1", null, [], null, null, [], null, null, [], "未核对原始票据即入账"),
    ];

    /// <summary>003 附件6 龙胜县部门廉政风险点查找表 in Excel.</summary>
    public static byte[] DepartmentFindingXlsx() => Corpus.Xlsx(new Corpus.Sheet("Sheet1")
        .Row(1, "龙胜县部门廉政风险点查找表").Merge("A1:D1")
        .Row(3, "部门", "财务股", "责任人姓名", "吴军")
        .Row(4, "职务", "股长", "任职时间", "2018")
        .Row(5, "部门工作职责", "负责局机关财务管理").Merge("B5:D5")
        .Row(6, "风险类别", "具体内容及表现形式").Merge("B6:D6")
        .Row(7, "岗位\n职责\n风险", "资金审批把关不严").Merge("A7:A8").Merge("B7:D7")
        .Row(8, null, "公务卡使用不规范（二级）").Merge("B8:D8")
        .Row(9, "制度\n机制\n风险", "财务管理制度不健全，个人自由裁量空间大").Merge("B9:D9")
        .Row(10, "填表人签字：", null, "第一责任人签字："),
        new Corpus.Sheet("说明") { Hidden = true }.Row(1, "风险类别", "具体内容及表现形式").Row(2, "岗位职责风险", "隐藏工作表不应导入"));

    public static readonly Expected[] DepartmentFinding =
    [
        new("duty", "资金审批把关不严", "unrated", null, [], null, null, [], null, null, []),
        new("duty", "公务卡使用不规范", "level2", null, [], null, null, [], null, null, []),
        new("system", "财务管理制度不健全，个人自由裁量空间大", "unrated", null, [], null, null, [], null, null, []),
    ];

    /// <summary>003 附件7 龙胜县部门廉政风险识别、防控、监督登记表 in Word.</summary>
    public static byte[] DepartmentRegistrationDocx() => new Corpus.Word()
        .Para("附件7")
        .Para("龙胜县部门廉政风险识别、防控、监督登记表", bold: true, center: true)
        .Table([1800, 1800, 1800, 1800],
            [ "部门", "财务股", "责任人姓名", "吴军" ],
            [ "职务", "股长", "任职时间", "2018年1月" ],
            [ "部门工作职责", Span("负责局机关财务管理", 3) ],
            [ "风险类别", "潜在风险点", Span("防控措施", 2) ],
            [ Restart("岗位职责风险"), "资金拨付审核不严【二级】", Span("1．建立资金拨付双签制度\n2．每月对账", 2) ],
            [ Cont, "公务接待超标准【三级】", Span("严格执行接待审批", 2) ],
            [ "制度机制风险", "内控制度缺失【一级】", Span("修订内部控制制度", 2) ],
            [ "改正意见", Span("", 3) ])
        .Para("负责填表人签字：　　　　第一责任人签字：　　　　填表日期：　　年　　月　　日")
        .Build();

    public static readonly Expected[] DepartmentRegistration =
    [
        new("duty", "资金拨付审核不严", "level2", null, ["建立资金拨付双签制度", "每月对账"], null, null, [], null, null, []),
        new("duty", "公务接待超标准", "level3", null, ["严格执行接待审批"], null, null, [], null, null, []),
        new("system", "内控制度缺失", "level1", null, ["修订内部控制制度"], null, null, [], null, null, []),
    ];

    /// <summary>003 附件8 龙胜县个人廉政风险识别、防控、监督登记表 in Excel, with the public commitment row.</summary>
    public static byte[] PersonalRegistrationXlsx() => Corpus.Xlsx(new Corpus.Sheet("个人登记表")
        .Row(1, "龙胜县个人廉政风险识别、防控、监督登记表").Merge("A1:C1")
        .Row(2, "姓名", "王芳", "单位：财务股")
        .Row(3, "岗位职责", "会计核算、票据审核").Merge("B3:C3")
        .Row(4, "风险类别", "潜在风险点及表现", "防控措施")
        .Row(5, "思想道德风险", "利用职务便利为亲友办事【三级】", "1.严格执行回避制度 2.定期报告个人事项")
        .Row(6, "岗位职责风险", "票据审核不严【二级】\n表现形式：未逐张核对发票真伪", "发票逐张查验")
        .Row(7, "个人防范风险公开承诺", "本人承诺：严格遵守廉洁从政各项规定。").Merge("B7:C7")
        .Row(8, "填表人签字：", "分管领导签字：", "填表日期：2026年3月20日"));

    public static readonly Expected[] PersonalRegistration =
    [
        new("morality", "利用职务便利为亲友办事", "level3", null, ["严格执行回避制度", "定期报告个人事项"], null, null, [], null, null, []),
        new("duty", "票据审核不严", "level2", null, ["发票逐张查验"], null, null, [], null, null, [], "未逐张核对发票真伪"),
    ];
}

/// <summary>Every field a parsed point must have.</summary>
public sealed record Expected(string Category, string Description, string Level, string? Approved, string[] Measures,
    string? Basis, string? Focus, string[] Methods, string? Leader, string? Department, string[] Persons, string? Manifestation = null);
