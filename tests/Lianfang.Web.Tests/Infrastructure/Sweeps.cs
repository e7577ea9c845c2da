using System.Net;
using System.Text.Json;
using Lianfang.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>What the rule and warning tests share: a campaign over a world, the warning sweep run there, its warnings.</summary>
public static class Sweeps
{
    public static async Task<int> CampaignAsync(this AppFixture f, World w, string scheme, int? year = null)
    {
        var y = year ?? f.App.Today.Year;
        return (await f.Observer.Post("/api/v1/campaigns", new { name = $"{y}年度排查", year = y, schemeCode = scheme, rootOrgUnitId = w.U1, deadline = $"{y}-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
    }

    /// <summary>Runs the rules over the world's commission and below, as the timer would.</summary>
    public static async Task SweepAsync(this AppFixture f, World w, params string[] rules)
    {
        var path = await f.App.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == w.C).Select(u => u.Path).SingleAsync());
        using var scope = f.App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<WarningSweep>().RunAsync(rules, default, path);
    }

    /// <summary>The world's active warnings of a rule, as the commission's observer reads them.</summary>
    public static async Task<JsonElement[]> WarningsAsync(this AppFixture f, World w, string rule) =>
        (await f.Observer.GetAsync($"/api/v1/warnings?rule={rule}&orgUnitId={w.C}").Expect(HttpStatusCode.OK)).EnumerateArray().ToArray();

    /// <summary>The active warnings of a rule the caller sees.</summary>
    public static async Task<JsonElement[]> WarningsAsync(this HttpClient c, string rule) =>
        (await c.GetAsync($"/api/v1/warnings?rule={rule}").Expect(HttpStatusCode.OK)).EnumerateArray().ToArray();
}
