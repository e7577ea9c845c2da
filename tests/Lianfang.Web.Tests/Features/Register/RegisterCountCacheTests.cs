using System.Net;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Register;

/// <summary>
/// The register's total (共 N 条) is counted once per user and filter and kept until a write (ReadCache): after every kind
/// of write the page and the API show a fresh count, each user counts what they read, and another page of the same
/// filter shows the same total.
/// </summary>
public abstract class RegisterCountCacheTests(AppFixture f)
{
    [Fact]
    public async Task After_every_kind_of_write_the_total_equals_a_fresh_count()
    {
        var s = await WrittenList.CreateAsync(f, "登记簿计数");
        var staff = await f.As(s.W.Users["staff"]);
        var office = await f.As(s.W.Users["party_office"]);
        var page = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        var filter = $"campaignId={s.Campaign}&orgUnitId={s.W.U1}";

        async Task SameAsFreshAsync(string after)
        {
            var fresh = await f.App.WithDbAsync(db => db.RiskPoints.CountAsync(p => p.CampaignId == s.Campaign));
            for (var i = 0; i < 2; i++) // the first may fill the cache, the second reads it
            {
                var api = await office.GetAsync($"/api/v1/risk-points?{filter}&pageSize=1").Expect(HttpStatusCode.OK);
                Assert.True(api.GetProperty("total").GetInt32() == fresh, $"after {after}: the API says {api.GetProperty("total")}, there are {fresh}");
                foreach (var p in new[] { 1, 2 })
                {
                    var text = PageClient.Text(await page.GetAsync($"/Register?{filter}&page={p}"));
                    Assert.True(text.Contains($"共 {fresh} 条"), $"after {after}: page {p} does not say 共 {fresh} 条");
                }
            }
        }

        await SameAsFreshAsync("nothing");
        var added = (await staff.Post($"/api/v1/lists/{s.List}/risk-points", WrittenList.Point("power", "新增的风险点", "general"))
            .Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await SameAsFreshAsync("a point added");
        await staff.DeleteAsync($"/api/v1/lists/{s.List}/risk-points/{added}").Expect(HttpStatusCode.NoContent);
        await SameAsFreshAsync("a point deleted");
        await f.App.WithDbAsync(db => db.RiskPoints.Where(p => p.ListId == s.List && p.LevelCode == "general").ExecuteDeleteAsync());
        await SameAsFreshAsync("a delete in bulk");

        // the same filter, another user: each counts what they read (the staff member only their own list)
        var unitList = (await f.Observer.GetAsync($"/api/v1/campaigns/{s.Campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .First(l => l.GetProperty("scope").GetString() == "Unit").Id();
        await office.Post($"/api/v1/lists/{unitList}/risk-points", WrittenList.Point("power", "单位层面的风险点", "general")).Expect(HttpStatusCode.Created);
        await SameAsFreshAsync("a point in the unit's list");
        var own = await staff.GetAsync($"/api/v1/risk-points?{filter}").Expect(HttpStatusCode.OK);
        Assert.Equal(await f.App.WithDbAsync(db => db.RiskPoints.CountAsync(p => p.ListId == s.List)), own.GetProperty("total").GetInt32());
    }
}

[Collection("sqlite")] public sealed class RegisterCountCacheTests_Sqlite(SqliteFixture f) : RegisterCountCacheTests(f);
[Collection("postgres")] public sealed class RegisterCountCacheTests_Postgres(PostgresFixture f) : RegisterCountCacheTests(f);
