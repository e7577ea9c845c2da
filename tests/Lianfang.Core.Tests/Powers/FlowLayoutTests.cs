using Lianfang.Core.Powers;

namespace Lianfang.Core.Tests.Powers;

public class FlowLayoutTests
{
    private static FlowStep S(string key) => new(key, $"环节{key}", "科室", TimeLimit: "3日");

    private static IReadOnlyList<PinnedPoint> Points(int n) => Enumerable.Range(1, n).Select(i => new PinnedPoint($"风险{i}", "二级", 2)).ToList();

    /// <summary>Three branches of different heights joining again, a step skipped over, and two back edges.</summary>
    private static FlowLayout Branching() => FlowLayout.Of("许可",
        new PowerFlow([S("a"), S("b"), S("c"), S("d"), S("e"), S("f")],
            [new("a", "b"), new("a", "c"), new("a", "d"), new("b", "e"), new("c", "e"), new("d", "e"), new("e", "f"), new("a", "f"),
             new("e", "a", "退回", Back: true), new("c", "a", Back: true)]),
        new Dictionary<string, IReadOnlyList<PinnedPoint>> { ["c"] = Points(6), ["d"] = [new("吃拿卡要", "一级", 1)] }, 3);

    [Fact]
    public void Boxes_do_not_overlap_and_everything_lies_inside_the_drawing()
    {
        var layout = Branching();
        Assert.Equal(6, layout.Steps.Count);
        foreach (var (a, b) in layout.Steps.SelectMany((a, i) => layout.Steps.Skip(i + 1).Select(b => (a, b))))
            Assert.False(a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height, $"{a.Key} overlaps {b.Key}");
        Assert.All(layout.Steps, s =>
            Assert.True(s.X >= 0 && s.Y >= layout.BodyTop && s.X + s.Width <= layout.Width && s.Y + s.Height <= layout.Height, s.Key));
        Assert.All(layout.Edges.SelectMany(e => e.Route), p => Assert.True(p.X >= 0 && p.X <= layout.Width && p.Y >= layout.BodyTop && p.Y <= layout.Height));
    }

    [Fact]
    public void Every_edge_joins_the_border_of_its_two_boxes_and_runs_down_the_flow_unless_it_goes_back()
    {
        var layout = Branching();
        var box = layout.Steps.ToDictionary(s => s.Key);
        Assert.Equal(10, layout.Edges.Count);
        foreach (var e in layout.Edges)
        {
            var (from, to) = (box[e.From], box[e.To]);
            Assert.True(OnBorder(from, e.Route[0]), $"{e.From}→{e.To} starts on {e.From}");
            Assert.True(OnBorder(to, e.Route[^1]), $"{e.From}→{e.To} ends on {e.To}");
            Assert.Equal(e.Back, to.Y < from.Y);
            // every segment runs straight across or down, so arrows meet their box square
            Assert.All(e.Route.Zip(e.Route.Skip(1)), s => Assert.True(s.First.X == s.Second.X || s.First.Y == s.Second.Y));
        }
        Assert.All(layout.Edges.Where(e => e.Back), e => Assert.Equal("#888", e.Stroke));
        Assert.Equal("退回", Assert.Single(layout.Edges, e => e.Back && e.Label is not null).Label!.Text);
    }

    [Fact]
    public void Lines_between_neighbouring_rows_pass_beside_the_other_boxes_not_through_them()
    {
        var layout = Branching();
        foreach (var e in layout.Edges.Where(e => !e.Back && !(e.From == "a" && e.To == "f")))
            foreach (var s in layout.Steps.Where(s => s.Key != e.From && s.Key != e.To))
                Assert.False(e.Route.Zip(e.Route.Skip(1)).Any(seg => Crosses(s, seg.First, seg.Second)), $"{e.From}→{e.To} crosses {s.Key}");
    }

    [Fact]
    public void Pinned_points_sit_in_their_box_in_their_level_colour_and_the_rest_are_counted()
    {
        var layout = Branching();
        var c = layout.Steps.Single(s => s.Key == "c");
        Assert.Equal(4, c.Points.Count);
        Assert.Equal("另有 2 个风险点", c.More!.Text);
        Assert.All(c.Points, p => Assert.True(p.X > c.X && p.Y > c.Y + 40 && p.X + p.Width < c.X + c.Width && p.Y + p.Height < c.Y + c.Height));
        Assert.True(c.More.Y < c.Y + c.Height);
        Assert.All(c.Points, p => Assert.Equal("#ef6c00", p.Color));
        var d = layout.Steps.Single(s => s.Key == "d");
        Assert.Equal(("#c62828", "#c62828"), (d.Points[0].Color, d.Border));
        Assert.Equal("#444", layout.Steps.Single(s => s.Key == "a").Border);
    }

    private static bool OnBorder(StepBox b, ChartPoint p) =>
        p.X >= b.X - 1 && p.X <= b.X + b.Width + 1 && p.Y >= b.Y - 1 && p.Y <= b.Y + b.Height + 1
        && (Math.Abs(p.X - b.X) <= 1 || Math.Abs(p.X - b.X - b.Width) <= 1 || Math.Abs(p.Y - b.Y) <= 1 || Math.Abs(p.Y - b.Y - b.Height) <= 1);

    /// <summary>Whether a straight, axis-parallel segment passes through the inside of a box.</summary>
    private static bool Crosses(StepBox b, ChartPoint p, ChartPoint q) =>
        Math.Max(p.X, q.X) > b.X && Math.Min(p.X, q.X) < b.X + b.Width && Math.Max(p.Y, q.Y) > b.Y && Math.Min(p.Y, q.Y) < b.Y + b.Height;
}
