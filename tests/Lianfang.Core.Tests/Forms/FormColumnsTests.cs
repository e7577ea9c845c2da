using Lianfang.Core.Forms;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Forms;

public class FormColumnsTests
{
    [Theory]
    [InlineData("序号", FormField.Seq)]
    [InlineData("廉洁风险点描述", FormField.Description)]
    [InlineData("具　体　内　容　及　表　现　形　式", FormField.Description)]
    [InlineData("潜在风险点及表现", FormField.Description)]
    [InlineData("具体风险点", FormField.Description)]
    [InlineData("风险\n等级", FormField.Level)]
    [InlineData("风险等级（自评）", FormField.Level)]
    [InlineData("风险等级(审定)", FormField.ApprovedLevel)]
    [InlineData("风险类别", FormField.Category)]
    [InlineData("表现形式", FormField.Manifestation)]
    [InlineData("防控措施", FormField.Measures)]
    [InlineData("监督检查路径", FormField.Supervision)]
    [InlineData("相关责任人", FormField.Responsible)]
    [InlineData("责任人员", FormField.Persons)]
    public void Column_names_of_the_seed_forms_are_recognised(string header, FormField field) => Assert.Equal(field, FormColumns.Match(header));

    [Theory]
    [InlineData("姓名")]
    [InlineData("岗位职责")]
    [InlineData("任职时间")]
    [InlineData("填表处室（单位）：财务处 日期：2026年3月20日 这一行是标题下的说明文字")]
    public void Other_cells_are_not_columns(string header) => Assert.Null(FormColumns.Match(header));

    [Fact]
    public void Every_preset_list_form_has_a_description_column_and_every_column_is_known()
    {
        foreach (var scheme in Presets.All)
            foreach (var form in scheme.Forms.Where(f => !f.Columns.Any(c => c.Contains("合计")) && f.Columns.Any(c => FormColumns.Match(c) == FormField.Description)))
                Assert.All(form.Columns, c => Assert.True(FormColumns.Match(c) is not null, $"{scheme.Code}/{form.Code}: {c}"));
    }

    [Fact]
    public void The_full_form_holds_every_field()
    {
        var fields = FormColumns.Detail.Select(FormColumns.Match).ToHashSet();
        Assert.Superset(new HashSet<FormField?>
        {
            FormField.Seq, FormField.Category, FormField.Description, FormField.Manifestation, FormField.Level, FormField.ApprovedLevel, FormField.Measures,
            FormField.SupervisionBasis, FormField.SupervisionFocus, FormField.SupervisionMethods, FormField.Leader, FormField.Department, FormField.Persons, FormField.Sources,
        }, fields);
    }
}
