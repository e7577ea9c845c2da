using Lianfang.Core.Forms;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Forms;

public class PointCellsTests
{
    private static readonly Scheme Shaoxing = Presets.Find("shaoxing-2018")!;
    private static readonly Scheme Longsheng = Presets.Find("longsheng-2012")!;
    private static readonly Scheme Sanjiang = Presets.Find("sanjiang-2019")!;

    [Theory]
    [InlineData("处室单位负责人：赵强\n责任人员：王芳、李明", "赵强", null, "王芳|李明")]
    [InlineData("处室单位负责人：财务处 赵强\n责任人员：王芳，李明等", "赵强", "财务处", "王芳|李明")]
    [InlineData("责任领导：孙伟；责任处室：财务处；责任人员：王芳", "孙伟", "财务处", "王芳")]
    [InlineData("处室（单位）负责人：办公室", null, "办公室", "")]
    [InlineData("王芳、李明", null, null, "王芳|李明")]
    [InlineData("处室单位负责人：\n责任人员：", null, null, "")]
    [InlineData("无", null, null, "")]
    public void Responsible_cells_split_into_leader_department_and_persons(string cell, string? leader, string? department, string persons)
    {
        var r = PointCells.ParseResponsible(cell);
        Assert.Equal(leader, r.Leader);
        Assert.Equal(department, r.Department);
        Assert.Equal(persons, string.Join("|", r.Persons!));
    }

    [Fact]
    public void Responsible_round_trips()
    {
        var r = new Responsible("孙伟、周丽", "财务处", ["王芳", "李明"]);
        var back = PointCells.ParseResponsible(PointCells.FormatResponsible(r));
        Assert.Equal((r.Leader, r.Department, r.Persons), (back.Leader, back.Department, back.Persons), new TupleComparer());
    }

    [Fact]
    public void A_printed_row_signature_line_is_not_read_as_a_name()
    {
        var r = new Responsible(null, "财务处", ["王芳"]);
        var cell = PointCells.FormatResponsible(r, ["王芳（2026-03-20）", "李明（2026-03-21）"]);
        Assert.EndsWith("逐条签字：王芳（2026-03-20）、李明（2026-03-21）", cell);
        var back = PointCells.ParseResponsible(cell);
        Assert.Equal((r.Leader, r.Department, r.Persons), (back.Leader, back.Department, back.Persons), new TupleComparer());
    }

    private sealed class TupleComparer : IEqualityComparer<(string?, string?, IReadOnlyList<string>?)>
    {
        public bool Equals((string?, string?, IReadOnlyList<string>?) x, (string?, string?, IReadOnlyList<string>?) y) =>
            x.Item1 == y.Item1 && x.Item2 == y.Item2 && (x.Item3 ?? []).SequenceEqual(y.Item3 ?? []);
        public int GetHashCode((string?, string?, IReadOnlyList<string>?) obj) => 0;
    }

    [Theory]
    [InlineData("1．对照目录检查\n2．查阅会议记录", null, "1．对照目录检查\n2．查阅会议记录", "")]
    [InlineData("监督依据：《政府采购法》\n监督重点：采购程序\n监督方法：查阅资料、实地走访", "《政府采购法》", "采购程序", "查阅资料|实地走访")]
    [InlineData("监督方式：座谈约谈", null, null, "座谈约谈")]
    public void Supervision_cells_split_by_their_labels(string cell, string? basis, string? focus, string methods)
    {
        var s = PointCells.ParseSupervision(cell);
        Assert.Equal((basis, focus, methods), (s.Basis, s.Focus, string.Join("|", s.Methods!)));
    }

    [Fact]
    public void Supervision_round_trips_including_a_focus_alone()
    {
        foreach (var s in new[] { new SupervisionPath(null, "查阅凭证\n约谈", []), new SupervisionPath("法规", "程序", ["查阅资料"]), new SupervisionPath(null, null, ["实地走访"]) })
        {
            var back = PointCells.ParseSupervision(PointCells.FormatSupervision(s));
            Assert.Equal((s.Basis, s.Focus), (back.Basis, back.Focus));
            Assert.Equal(s.Methods, back.Methods);
        }
    }

    [Fact]
    public void Measures_keep_their_kind_phase_owner_and_due_date_through_a_round_trip()
    {
        var measures = new[]
        {
            new ControlMeasure("建立采购内控制度", "制度建设"),
            new ControlMeasure("采购结果公示（含中标价）"),
            new ControlMeasure("每季度抽查", "工作流程", null, "王芳", new DateOnly(2026, 6, 30)),
        };
        var text = PointCells.FormatMeasures(measures);
        Assert.Equal("1．建立采购内控制度〔制度建设〕\n2．采购结果公示（含中标价）\n3．每季度抽查〔工作流程·责任人：王芳·完成时限：2026-06-30〕", text);
        Assert.Equal(measures, PointCells.ParseMeasures(text, Shaoxing));
    }

