using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianfang.Web.Tests.Features.Reports;

public abstract class ReportsTests(AppFixture f)
{
    private static int Count(JsonElement cells, string category, string level) => cells.EnumerateArray()
        .Single(c => c.GetProperty("categoryCode").GetString() == category && c.GetProperty("levelCode").GetString() == level).GetProperty("count").GetInt32();

    [Fact]
    public async Task The_summary_of_a_subtree_equals_the_hand_count_by_category_and_level_and_compares_with_last_year()
    {
        var w = await World.CreateAsync(f, "汇总");
        var office = await f.As(w.Users["party_office"]);
        var c2025 = (await office.Post("/api/v1/campaigns", new { name = "2025年度排查", year = 2025, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2025-05-31" }).Expect(HttpStatusCode.Created)).Id();
        int ListOf(JsonElement lists, Func<JsonElement, bool> which) => lists.EnumerateArray().Single(which).Id();
        var lists25 = await f.Observer.GetAsync($"/api/v1/campaigns/{c2025}/lists").Expect(HttpStatusCode.OK);
        var own25 = ListOf(lists25, l => l.GetProperty("personId").ValueKind == JsonValueKind.Number);
        var unit25 = ListOf(lists25, l => l.GetProperty("orgUnitId").GetInt32() == w.U1 && l.GetProperty("postId").ValueKind == JsonValueKind.Null);
        var staff = await f.As(w.Users["staff"]);
        async Task Point(HttpClient c, int list, string category, string level) =>
            await c.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = category, description = $"{category}-{level}-{Guid.NewGuid():N}", levelCode = level }).Expect(HttpStatusCode.Created);
        // hand count for 2025: power/important ×2 (财务处), conduct/general ×1 (财务处), power/important ×1 (卫健委本级)
        await Point(staff, own25, "power", "important");
        await Point(staff, own25, "power", "important");
        await Point(staff, own25, "conduct", "general");
        await Point(office, unit25, "power", "important");

        var c2026 = (await office.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31", carryForwardFromCampaignId = c2025 })
            .Expect(HttpStatusCode.Created)).Id();
        var own26 = ListOf(await f.Observer.GetAsync($"/api/v1/campaigns/{c2026}/lists").Expect(HttpStatusCode.OK), l => l.GetProperty("personId").ValueKind == JsonValueKind.Number);
        await Point(staff, own26, "post", "general"); // carried forward: 3 + 1 in 财务处, 1 in 本级
        // the 汇总表 counts approved lists only: while 本级's list is a draft its carried point is progress, not a figure
        var lists26 = await f.Observer.GetAsync($"/api/v1/campaigns/{c2026}/lists").Expect(HttpStatusCode.OK);
        var unit26 = ListOf(lists26, l => l.GetProperty("orgUnitId").GetInt32() == w.U1 && l.GetProperty("postId").ValueKind == JsonValueKind.Null);
        await f.ApproveAsync(own25, unit25, own26);
        var early = await office.GetAsync($"/api/v1/reports/summary?orgUnitId={w.U1}&campaignId={c2026}").Expect(HttpStatusCode.OK);
        Assert.Equal(4, early.GetProperty("points").GetInt32());
        Assert.DoesNotContain(early.GetProperty("rows").EnumerateArray(), r => r.GetProperty("label").GetString() == "卫健委（本级）" && r.GetProperty("points").GetInt32() > 0);
        await f.ApproveAsync(unit26);

        var s = await office.GetAsync($"/api/v1/reports/summary?orgUnitId={w.U1}&campaignId={c2026}").Expect(HttpStatusCode.OK);
        var cells = s.GetProperty("byCategoryAndLevel");
        Assert.Equal((3, 1, 1), (Count(cells, "power", "important"), Count(cells, "conduct", "general"), Count(cells, "post", "general")));
        Assert.Equal(5, s.GetProperty("points").GetInt32());
        Assert.Equal(cells.EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()), s.GetProperty("points").GetInt32());
        var rows = s.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("label").GetString()!);
        Assert.Equal(4, rows["财务处"].GetProperty("points").GetInt32());
        Assert.Equal(1, rows["卫健委（本级）"].GetProperty("points").GetInt32());
        var previous = s.GetProperty("previous");
        Assert.Equal((c2025, 2025, 4), (previous.GetProperty("campaignId").GetInt32(), previous.GetProperty("year").GetInt32(), previous.GetProperty("points").GetInt32()));
        Assert.Equal(3, Count(previous.GetProperty("byCategoryAndLevel"), "power", "important"));

