using System.Net;
using System.Net.Http.Headers;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Supervision;

public abstract class SupervisionPagesTests(AppFixture f)
{
    private static long IdFrom(HttpResponseMessage res) => long.Parse(res.Headers.Location!.OriginalString.Split("id=")[1].Split('&', '#')[0]);

    [Fact]
    public async Task An_inquiry_is_answered_a_rectification_is_reported_and_verified_through_the_pages()
    {
        var s = await WrittenList.ApprovedAsync(f, "页面检查");
        var point = (await f.Observer.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray()
            .Single(p => p.GetProperty("levelCode").GetString() == "important").GetProperty("id").GetInt64();
        var agency = await PageClient.LoginAsync(f, s.W.Users["agency"]);
        var form = await agency.GetAsync($"/Supervision/New?pointId={point}");
        Assert.NotNull(form.QuerySelector($"input[name='Input.RiskPointIds'][value='{point}'][checked]"));
        var res = await agency.SubmitAsync($"/Supervision/New?pointId={point}", new()
        {
            ["Input.Type"] = "Written", ["Input.Subject"] = "请说明资金拨付复核情况", ["Input.RiskPointIds"] = point.ToString(), ["Input.Date"] = f.App.Today.ToString("yyyy-MM-dd"),
        }, "#inspection-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var inspection = IdFrom(res);
        var url = $"/Supervision/Inspection?id={inspection}";
        Assert.Contains("待回复", PageClient.Text(await agency.GetAsync(url)));

        var head = await PageClient.LoginAsync(f, s.W.Users["dept_head"]);
        res = await head.SubmitAsync(url, new() { ["record"] = "已执行双人复核" }, "handler=Complete");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("已执行双人复核", PageClient.Text(await agency.GetAsync(url)));

        res = await agency.SubmitAsync(url, new()
        {
            ["Finding.Description"] = "两笔拨付仅一人签字", ["Finding.RiskPointId"] = point.ToString(), ["Finding.OwnerOrgUnitId"] = s.W.D1.ToString(),
            ["Finding.OwnerPersonId"] = s.W.X1.ToString(), ["Finding.Task"] = "补签并建立复核台账", ["Finding.Deadline"] = f.App.Today.AddDays(20).ToString("yyyy-MM-dd"),
        }, "handler=Finding");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var link = (await agency.GetAsync(url)).QuerySelectorAll("a").First(a => a.TextContent == "补签并建立复核台账").GetAttribute("href")!;
        var rid = long.Parse(link.Split("id=")[1]);

        Assert.Contains("补签并建立复核台账", PageClient.Text(await head.GetAsync("/Supervision/Rectifications")));
        var pdf = new ByteArrayContent("%PDF-1.4 台账"u8.ToArray());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var api = await f.As(s.W.Users["dept_head"]);
        await api.PostAsync($"/api/v1/rectifications/{rid}/evidence", new MultipartFormDataContent { { pdf, "file", "复核台账.pdf" } }).Expect(HttpStatusCode.Created);
        res = await head.SubmitAsync(link, new() { ["report"] = "已补签，台账已建立" }, "handler=Submit");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var page = await agency.GetAsync(link);
        Assert.Contains("复核台账.pdf", PageClient.Text(page));
        Assert.Contains("待验收", PageClient.Text(page));
        res = await agency.SubmitAsync(link, new() { ["passed"] = "true", ["comment"] = "台账完整" }, "handler=Verify");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("已验收", PageClient.Text(await head.GetAsync(link)));
        await (await PageClient.LoginAsync(f, (await f.OtherWorldAsync()).Users["agency"])).GetAsync(link, HttpStatusCode.NotFound);
    }
}

[Collection("sqlite")] public sealed class SupervisionPagesTests_Sqlite(SqliteFixture f) : SupervisionPagesTests(f);
[Collection("postgres")] public sealed class SupervisionPagesTests_Postgres(PostgresFixture f) : SupervisionPagesTests(f);
