using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Schemes;

public abstract class SchemesApiTests(AppFixture f)
{
    private static async Task<int> OpenCampaign(HttpClient c, int root, string scheme = "shaoxing-2018", int year = 2026, int? from = null) =>
        (await c.Post("/api/v1/campaigns", new { name = $"{year}年度廉洁风险排查", year, schemeCode = scheme, rootOrgUnitId = root, deadline = $"{year}-05-31", carryForwardFromCampaignId = from })
            .Expect(HttpStatusCode.Created)).Id();

    [Fact]
    public async Task The_five_presets_come_with_the_seeds_categories_and_levels()
    {
        var schemes = (await f.Admin.GetAsync("/api/v1/schemes").Expect(HttpStatusCode.OK)).EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!);
        Assert.Superset(new HashSet<string> { "shaoxing-2018", "shaoxing-health-2018", "lianyun-finance", "longsheng-2012", "sanjiang-2019" }, schemes.Keys.ToHashSet());
        var shaoxing = schemes["shaoxing-2018"];
        Assert.Equal(7, shaoxing.GetProperty("categories").GetArrayLength());
        Assert.Equal(["重要", "一般"], shaoxing.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        var sanjiang = schemes["sanjiang-2019"];
        Assert.Equal(5, sanjiang.GetProperty("categories").GetArrayLength());
        Assert.Equal(["一级", "二级", "三级"], sanjiang.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Contains(sanjiang.GetProperty("categories").EnumerateArray(), c => c.GetProperty("aliases").EnumerateArray().Any(a => a.GetString()!.Contains("思想道德")));
    }

    [Fact]
    public async Task A_unit_copies_a_preset_adjusts_it_until_a_campaign_uses_it()
    {
        var w = await World.CreateAsync(f, "方案");
        var office = await f.As(w.Users["party_office"]);
        var code = $"wj-{Guid.NewGuid().ToString("N")[..6]}";
        await office.Post("/api/v1/schemes", new { basedOn = "shaoxing-2018", code, name = "卫健委廉洁风险防控方案", orgUnitId = w.U1 }).Expect(HttpStatusCode.Created);
        var scheme = await office.GetAsync($"/api/v1/schemes/{code}").Expect(HttpStatusCode.OK);
        var json = scheme.GetRawText().Replace("\"其他廉洁风险\"", "\"其他廉洁风险（含被“围猎”）\"");
        var put = await office.PutAsync($"/api/v1/schemes/{code}?version={await office.SchemeVersionAsync(code)}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains("含被“围猎”", (await office.GetAsync($"/api/v1/schemes/{code}").Expect(HttpStatusCode.OK)).GetRawText());
        var outsider = await f.As((await f.OtherWorldAsync()).Users["principal"]);
        await outsider.GetAsync($"/api/v1/schemes/{code}").Expect(HttpStatusCode.NotFound);

        await OpenCampaign(office, w.U1, code);
        var again = await office.PutAsync($"/api/v1/schemes/{code}?version={await office.SchemeVersionAsync(code)}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await office.Put("/api/v1/schemes/shaoxing-2018", JsonDocument.Parse(json).RootElement).Expect(HttpStatusCode.Conflict);
    }
}

[Collection("sqlite")] public sealed class SchemesApiTests_Sqlite(SqliteFixture f) : SchemesApiTests(f);
[Collection("postgres")] public sealed class SchemesApiTests_Postgres(PostgresFixture f) : SchemesApiTests(f);
