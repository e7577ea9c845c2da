using Lianfang.Core.Register;

namespace Lianfang.Core.Tests.Register;

public class MeasureTextTests
{
    [Fact]
    public void Numbered_lines_become_separate_measures_without_their_numbers()
    {
        Assert.Equal(["严格执行采购程序", "采购结果公示", "纪检全程监督"],
            MeasureText.Split("1．严格执行采购程序\n2.采购结果公示\n（3）纪检全程监督"));
    }

    [Fact]
    public void Several_numbered_items_on_one_line_are_split_too()
    {
        Assert.Equal(["建立台账；", "每季度核查。", "年终通报。"], MeasureText.Split("①建立台账；②每季度核查。3．年终通报。"));
    }

    [Fact]
    public void Placeholders_and_blank_lines_are_dropped()
    {
        Assert.Equal(["落实一岗双责"], MeasureText.Split("\n1．落实一岗双责\n2.\n\n"));
        Assert.Empty(MeasureText.Split("   "));
    }

    [Fact]
    public void Items_numbered_in_sequence_on_one_line_are_split_without_separators()
    {
        Assert.Equal(["双人复核", "每月抽查", "结果公示"], MeasureText.Split("1．双人复核 2．每月抽查3.结果公示"));
        Assert.Equal(["采购金额超过2.5万元须集体决策"], MeasureText.Split("1．采购金额超过2.5万元须集体决策"));
        Assert.Equal(["执行3、4号文件"], MeasureText.Split("执行3、4号文件"));
    }
}
