using Lianfang.Core.Forms;
using Lianfang.Core.Powers;

namespace Lianfang.Core.Tests.Powers;

public class PowerCatalogFormTests
{
    private static Grid Sheet(params string[][] rows) => new("Sheet1", rows.Select((r, i) => new GridRow(i + 1, r)).ToList());

    [Fact]
    public void Annex1_sections_give_the_category_of_the_items_below()
    {
        var grid = Sheet(
            ["行政职权目录总表"], ["单位：(公章) 示范市卫健委"],
            ["序号", "类别", "项目名称"],
            ["一", "行政许可(含非许可行政审批)", "共 2 项"],
            ["1", "", "医疗机构执业许可"],
            ["2", "", "行政许可事项变更登记"],
            ["二、行政处罚　共 1 项", "", ""],
            ["1", "", "对非法行医的处罚"],
            ["…", "……", "……"]);
        var parse = PowerCatalogForm.Parse([grid]);
        Assert.Empty(parse.Issues);
        Assert.Equal([("医疗机构执业许可", PowerCategory.Licensing), ("行政许可事项变更登记", PowerCategory.Licensing), ("对非法行医的处罚", PowerCategory.Penalty)],
            parse.Items.Select(i => (i.Fields.Name!, i.Fields.Category!.Value)));
        Assert.Equal([5, 6, 8], parse.Items.Select(i => i.Row));
    }

    [Fact]
    public void Annex2_takes_its_category_from_the_title_and_every_field_by_its_column_name()
    {
        var grid = Sheet(
            ["行政职权目录分表（行政处罚类）"], ["单位："],
            ["序号", "项目名称", "实施主体", "实施依据", "公开形式", "公开范围", "公开时间", "收费(征收)\n依据和标准", "承办机构", "备注"],
            ["1", "对非法行医的处罚", "市卫健委", "《执业医师法》第三十九条", "政务网", "社会公开", "作出决定后7日内", "无", "综合监督执法局", ""],
            ["2", "对违规发布医疗广告的处罚", "市卫健委", "《医疗广告管理办法》", "公告栏", "内部公开", "", "", "医政医管处", "会同市场监管"]);
        var parse = PowerCatalogForm.Parse([grid]);
        Assert.Empty(parse.Issues);
        var first = parse.Items[0].Fields;
        Assert.Equal((PowerCategory.Penalty, "市卫健委", "《执业医师法》第三十九条", DisclosureScope.Public, "无", "综合监督执法局"),
            (first.Category!.Value, first.Subject!, first.Basis!, first.DisclosureScope!.Value, first.Fees!, first.Handler!));
        Assert.Equal((DisclosureScope.Internal, "会同市场监管"), (parse.Items[1].Fields.DisclosureScope!.Value, parse.Items[1].Fields.Remarks!));
    }

    [Fact]
    public void Rows_without_a_category_or_with_an_unknown_one_are_reported_with_their_row()
    {
        var noTitle = Sheet(["序号", "项目名称", "公开范围"], ["1", "某项职权", "社会公开"], ["2", "另一项", "看情况"]);
        var parse = PowerCatalogForm.Parse([noTitle]);
        Assert.Equal([(2, "类别"), (3, "类别")], parse.Issues.Select(i => (i.Row, i.Column)));
        var badCategory = Sheet(["类别", "项目名称", "公开范围"], ["行政指导", "某项职权", "社会公开"], ["行政处罚", "另一项", "看情况"]);
        Assert.Equal([(2, "类别"), (3, "公开范围")], PowerCatalogForm.Parse([badCategory]).Issues.Select(i => (i.Row, i.Column)));
    }
}