        // the department head's summary counts only what they read
        var head = await (await f.As(w.Users["dept_head"])).GetAsync($"/api/v1/reports/summary?orgUnitId={w.D1}&campaignId={c2026}").Expect(HttpStatusCode.OK);
        Assert.Equal(4, head.GetProperty("points").GetInt32());
        await (await f.As((await f.OtherWorldAsync()).Users["commission"])).GetAsync($"/api/v1/reports/summary?orgUnitId={w.U1}&campaignId={c2026}").Expect(HttpStatusCode.NotFound);

        var compare = await office.GetAsync($"/api/v1/reports/compare/export?orgUnitId={w.U1}&campaignId={c2026}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, compare.StatusCode);
        var csv = Forms.LibreOffice.ParseCsv((await Forms.LibreOffice.ConvertAsync(Forms.LibreOffice.Csv, "csv",
            new Dictionary<string, byte[]> { ["compare.xlsx"] = await compare.Content.ReadAsByteArrayAsync() }))["compare.xlsx"]);
        Assert.Contains(csv, r => r.Contains("合计") && r.Contains("5（+1）"));
        Assert.Contains(csv, r => r.Contains("岗位廉洁风险") && r.Contains("1（+1）"));

        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var dash = await page.GetAsync($"/Reports/Dashboard?campaignId={c2026}");
        var data = JsonDocument.Parse(dash.QuerySelector("#dashboard-data")!.TextContent).RootElement;
        Assert.Contains("卫健委", data.GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(5, data.GetProperty("heat").EnumerateArray().Sum(h => h[2].GetInt32()));
        Assert.NotNull(dash.QuerySelector("#chart-heat"));
    }

    [Fact]
    public async Task Points_written_before_their_tallies_were_kept_are_counted_after_migrating_and_the_summary_adds_them_up()
    {
        var s = await Review.WrittenList.CreateAsync(f, "补算");
        await (await f.As(s.W.Users["staff"])).Post($"/api/v1/lists/{s.List}/risk-points", new
        {
            categoryCode = "power", description = "采购中规避招标", levelCode = "important",
            measures = new[] { new { text = "建立采购内控制度" }, new { text = "修订财务管理办法" }, new { text = "严格执行集体决策" } },
            supervision = new { methods = new[] { "查阅资料", "实地走访" } },
        }).Expect(HttpStatusCode.Created);
        using (var scope = f.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Lianfang.Web.Data.AppDbContext>();
            // As the PointTallies migration leaves rows written before it.
            await db.RiskPoints.Where(p => p.ListId == s.List).ExecuteUpdateAsync(u => u.SetProperty(p => p.MeasureCount, -1).SetProperty(p => p.SupervisionMethodCount, 0));
            await Lianfang.Web.Data.Database.MigrateAsync(db);
            var tallies = await db.RiskPoints.Where(p => p.ListId == s.List).OrderBy(p => p.Seq)
                .Select(p => new { p.MeasureCount, p.SupervisionMethodCount }).ToListAsync();
            Assert.Equal([new { MeasureCount = 1, SupervisionMethodCount = 1 }, new { MeasureCount = 1, SupervisionMethodCount = 1 },
                new { MeasureCount = 3, SupervisionMethodCount = 2 }], tallies);
        }
        await f.ApproveAsync(s.List);
        var summary = await f.Observer.GetAsync($"/api/v1/reports/summary?orgUnitId={s.W.U1}&campaignId={s.Campaign}").Expect(HttpStatusCode.OK);
        var row = summary.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("points").GetInt32() == 3);
        // "建立采购内控制度" in a measure is a plan, not a 制度: only recorded 制度 are counted (InternalRuleTests)
        Assert.Equal((5, 4, 0, 0), (row.GetProperty("measures").GetInt32(), row.GetProperty("supervisionMethods").GetInt32(),
            row.GetProperty("newSystems").GetInt32(), row.GetProperty("revisedSystems").GetInt32()));
    }
}

[Collection("sqlite")] public sealed class ReportsTests_Sqlite(SqliteFixture f) : ReportsTests(f);
[Collection("postgres")] public sealed class ReportsTests_Postgres(PostgresFixture f) : ReportsTests(f);
