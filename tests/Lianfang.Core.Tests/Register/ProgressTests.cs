using Lianfang.Core.Register;

namespace Lianfang.Core.Tests.Register;

public class ProgressTests
{
    private static readonly Progress.UnitRef Root = new(1, "纪委", "0001");
    private static readonly Progress.UnitRef[] Units = [new(2, "卫健委", "00010001"), new(3, "财政局", "00010002")];

    [Fact]
    public void Lists_of_departments_and_people_count_for_their_unit_and_late_means_unapproved_after_the_deadline()
    {
        var counts = new (string, ListStatus, int)[]
        {
            ("00010001", ListStatus.Approved, 1),          // 卫健委's own list
            ("000100010001", ListStatus.Draft, 3),         // its 财务处
            ("000100010002", ListStatus.InReview, 2),      // its 办公室
            ("000100010002", ListStatus.Published, 4),
            ("000100020001", ListStatus.Returned, 1),      // 财政局 · 国库科
            ("0001", ListStatus.Draft, 1),                 // the commission's own list
        };
        var rows = Progress.RollUp(counts, Units, Root, pastDeadline: true);
        Assert.Equal(["纪委", "卫健委", "财政局"], rows.Select(r => r.Unit));
        var health = rows[1];
        Assert.Equal((10, 3, 2, 5, 50, 5), (health.Total, health.Draft, health.InReview, health.Done, health.Percent, health.Late));
        Assert.Equal((1, 1), (rows[2].Total, rows[2].Late));
        Assert.Equal(0, Progress.RollUp(counts, Units, Root, pastDeadline: false).Sum(r => r.Late));
    }

    [Fact]
    public void Units_without_lists_are_left_out()
    {
        var rows = Progress.RollUp([("00010002", ListStatus.Approved, 2)], Units, Root, pastDeadline: false);
        Assert.Equal(["财政局"], rows.Select(r => r.Unit));
        Assert.Equal(100, rows[0].Percent);
    }
}
