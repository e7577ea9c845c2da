using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Powers;

public abstract class PowersApiTests(AppFixture f)
{
    private static readonly object[] FourSteps =
    [
        new { key = "accept", name = "受理", actor = "政务窗口", timeLimit = "1个工作日" },
        new { key = "review", name = "审查", actor = "医政医管处", conditions = "材料齐全", timeLimit = "10个工作日" },
        new { key = "decide", name = "决定", actor = "分管领导", supervision = "集体研究、纪检全程监督" },
        new { key = "issue", name = "送达", actor = "政务窗口" },
    ];

    private static readonly object[] Edges =
    [
        new { from = "accept", to = "review" }, new { from = "review", to = "decide" }, new { from = "decide", to = "issue" },
        new { from = "review", to = "accept", label = "退回补正", back = true },
    ];

    private async Task<(World W, int Power)> LicensingAsync(string label)
    {
        var w = await World.CreateAsync(f, label);
        var office = await f.As(w.Users["party_office"]);
        var power = (await office.Post("/api/v1/powers", new
        {
            orgUnitId = w.U1, category = "Licensing", name = "医疗机构执业许可", subject = "卫健委", basis = "《医疗机构管理条例》",
            disclosureForm = "政务网", disclosureScope = "Public", disclosureTime = "办结后7日内", handler = "医政医管处",
        }).Expect(HttpStatusCode.Created)).Id();
        await office.Put($"/api/v1/powers/{power}/flow", new { steps = FourSteps, edges = Edges, version = await office.PowerVersionAsync(power) }).Expect(HttpStatusCode.OK);
        return (w, power);
    }

    [Fact]
    public async Task A_licensing_power_with_four_steps_gets_two_points_pinned_and_the_chart_colours_them()
    {
        var (w, power) = await LicensingAsync("职权");
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "排查", year = 2026, schemeCode = "sanjiang-2019", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var unitList = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("orgUnitId").GetInt32() == w.U1 && l.GetProperty("postId").ValueKind == JsonValueKind.Null).Id();
        var office = await f.As(w.Users["party_office"]);
        Assert.Equal(["flowStepKey"], (await office.Post($"/api/v1/lists/{unitList}/risk-points", new
            { categoryCode = "process", description = "审查中降低标准", levelCode = "level1", powerId = power, flowStepKey = "approve" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await office.Post($"/api/v1/lists/{unitList}/risk-points", new
            { categoryCode = "process", description = "审查中降低标准", levelCode = "level1", powerId = power, flowStepKey = "review" }).Expect(HttpStatusCode.Created);
        await office.Post($"/api/v1/lists/{unitList}/risk-points", new
            { categoryCode = "ideology", description = "决定环节吃拿卡要", levelCode = "level2", powerId = power, flowStepKey = "decide" }).Expect(HttpStatusCode.Created);

        var svg = XDocument.Parse(await (await office.GetAsync($"/api/v1/powers/{power}/flow.svg")).Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var steps = svg.Descendants(ns + "g").Where(g => g.Attribute("data-step") is not null).ToDictionary(g => g.Attribute("data-step")!.Value);
        Assert.Equal(4, steps.Count);
        Assert.Equal("#c62828", steps["review"].Descendants(ns + "rect").Single(r => r.Attribute("data-level-rank") is not null).Attribute("fill")!.Value);
        Assert.Equal("#ef6c00", steps["decide"].Descendants(ns + "rect").Single(r => r.Attribute("data-level-rank") is not null).Attribute("fill")!.Value);
        Assert.Contains("审查中降低标准", steps["review"].Value);

        var table = await office.GetAsync($"/api/v1/powers/{power}/flow/export?format=docx");
        Assert.Equal(HttpStatusCode.OK, table.StatusCode);
        var text = (await Forms.LibreOffice.ConvertAsync(Forms.LibreOffice.Text, "txt", new Dictionary<string, byte[]> { ["flow.docx"] = await table.Content.ReadAsByteArrayAsync() }))["flow.docx"];
        Assert.Contains("医疗机构执业许可权力运行流程图", text);
        Assert.Contains("审查中降低标准【一级】", text);
        Assert.Contains("退回受理（退回补正）", text);

        var byPower = await office.GetAsync($"/api/v1/risk-points?powerId={power}").Expect(HttpStatusCode.OK);
        Assert.Equal(2, byPower.GetProperty("total").GetInt32());
        Assert.Equal(2, (await office.GetAsync($"/api/v1/powers?orgUnitId={w.U1}").Expect(HttpStatusCode.OK))[0].GetProperty("riskPoints").GetInt32());

        // the step holding a 一级 point has no 监督方式: a warning names it
        var warnings = (await office.GetAsync("/api/v1/warnings?rule=step-without-supervision").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Contains(warnings, x => x.GetProperty("targetId").GetInt64() == power && x.GetProperty("message").GetString()!.Contains("“审查”"));
        // pinned steps cannot be removed from the flow
        var shorter = await office.Put($"/api/v1/powers/{power}/flow", new { steps = FourSteps.Where((_, i) => i != 1).ToArray(), edges = Array.Empty<object>(), version = await office.PowerVersionAsync(power) })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("审查中降低标准", shorter.GetProperty("detail").GetString());
        await (await f.As((await f.OtherWorldAsync()).Users["party_office"])).GetAsync($"/api/v1/powers/{power}/flow.svg").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_flow_is_refused_with_every_problem_and_changes_nothing()
    {
        var (w, power) = await LicensingAsync("坏流程");
        var office = await f.As(w.Users["party_office"]);
        var bad = await office.Put($"/api/v1/powers/{power}/flow", new
        {
            steps = FourSteps,
            edges = new object[] { new { from = "accept", to = "review" }, new { from = "review", to = "approve" }, new { from = "review", to = "accept" } },
            version = await office.PowerVersionAsync(power),
        }).Expect(HttpStatusCode.BadRequest);
        var messages = bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("“approve”不存在"));
        Assert.Contains(messages, m => m.Contains("循环"));
        Assert.Contains(messages, m => m.Contains("“决定”") && m.Contains("无法到达"));
        var flow = (await office.GetAsync($"/api/v1/powers/{power}").Expect(HttpStatusCode.OK)).GetProperty("flow");
        Assert.Equal(4, flow.GetProperty("edges").GetArrayLength());

        await (await f.As(w.Users["staff"])).Post("/api/v1/powers", new { orgUnitId = w.D1, category = "Penalty", name = "行政处罚" }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["category"], (await office.Post("/api/v1/powers", new { orgUnitId = w.U1, name = "无类别" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var noPoints = (await office.GetAsync("/api/v1/warnings?rule=power-without-risk-point").Expect(HttpStatusCode.OK)).EnumerateArray();
        Assert.Contains(noPoints, x => x.GetProperty("targetId").GetInt64() == power);
    }
}

[Collection("sqlite")] public sealed class PowersApiTests_Sqlite(SqliteFixture f) : PowersApiTests(f);
[Collection("postgres")] public sealed class PowersApiTests_Postgres(PostgresFixture f) : PowersApiTests(f);
