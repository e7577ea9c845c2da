using System.Net;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Complaints;

public abstract class ComplaintsApiTests(AppFixture f)
{
    [Fact]
    public async Task Three_complaints_on_one_point_in_a_month_raise_a_warning_and_triage_moves_them_on()
    {
        var s = await WrittenList.ApprovedAsync(f, "信访集中");
        var point = await s.ImportantPointAsync(f);
        var office = await f.As(s.W.Users["party_office"]);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            Assert.DoesNotContain(await office.WarningsAsync("complaints-concentrated"), w => w.GetProperty("targetId").GetInt64() == point);
            ids.Add((await office.Post("/api/v1/complaints", new { orgUnitId = s.W.U1, riskPointId = point, content = $"反映资金拨付问题（第{i + 1}件）" })
                .Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64());
        }
        var fired = Assert.Single(await office.WarningsAsync("complaints-concentrated"), w => w.GetProperty("targetId").GetInt64() == point);
        Assert.Contains("3 件", fired.GetProperty("message").GetString());
        await (await f.As(s.W.Users["staff"])).Post("/api/v1/complaints", new { orgUnitId = s.W.D1, content = "员工不能登记信访件" }).Expect(HttpStatusCode.Forbidden);

        async Task<int> Version() => (await office.GetAsync("/api/v1/complaints").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("id").GetInt64() == ids[0]).GetProperty("version").GetInt32();
        Assert.Equal(["version"], (await office.Post($"/api/v1/complaints/{ids[0]}/triage", new { status = "Dismissed", note = "重复件" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["note"], (await office.Post($"/api/v1/complaints/{ids[0]}/triage", new { status = "Dismissed", version = await Version() }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await office.Post($"/api/v1/complaints/{ids[0]}/triage", new { status = "Dismissed", note = "重复件", version = await Version() }).Expect(HttpStatusCode.OK);
        await office.Post($"/api/v1/complaints/{ids[0]}/triage", new { status = "Handling", version = await Version() }).Expect(HttpStatusCode.Conflict);
        await f.Admin.PostAsync("/api/v1/warnings/sweep", null).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(await office.WarningsAsync("complaints-concentrated"), w => w.GetProperty("targetId").GetInt64() == point);
    }
}

[Collection("sqlite")] public sealed class ComplaintsApiTests_Sqlite(SqliteFixture f) : ComplaintsApiTests(f);
[Collection("postgres")] public sealed class ComplaintsApiTests_Postgres(PostgresFixture f) : ComplaintsApiTests(f);
