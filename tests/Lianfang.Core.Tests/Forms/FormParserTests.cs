using Lianfang.Core.Forms;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Forms;

public class FormParserTests
{
    private static readonly Scheme Shaoxing = Presets.Find("shaoxing-health-2018")!;
    private static readonly Scheme Sanjiang = Presets.Find("sanjiang-2019")!;
    private static readonly Scheme Longsheng = Presets.Find("longsheng-2012")!;

    /// <summary>A grid whose rows are numbered from <paramref name="first"/>, like a sheet with title rows above.</summary>
    private static Grid G(int first, params string[][] rows) =>
        new("Sheet1", rows.Select((r, i) => new GridRow(first + i, r)).ToList()) { Label = "工作表“Sheet1”" };

    private static string[] R(params string[] cells) => cells;

    private static readonly string[] ListHeader = ["序号", "廉洁风险点描述", "防控措施", "监督检查路径", "风险\n等级", "相关责任人"];

    [Fact]
    public void The_seed_list_form_with_title_rows_and_placeholders_gives_its_points_with_every_field()
    {
        var grid = G(1,
            R("市卫生计生委廉洁风险防控清单", "市卫生计生委廉洁风险防控清单", "市卫生计生委廉洁风险防控清单", "市卫生计生委廉洁风险防控清单", "市卫生计生委廉洁风险防控清单", "市卫生计生委廉洁风险防控清单"),
            R("填表处室（单位）：财务处    日期：2026年3月20日", "", "", "", "", ""),
            ListHeader,
            R("1", "“三重一大”事项未经集体讨论，个人说了算", "1．重大事项集体决策；\n2．严格执行议事规则", "监督依据：议事规则\n监督重点：会议记录\n监督方法：查阅资料、座谈约谈", "重 要", "处室单位负责人：财务处 赵强\n责任人员：王芳、李明"),
            R("２", "报销审核把关不严", "1．双人复核 2．每月抽查", "查阅报销凭证", "一般", "王芳"),
            R("3.", "", "", "", "", ""),
            R("", "", "", "", "", ""),
            R("处室（单位）主要负责人签字：", "", "", "", "", ""));

        var parse = FormParser.Parse([grid], Shaoxing);

        Assert.Empty(parse.Issues);
        Assert.Equal(2, parse.Points.Count);
        var (a, b) = (parse.Points[0], parse.Points[1]);
        Assert.Equal(4, a.Row);
        Assert.Equal("decision", a.Content.CategoryCode);
        Assert.Equal(CategorySource.Inferred, a.CategorySource);
        Assert.Equal("“三重一大”事项未经集体讨论，个人说了算", a.Content.Description);
        Assert.Equal("important", a.Content.LevelCode);
        Assert.Equal(["重大事项集体决策；", "严格执行议事规则"], a.Content.Measures!.Select(m => m.Text));
        Assert.Equal("议事规则", a.Content.Supervision!.Basis);
        Assert.Equal("会议记录", a.Content.Supervision.Focus);
        Assert.Equal(["查阅资料", "座谈约谈"], a.Content.Supervision.Methods!);
        Assert.Equal("赵强", a.Content.Responsible!.Leader);
        Assert.Equal("财务处", a.Content.Responsible.Department);
        Assert.Equal(["王芳", "李明"], a.Content.Responsible.Persons!);

        Assert.Equal(Scheme.UnclassifiedCode, b.Content.CategoryCode);
        Assert.Equal(CategorySource.Unclassified, b.CategorySource);
        Assert.Equal("general", b.Content.LevelCode);
        Assert.Equal(["双人复核", "每月抽查"], b.Content.Measures!.Select(m => m.Text));
        Assert.Equal("查阅报销凭证", b.Content.Supervision!.Focus);
        Assert.Equal(["王芳"], b.Content.Responsible!.Persons!);
        Assert.Null(b.Content.Responsible.Leader);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_with_stray_spaces()
    {
        var grid = G(3,
            R("风 险 等 级", "相关责任人", "风险点描述", "序号"),
            R("一般", "", "公车私用", "1"));
        var p = Assert.Single(FormParser.Parse([grid], Shaoxing).Points);
        Assert.Equal("公车私用", p.Content.Description);
        Assert.Equal("general", p.Content.LevelCode);
        Assert.Equal("风险等级", p.ColumnOf(FormField.Level));
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_row_number_and_column_and_no_point_is_returned_for_it()
    {
        var grid = G(5,
            ListHeader,
            R("1", "采购验收走过场", "", "", "很高", ""),
            R("2", "", "双人复核", "", "一般", ""),
            R("3", "私车公养", "", "", "一般", ""),
            R("4", "资金拨付", "", "", "重要/一般", ""),
            R("5", "公务接待超标", "", "", "", ""));
        var parse = FormParser.Parse([grid], Shaoxing);

        Assert.Equal([(6, "风险等级"), (7, "廉洁风险点描述"), (9, "风险等级"), (10, "风险等级")], parse.Issues.Select(i => (i.Row, i.Column)));
        Assert.StartsWith("第 6 行“风险等级”：“很高”不是方案", parse.Issues[0].Message);
        Assert.Contains("可填：重要、一般", parse.Issues[0].Message);
        Assert.Contains("只能填一个等级", parse.Issues[2].Message);
        Assert.Contains("不能为空", parse.Issues[3].Message);
        Assert.Equal(["私车公养"], parse.Points.Select(p => p.Content.Description));
    }

    [Fact]
    public void A_registration_form_with_category_rows_and_self_and_approved_levels_maps_categories_through_aliases()
    {
        // 004 附件2 as Word shows it after merges are expanded: fields above, a two-row header, 3 rows per category.
        var grid = new Grid("表格1", new List<GridRow>
        {
            new(1, R("主要负责人", "张校长", "张校长", "张校长", "张校长")),
            new(2, R("单位职责", "教学管理", "教学管理", "教学管理", "教学管理")),
            new(3, R("风险类别", "具体风险点", "风险等级", "风险等级", "防控措施")),
            new(4, R("风险类别", "具体风险点", "自评", "审定", "防控措施")),
            new(5, R("思想道德风险", "1.理想信念动摇", "三级", "二级", "1．加强理论学习\n2．开展警示教育")),
            new(6, R("思想道德风险", "2.", "", "", "")),
            new(7, R("思想道德风险", "3.", "", "", "")),
            new(8, R("岗位职责风险", "1.招生录取中打招呼", "一级", "", "招生信息公开")),
            new(9, R("岗位职责风险", "2.", "", "", "")),
            new(10, R("工作流程风险", "1.", "", "", "")),
            new(11, R("单位审\n核意见", "单位负责人签字：", "单位负责人签字：", "单位负责人签字：", "单位负责人签字：")),
            new(12, R("备注", "根据填写内容，表格可以自行调整", "根据填写内容，表格可以自行调整", "根据填写内容，表格可以自行调整", "根据填写内容，表格可以自行调整")),
        });
        var parse = FormParser.Parse([grid], Sanjiang);

        Assert.Empty(parse.Issues);
        Assert.Equal(2, parse.Points.Count);
        var (a, b) = (parse.Points[0], parse.Points[1]);
        Assert.Equal(("ideology", "理想信念动摇", "level3", "level2"), (a.Content.CategoryCode, a.Content.Description, a.Content.LevelCode, a.Content.ApprovedLevelCode));
        Assert.Equal(CategorySource.Column, a.CategorySource);
        Assert.Equal(["加强理论学习", "开展警示教育"], a.Content.Measures!.Select(m => m.Text));
        Assert.Equal(("duty", "level1", (string?)null), (b.Content.CategoryCode, b.Content.LevelCode, b.Content.ApprovedLevelCode));
        Assert.Equal("风险等级（审定）", a.ColumnOf(FormField.ApprovedLevel));
        Assert.Equal(8, b.Row);
    }

    [Fact]
    public void A_finding_form_without_level_column_leaves_points_unrated_unless_the_text_tags_a_level()
    {
        var grid = G(7,
            R("姓名", "王芳", "单位", "财务股"),
            R("风险类别", "具体　内　容　及　表　现　形　式", "具体　内　容　及　表　现　形　式", "具体　内　容　及　表　现　形　式"),
            R("思\n想\n道\n德\n风\n险", "收受服务对象礼品【二级】\n表现形式：逢年过节收受购物卡", "收受服务对象礼品【二级】\n表现形式：逢年过节收受购物卡", "收受服务对象礼品【二级】\n表现形式：逢年过节收受购物卡"),
            R("思\n想\n道\n德\n风\n险", "工作时间上网炒股", "工作时间上网炒股", "工作时间上网炒股"),
            R("填表人签字：", "", "填表时间：", ""));
        var parse = FormParser.Parse([grid], Longsheng);

        Assert.Empty(parse.Issues);
        Assert.Equal(2, parse.Points.Count);
        Assert.Equal(("morality", "收受服务对象礼品", "level2", "逢年过节收受购物卡"),
            (parse.Points[0].Content.CategoryCode, parse.Points[0].Content.Description, parse.Points[0].Content.LevelCode, parse.Points[0].Content.Manifestation));
        Assert.False(parse.Points[0].Unrated);
        Assert.Equal(Scheme.UnratedCode, parse.Points[1].Content.LevelCode);
        Assert.True(parse.Points[1].Unrated);
    }

    [Fact]
    public void A_category_row_across_the_table_sets_the_category_of_the_rows_below()
    {
        string[] Section(string s) => [s, s, s, s, s, s];
        var grid = G(1,
            ListHeader,
            Section("一、作风问题廉洁风险"),
            R("1", "超标准接待", "", "", "一般", ""),
            Section("二、未分类"),
            R("2", "其他问题", "", "", "一般", ""));
        var parse = FormParser.Parse([grid], Shaoxing);
        Assert.Equal([("conduct", CategorySource.Section), (Scheme.UnclassifiedCode, CategorySource.Unclassified)],
            parse.Points.Select(p => (p.Content.CategoryCode, p.CategorySource)));
    }

    [Fact]
    public void A_point_continued_on_the_next_rows_gathers_their_measures()
    {
        var grid = G(1,
            ListHeader,
            R("1", "资金拨付不规范", "1．双人复核", "查阅凭证", "重要", "王芳"),
            R("", "", "2．集体研究", "", "", "李明"),
            R("2", "合同管理", "3．合同会签", "", "一般", ""));
        var parse = FormParser.Parse([grid], Shaoxing);
        Assert.Equal(2, parse.Points.Count);
        Assert.Equal(["双人复核", "集体研究"], parse.Points[0].Content.Measures!.Select(m => m.Text));
        Assert.Equal(["王芳", "李明"], parse.Points[0].Content.Responsible!.Persons!);
        Assert.Equal((2, 3), (parse.Points[0].Row, parse.Points[0].LastRow));
    }

    [Fact]
    public void A_file_without_a_recognisable_header_says_so()
    {
        var parse = FormParser.Parse([G(1, R("姓名", "职务"), R("张三", "科长"))], Shaoxing);
        Assert.False(parse.TableFound);
        Assert.Empty(parse.Points);
    }

    [Fact]
    public void A_table_split_in_two_continues_with_the_first_ones_columns()
    {
        var first = new Grid("表格1", [new(1, ListHeader), new(2, R("1", "甲风险", "", "", "一般", ""))]);
        var second = new Grid("表格2", [new(1, R("2", "乙风险", "", "", "重要", ""))]);
        var parse = FormParser.Parse([first, second], Shaoxing);
        Assert.Equal(["甲风险", "乙风险"], parse.Points.Select(p => p.Content.Description));
        Assert.Equal("表格2", parse.Points[1].Sheet);
    }

    /// <summary>The record of a 附件1 exported with three points, as the export writes it.</summary>
    private static FormRecord Recorded(string scheme = "shaoxing-health-2018") => FormRecord.FromRows(new FormRecord(scheme,
    [
        new(FormRecord.Key("资金拨付不规范"), "mechanism", "important", [new(FormRecord.Key("双人复核"), "工作流程", null, "王芳", new DateOnly(2026, 6, 30))]),
        new(FormRecord.Key("合同管理"), "power", "general", [new(FormRecord.Key("合同会签"), "制度建设", null, null, null)]),
        new(FormRecord.Key("接待超标"), "other", "general", []),
    ]).ToRows().Select(r => (IReadOnlyList<string>)r), 100)!;

    [Fact]
    public void An_exported_form_s_record_gives_back_what_the_form_does_not_print_for_the_rows_left_as_they_were()
    {
        var grid = G(1,
            ListHeader,
            R("1", "资金拨付不规范", "1．双人复核\n2．集体研究", "", "重要", ""),
            R("2", "合同管理（已改写）", "1．合同会签", "", "一般", ""),
            R("一、作风问题廉洁风险", "一、作风问题廉洁风险", "一、作风问题廉洁风险", "一、作风问题廉洁风险", "一、作风问题廉洁风险", "一、作风问题廉洁风险"),
            R("3", "接待超标", "", "", "一般", ""),
            R("4", "新增的一条", "", "", "一般", ""));
        var parse = FormParser.Parse([grid], Shaoxing, Recorded());
        // a category row the user typed decides for the rows under it, whatever the record says (接待超标: other)
        Assert.Equal([("mechanism", CategorySource.Recorded), (Scheme.UnclassifiedCode, CategorySource.Unclassified),
                      ("conduct", CategorySource.Section), ("conduct", CategorySource.Section)],
            parse.Points.Select(p => (p.Content.CategoryCode, p.CategorySource)));
        // the measure whose text is unchanged gets its kind, owner and due date; a measure added by hand and the rewritten row's do not
        Assert.Equal([new ControlMeasure("双人复核", "工作流程", null, "王芳", new DateOnly(2026, 6, 30)), new ControlMeasure("集体研究")],
            parse.Points[0].Content.Measures!);
        Assert.Equal([new ControlMeasure("合同会签")], parse.Points[1].Content.Measures!);
        // the printed level stays what the user left in the level column
        Assert.Equal("important", parse.Points[0].Content.LevelCode);

        Assert.All(FormParser.Parse([grid], Shaoxing, Recorded("sanjiang-2019")).Points, p => Assert.NotEqual(CategorySource.Recorded, p.CategorySource));
        Assert.Null(FormRecord.FromRows([["something-else", "1", "x"]], 100));
        Assert.Null(FormRecord.FromRows([["lianfang-form-record", "1", "x"], ["point", "not a key", "a", "b"]], 100));
        Assert.Null(FormRecord.FromRows([["lianfang-form-record", "1", "x"], .. Enumerable.Repeat<string[]>(["point", FormRecord.Key("x"), "a", "b"], 101)], 100));
    }

    [Fact]
    public void A_form_without_a_level_column_takes_the_level_from_its_record_unless_the_user_typed_a_tag()
    {
        var record = new FormRecord("longsheng-2012",
            [new(FormRecord.Key("收受礼品"), "morality", "level2", []), new(FormRecord.Key("违规兼职"), "duty", "level3", [])]);
        var grid = G(1, R("风险类别", "具体内容及表现形式"), R("思想道德风险", "收受礼品"), R("岗位职责风险", "违规兼职【一级】"), R("岗位职责风险", "另一条"));
        var parse = FormParser.Parse([grid], Longsheng, record);
        Assert.Equal([("level2", false), ("level1", false), (Scheme.UnratedCode, true)], parse.Points.Select(p => (p.Content.LevelCode, p.Unrated)));
    }
}
