using Lianfang.Core.Register;
using Lianfang.Core.Reports;

namespace Lianfang.Core.Tests.Reports;

public class SummaryRollupTests
{
    // 省 0001 ─ 市 00010001 ─ 局 000100010001 ─ 处 0001000100010001
    private const string Province = "0001", City = "00010001", Bureau = "000100010001", Office = "0001000100010001", OtherCity = "00010002";

    private static RollupKey K(string path, string category = "power", string level = "important", int campaign = 1) => new(campaign, path, category, level);

    [Fact]
    public void A_units_own_points_count_in_its_own_row_and_in_the_subtree_of_it_and_every_unit_above()
    {
        var rows = Rollups.Expand([(K(Office), new Tally(2, 5, 3)), (K(Bureau), new Tally(1, 1, 1)), (K(OtherCity), new Tally(4, 4, 0))]);

        Assert.Equal(new RollupFigures(new(2, 5, 3), new(2, 5, 3)), rows[K(Office)]);
        Assert.Equal(new RollupFigures(new(1, 1, 1), new(3, 6, 4)), rows[K(Bureau)]);
        Assert.Equal(new RollupFigures(default, new(3, 6, 4)), rows[K(City)]);
        Assert.Equal(new RollupFigures(new(4, 4, 0), new(4, 4, 0)), rows[K(OtherCity)]);
        Assert.Equal(new RollupFigures(default, new(7, 10, 4)), rows[K(Province)]);
        Assert.Equal(5, rows.Count);
    }

    [Fact]
    public void Categories_levels_and_campaigns_are_rows_of_their_own()
    {
        var rows = Rollups.Expand([(K(City, "power", "important"), new Tally(1, 1, 1)), (K(City, "power", "general"), new Tally(2, 2, 2)),
            (K(City, "conduct", "important"), new Tally(3, 3, 3)), (K(City, campaign: 2), new Tally(4, 4, 4)), (K(City, "post", "general"), default)]);

        Assert.Equal(8, rows.Count); // four cells, each at the city and the province; the empty one makes no row
        Assert.Equal(new Tally(1, 1, 1), rows[K(Province)].Subtree);
        Assert.Equal(new Tally(4, 4, 4), rows[K(Province, campaign: 2)].Subtree);
        Assert.DoesNotContain(K(City, "post", "general"), rows.Keys);
    }

    [Fact]
    public void Comparing_names_each_row_kept_differently_from_the_count_and_a_missing_row_counts_as_zero()
    {
        var counted = Rollups.Expand([(K(Office), new Tally(2, 2, 2)), (K(City, "conduct"), new Tally(1, 1, 1))]);
        var kept = new Dictionary<RollupKey, RollupFigures>(counted);
        Assert.Empty(Rollups.Compare(kept, counted));

        kept[K(City)] = kept[K(City)] with { Subtree = new Tally(3, 2, 2) }; // one point too many
        kept.Remove(K(Office));                                               // a row lost
        kept[K(OtherCity)] = new RollupFigures(new(1, 0, 0), new(1, 0, 0));  // a row nobody counts
        var differences = Rollups.Compare(kept, counted);

        Assert.Equal([K(City), K(Office), K(OtherCity)], differences.Select(d => d.Key));
        Assert.Equal((new Tally(3, 2, 2), new Tally(2, 2, 2)), (differences[0].Kept.Subtree, differences[0].Counted.Subtree));
        Assert.Equal((default(RollupFigures), new RollupFigures(new(2, 2, 2), new(2, 2, 2))), (differences[1].Kept, differences[1].Counted));
        Assert.Equal(default, differences[2].Counted);
    }

    [Fact]
    public void The_change_of_a_units_own_figures_is_what_its_subtree_and_every_unit_above_gain_or_lose()
    {
        var kept = new Dictionary<(string, string), Tally> { [("power", "important")] = new(2, 4, 2), [("conduct", "general")] = new(1, 1, 1) };
        var counted = new Dictionary<(string, string), Tally> { [("power", "important")] = new(3, 5, 2), [("conduct", "general")] = new(1, 1, 1), [("post", "general")] = new(1, 2, 0) };

        var changes = Rollups.Changes(kept, counted);
        Assert.Equal(new Dictionary<(string, string), Tally> { [("power", "important")] = new(1, 1, 0), [("post", "general")] = new(1, 2, 0) }, changes);

        // a list reopened: everything it counted leaves
        Assert.Equal(new Tally(-1, -1, -1), Rollups.Changes(kept, new Dictionary<(string, string), Tally> { [("power", "important")] = new(2, 4, 2) })[("conduct", "general")]);
        Assert.Empty(Rollups.Changes(kept, kept));
    }

    [Fact]
    public void A_row_keeps_its_own_figures_and_adds_up_its_subtree()
    {
        var row = new SummaryRollup(1, 7, "power", "important");
        Assert.True(row.IsEmpty);
        row.AddToSubtree(new Tally(2, 3, 1));
        row.SetOwn(new Tally(1, 1, 1));
        row.AddToSubtree(new Tally(-1, -1, 0));
        Assert.Equal((new Tally(1, 2, 1), new Tally(1, 1, 1)), (row.Subtree, row.Own));
        row.AddToSubtree(new Tally(-1, -2, -1));
        row.SetOwn(default);
        Assert.True(row.IsEmpty);
    }

    [Theory]
    [InlineData(ListStatus.Draft, false)]
    [InlineData(ListStatus.InReview, false)]
    [InlineData(ListStatus.Returned, false)]
    [InlineData(ListStatus.Approved, true)]
    [InlineData(ListStatus.Published, true)]
    public void Only_approved_and_published_lists_count(ListStatus status, bool counts) => Assert.Equal(counts, SummaryRollup.Counts(status));
}