    [Fact]
    public void A_bracket_that_is_not_our_tag_stays_part_of_the_measure()
    {
        Assert.Equal([new ControlMeasure("落实〔2019〕37号文件")], PointCells.ParseMeasures("1．落实〔2019〕37号文件", Shaoxing));
    }

    [Theory]
    [InlineData("1.理想信念动摇", "理想信念动摇", null, null)]
    [InlineData("收受礼品【二级】", "收受礼品", "二级", null)]
    [InlineData("收受礼品（二级；审定一级）", "收受礼品", "二级", "一级")]
    [InlineData("违反《办法（试行）》", "违反《办法（试行）》", null, null)]
    [InlineData("1.5倍超标接待", "1.5倍超标接待", null, null)]
    public void Descriptions_lose_their_item_number_and_give_up_a_level_tag(string cell, string description, string? level, string? approved)
    {
        var d = PointCells.ParseDescription(cell, t => FormLookup.Level(Longsheng, t) is not null);
        Assert.Equal((description, level, approved), (d.Description, d.LevelText, d.ApprovedLevelText));
    }

    [Theory]
    [InlineData("重 要", "important")]
    [InlineData("重要风险", "important")]
    [InlineData("一般廉洁风险点", "general")]
    [InlineData("未定级", Scheme.UnratedCode)]
    public void Levels_are_found_by_name_with_spaces_and_suffixes(string text, string code) =>
        Assert.Equal(code, FormLookup.Level(Shaoxing, text)?.Code);

    [Theory]
    [InlineData("1级", "level1")]
    [InlineData("１级", "level1")]
    [InlineData("Ⅱ级", "level2")]
    [InlineData("三级风险", "level3")]
    [InlineData("二级（效能监察监控）", "level2")]
    public void Numbered_levels_are_read_in_any_notation(string text, string code) =>
        Assert.Equal(code, FormLookup.Level(Longsheng, text)?.Code);

    [Theory]
    [InlineData("1．思想道德风险点", "morality")]
    [InlineData("思\n想\n道\n德\n风\n险", "morality")]
    [InlineData("一、制度风险", "system")]
    [InlineData("岗位职责（个人）风险", "duty")]
    [InlineData("廉政风险", null)]
    public void Categories_are_found_through_numbering_and_aliases(string text, string? code) =>
        Assert.Equal(code, FormLookup.Category(Longsheng, text)?.Code);

    [Fact]
    public void The_seed_form_names_map_to_the_scheme_categories_through_aliases()
    {
        Assert.Equal("ideology", FormLookup.Category(Sanjiang, "思想道德风险")?.Code);
        Assert.Equal("duty", FormLookup.Category(Sanjiang, "岗位职责风险")?.Code);
    }

    [Theory]
    [InlineData("落实“三重一大”决策制度不到位", "decision")]
    [InlineData("存在作风风险：公款吃喝", "conduct")]
    [InlineData("可能被“围猎”", "other")]
    [InlineData("自由裁量空间较大", null)]
    [InlineData("决策风险和制度风险并存", null)]
    [InlineData("岗位职责不清", null)]
    public void A_category_is_inferred_only_when_the_text_clearly_names_one(string text, string? code) =>
        Assert.Equal(code, FormLookup.InferCategory(Shaoxing, text));

    [Fact]
    public void A_form_with_its_own_word_for_the_leader_prints_the_department_before_the_name_and_reads_it_back()
    {
        var r = new Responsible("赵强", "财务处", ["王芳", "李明"]);
        var cell = PointCells.FormatResponsible(r, ["王芳（2026-03-20）"], "处室单位负责人");
        Assert.Equal("处室单位负责人：财务处 赵强\n责任人员：王芳、李明\n逐条签字：王芳（2026-03-20）", cell);
        var back = PointCells.ParseResponsible(cell);
        Assert.Equal((r.Leader, r.Department), (back.Leader, back.Department));
        Assert.Equal(r.Persons, back.Persons!);
        // a department that would read back as a name keeps its own line
        Assert.Equal("处室单位负责人：赵强\n责任处室：纪检 监察", PointCells.FormatResponsible(new Responsible("赵强", "纪检 监察", []), null, "处室单位负责人"));
        Assert.Equal("责任领导：赵强\n责任处室：财务处", PointCells.FormatResponsible(new Responsible("赵强", "财务处", [])));
    }

    [Fact]
    public void Official_forms_print_measures_without_tags()
    {
        Assert.Equal("1．建立采购内控制度\n2．每季度抽查", PointCells.FormatMeasures([new("建立采购内控制度", "制度建设", "前期预防"), new("每季度抽查", Owner: "王芳")], withTags: false));
    }
}
