using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Powers;

public abstract class PowersPagesTests(AppFixture f)
{
    [Fact]
    public async Task A_power_and_its_three_step_flow_are_built_on_the_pages_drawn_and_shown_publicly_when_its_scope_says_so()
    {
        var w = await World.CreateAsync(f, "职权页面");
        var office = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var res = await office.SubmitAsync($"/Powers/Edit?orgUnitId={w.U1}", new()
        {
            ["Input.Category"] = "Penalty", ["Input.Name"] = "违反医疗机构管理规定的处罚", ["Input.Subject"] = "卫健委", ["Input.DisclosureScope"] = "Public",
        }, "#power-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var flowUrl = res.Headers.Location!.OriginalString;
        // a new chart offers room for a whole flow
        Assert.Equal(8, (await office.GetAsync(flowUrl)).QuerySelectorAll("input[name$='.Key']").Length);

        var form = new Dictionary<string, string>
        {
            ["Steps[0].Order"] = "2", ["Steps[0].Key"] = "inquire", ["Steps[0].Name"] = "调查取证", ["Steps[0].Actor"] = "执法科",
            ["Steps[1].Order"] = "1", ["Steps[1].Key"] = "file", ["Steps[1].Name"] = "立案", ["Steps[1].TimeLimit"] = "7日",
            ["Steps[2].Order"] = "3", ["Steps[2].Key"] = "decide", ["Steps[2].Name"] = "处罚决定", ["Steps[2].Supervision"] = "法制审核",
            ["Edges[0].From"] = "file", ["Edges[0].To"] = "inquire", ["Edges[1].From"] = "inquire", ["Edges[1].To"] = "decide",
        };
        res = await office.SubmitAsync(flowUrl, form, "#flow-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var page = await office.GetAsync(flowUrl);
        var steps = page.QuerySelectorAll("figure svg g[data-step]").Select(g => g.GetAttribute("data-step")).ToList();
        Assert.Equal(["file", "inquire", "decide"], steps);
        Assert.Equal(2, page.QuerySelectorAll("figure svg path[data-edge]").Length);

        // a dangling edge comes back with the message, and the saved flow stays as it was
        form["Edges[2].From"] = "decide";
        form["Edges[2].To"] = "appeal";
        res = await office.SubmitAsync(flowUrl, form, "#flow-form");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("“appeal”不存在", await res.Content.ReadAsStringAsync());
        Assert.Equal(2, (await office.GetAsync(flowUrl)).QuerySelectorAll("figure svg path[data-edge]").Length);
        // lines are chosen from the steps drawn; with none given, the steps are joined in their order
        var drawn = await office.GetAsync(flowUrl);
        Assert.Equal(["file", "inquire", "decide"], drawn.QuerySelectorAll("datalist#flow-steps option").Select(o => o.GetAttribute("value")));
        Assert.Equal("flow-steps", drawn.QuerySelector("input[name='Edges[0].From']")!.GetAttribute("list"));
        // the printed chart carries neither the breadcrumb nor the “已保存” message
        Assert.Contains("no-print", drawn.QuerySelector("nav[aria-label=breadcrumb]")!.ClassName);
        var linear = form.Where(kv => !kv.Key.StartsWith("Edges")).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var i in Enumerable.Range(0, 6)) { linear[$"Edges[{i}].From"] = ""; linear[$"Edges[{i}].To"] = ""; }
        res = await office.SubmitAsync(flowUrl, linear, "#flow-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var saved = await office.GetAsync(flowUrl);
        Assert.Equal(2, saved.QuerySelectorAll("figure svg path[data-edge]").Length);
        Assert.Contains("no-print", saved.QuerySelector(".alert-success")!.ClassName);

        var anon = new PageClient(f.App.CreateClient());
        var publicPage = await anon.GetAsync($"/public/units/{w.U1}");
        Assert.Contains("违反医疗机构管理规定的处罚", PageClient.Text(publicPage));
        Assert.NotNull(publicPage.QuerySelector("figure svg g[data-step='decide']"));

        res = await office.SubmitAsync($"/Powers/Edit?orgUnitId={w.U2}", new() { ["Input.Category"] = "Internal", ["Input.Name"] = "大额资金支出", ["Input.DisclosureScope"] = "Internal" }, "#power-form");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode); // 财政局 is not this party office's unit
        var index = PageClient.Text(await office.GetAsync($"/Powers?orgUnitId={w.U1}"));
        Assert.Contains("行政处罚", index);
        var export = await office.Http.GetAsync($"/Powers?handler=Export&orgUnitId={w.U1}&form=annex2&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains("行政职权目录分表", export.Content.Headers.ContentDisposition!.FileNameStar);
    }
}

[Collection("sqlite")] public sealed class PowersPagesTests_Sqlite(SqliteFixture f) : PowersPagesTests(f);
[Collection("postgres")] public sealed class PowersPagesTests_Postgres(PostgresFixture f) : PowersPagesTests(f);
