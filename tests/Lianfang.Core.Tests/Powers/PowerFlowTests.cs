using System.Xml.Linq;
using Lianfang.Core.Powers;

namespace Lianfang.Core.Tests.Powers;

public class PowerFlowTests
{
    private static readonly FlowStep[] FourSteps =
    [
        new("accept", "受理", "窗口", TimeLimit: "1日"), new("review", "审查", "审批科"), new("decide", "决定", "分管领导", Supervision: "集体研究"), new("issue", "送达", "窗口"),
    ];

    private static PowerFlow Flow(params FlowEdge[] edges) => new(FourSteps, edges);

    [Fact]
    public void A_straight_flow_with_a_back_edge_for_corrections_is_valid()
    {
        var flow = Flow(new("accept", "review"), new("review", "decide"), new("decide", "issue"), new("review", "accept", "材料不全，退回补正", Back: true));
        Assert.Empty(flow.Problems());
        Assert.Equal([0, 1, 2, 3], FourSteps.Select(s => flow.Layers()[s.Key]));
    }

    [Fact]
    public void Dangling_edges_are_named()
    {
        var problems = Flow(new("accept", "review"), new("review", "approve"), new("decide", "issue")).Problems().ToList();
        Assert.Contains(problems, p => p.Field == "edges[1].to" && p.Message.Contains("approve"));
    }

    [Fact]
    public void A_cycle_of_forward_edges_is_refused_with_its_path()
    {
        var flow = Flow(new("accept", "review"), new("review", "decide"), new("decide", "review"), new("decide", "issue"));
        var cycle = Assert.Single(flow.Problems(), p => p.Message.Contains("循环"));
        Assert.Contains("review → decide → review", cycle.Message);
        Assert.Throws<DomainException>(flow.Validate);
    }

    [Fact]
    public void Steps_the_start_cannot_reach_are_refused()
    {
        var problems = Flow(new("accept", "review"), new("decide", "issue")).Problems().ToList();
        Assert.Contains(problems, p => p.Message.Contains("“决定”") && p.Message.Contains("无法到达"));
        Assert.Contains(problems, p => p.Message.Contains("“送达”"));
    }

    [Fact]
    public void Doubled_or_missing_keys_and_names_are_refused()
    {
        var flow = new PowerFlow([new("a", "受理"), new("a", "审查"), new("", "")], [new("a", "a")]);
        var messages = flow.Problems().Select(p => p.Message).ToList();
        Assert.Contains(messages, m => m.Contains("重复"));
        Assert.Contains(messages, m => m.Contains("缺少编号"));
        Assert.Contains(messages, m => m.Contains("缺少名称"));
        Assert.Contains(messages, m => m.Contains("首尾是同一步骤"));
    }

    [Fact]
    public void Branches_sit_side_by_side_on_the_same_layer()
    {
        var flow = new PowerFlow([new("a", "受理"), new("b", "简易程序"), new("c", "一般程序"), new("d", "决定")],
            [new("a", "b", "简易"), new("a", "c", "一般"), new("b", "d"), new("c", "d")]);
        Assert.Empty(flow.Problems());
        var layers = flow.Layers();
        Assert.Equal((1, 1, 2), (layers["b"], layers["c"], layers["d"]));
    }

    [Fact]
    public void The_chart_draws_every_step_and_edge_and_colours_each_pinned_point_by_level()
    {
        var flow = Flow(new("accept", "review"), new("review", "decide"), new("decide", "issue"), new("review", "accept", "退回补正", Back: true));
        var points = new Dictionary<string, IReadOnlyList<PinnedPoint>>
        {
            ["review"] = [new PinnedPoint("审查把关不严，降低标准", "一级", 1)],
            ["decide"] = [new PinnedPoint("违规审批", "二级", 2), new PinnedPoint("吃拿卡要", "三级", 3)],
        };
        var svg = XDocument.Parse(FlowChart.Svg("医疗机构执业许可", flow, points, 3));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var steps = svg.Descendants(ns + "g").Where(g => g.Attribute("data-step") is not null).ToList();
        Assert.Equal(["accept", "review", "decide", "issue"], steps.Select(g => g.Attribute("data-step")!.Value));
        Assert.All(FourSteps, s => Assert.Contains(steps, g => g.Value.Contains(s.Name)));
        Assert.Equal(4, svg.Descendants(ns + "path").Count(p => p.Attribute("data-edge") is not null));
        Assert.Equal("5 4", svg.Descendants(ns + "path").Single(p => p.Attribute("data-edge")?.Value == "review-accept").Attribute("stroke-dasharray")!.Value);
        string Fill(string step, int rank) => steps.Single(g => g.Attribute("data-step")!.Value == step).Descendants(ns + "rect")
            .Single(r => r.Attribute("data-level-rank")?.Value == rank.ToString()).Attribute("fill")!.Value;
        Assert.Equal("#c62828", Fill("review", 1));
        Assert.Equal("#ef6c00", Fill("decide", 2));
        Assert.Equal("#1565c0", Fill("decide", 3));
        // a step's border takes the colour of its worst point
        Assert.Equal("#c62828", steps[1].Element(ns + "rect")!.Attribute("stroke")!.Value);
        Assert.Equal("#444", steps[0].Element(ns + "rect")!.Attribute("stroke")!.Value);
        Assert.DoesNotContain("style=", svg.ToString());
    }

    [Fact]
    public void Text_in_the_chart_is_escaped()
    {
        var flow = new PowerFlow([new("a", "<script>alert(1)</script>")], []);
        var svg = FlowChart.Svg("A&B", flow, new Dictionary<string, IReadOnlyList<PinnedPoint>>(), 2);
        Assert.DoesNotContain("<script>", svg);
        XDocument.Parse(svg);
    }

    [Fact]
    public void Categories_and_disclosure_are_read_as_forms_write_them()
    {
        Assert.Equal(PowerCategory.Licensing, PowerItem.ParseCategory("一、行政许可(含非许可行政审批)"));
        Assert.Equal(PowerCategory.Penalty, PowerItem.ParseCategory("行政处罚"));
        Assert.Equal(PowerCategory.Internal, PowerItem.ParseCategory("Internal"));
        Assert.Null(PowerItem.ParseCategory("行政指导"));
        Assert.Equal(DisclosureScope.None, PowerItem.ParseScope("不公开"));
        Assert.Equal(DisclosureScope.Internal, PowerItem.ParseScope("单位内部"));
        Assert.Equal(DisclosureScope.Public, PowerItem.ParseScope("向社会公开"));
    }
}
