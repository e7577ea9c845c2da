using System.Net;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Warnings;

public abstract class WarningsApiTests(AppFixture f)
{
    [Fact]
    public async Task A_change_of_post_flags_the_person_the_same_day_until_their_list_is_approved_again()
    {
        var s = await WrittenList.ApprovedAsync(f, "换岗");
        var office = await f.As(s.W.Users["party_office"]);
        var cashier = (await f.Admin.Post("/api/v1/posts", new { orgUnitId = s.W.D1, name = "出纳", tier = "Other", duties = "现金收付" }).Expect(HttpStatusCode.Created)).Id();
        Assert.Empty(await office.WarningsAsync("post-change-unreviewed"));
        await f.Admin.Put($"/api/v1/people/{s.W.X1}", new { name = "王芳", title = "科员", orgUnitId = s.W.D1, postId = cashier, appointedOn = f.App.Day(0), version = await f.Admin.VersionAsync($"/api/v1/people/{s.W.X1}") }).Expect(HttpStatusCode.OK);
        var flagged = Assert.Single(await office.WarningsAsync("post-change-unreviewed"));
        Assert.Equal(("Person", s.W.X1), (flagged.GetProperty("targetType").GetString(), (int)flagged.GetProperty("targetId").GetInt64()));
        Assert.Contains("出纳", flagged.GetProperty("message").GetString());

        var staff = await f.As(s.W.Users["staff"]);
        await staff.Post($"/api/v1/lists/{s.List}/reopen", new { comment = "换岗后重新排查" }).Expect(HttpStatusCode.OK);
        await staff.Post($"/api/v1/lists/{s.List}/risk-points", WrittenList.Point("post", "现金收付不及时入账", "important")).Expect(HttpStatusCode.Created);
        await staff.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);
        foreach (var role in WrittenList.Reviewers)
            await (await f.As(s.W.Users[role])).Post($"/api/v1/lists/{s.List}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);
        Assert.Empty(await office.WarningsAsync("post-change-unreviewed"));
    }

    [Rules.RuleEffect(Lianfang.Core.Schemes.RuleKinds.ProjectSupervision)]
    [Fact]
    public async Task The_sweep_is_for_admins_and_running_it_twice_changes_nothing()
    {
        var s = await WrittenList.ApprovedAsync(f, "巡检");
        await (await f.As(s.W.Users["party_office"])).PostAsync("/api/v1/warnings/sweep", null).Expect(HttpStatusCode.Forbidden);
        await f.Admin.PostAsync("/api/v1/warnings/sweep", null).Expect(HttpStatusCode.OK);
        var office = await f.As(s.W.Users["party_office"]);
        var important = await office.WarningsAsync("important-without-project");
        Assert.Contains(important, w => w.GetProperty("message").GetString()!.Contains("资金拨付中优亲厚友"));
        var again = await f.Admin.PostAsync("/api/v1/warnings/sweep", null).Expect(HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("raised").GetInt32());
        Assert.Equal(0, again.GetProperty("cleared").GetInt32());
        Assert.Equal(important.Select(w => w.GetProperty("id").GetInt64()), (await office.WarningsAsync("important-without-project")).Select(w => w.GetProperty("id").GetInt64()));

        // a 立项监督 on the point clears it at once
        var point = await s.ImportantPointAsync(f);
        await (await f.As(s.W.Users["agency"])).Post("/api/v1/inspections", new { type = "Project", riskPointIds = new[] { point }, subject = "资金拨付立项监督方案" })
            .Expect(HttpStatusCode.Created);
        Assert.DoesNotContain(await office.WarningsAsync("important-without-project"), w => w.GetProperty("targetId").GetInt64() == point);
        var other = await f.As((await f.OtherWorldAsync()).Users["party_office"]);
        Assert.DoesNotContain(await other.WarningsAsync("important-without-project"), w => w.GetProperty("message").GetString()!.Contains("资金拨付中优亲厚友"));
    }
}

[Collection("sqlite")] public sealed class WarningsApiTests_Sqlite(SqliteFixture f) : WarningsApiTests(f);
[Collection("postgres")] public sealed class WarningsApiTests_Postgres(PostgresFixture f) : WarningsApiTests(f);
