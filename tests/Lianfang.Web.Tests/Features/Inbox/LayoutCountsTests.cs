using System.Net;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Inbox;

/// <summary>
/// The layout's 待办 and 预警 counts are kept across requests (ReadCache) until the node writes: after every kind of write
/// the badge a page shows equals a fresh count of the user's 待办 and warnings.
/// </summary>
public abstract class LayoutCountsTests(AppFixture f)
{
    [Fact]
    public async Task After_every_kind_of_write_the_badges_equal_a_fresh_count()
    {
        var s = await WrittenList.CreateAsync(f, "角标");
        var head = s.W.Users["dept_head"];
        var page = await PageClient.LoginAsync(f, head);
        var api = await f.As(head);
        var staff = await f.As(s.W.Users["staff"]);

        async Task SameAsFreshAsync(string after)
        {
            // twice: the first page may fill the cache, the second reads it
            for (var i = 0; i < 2; i++)
            {
                var doc = await page.GetAsync("/Register");
                var badge = doc.QuerySelector("a[href='/Inbox'] .badge")!.TextContent.Trim();
                var fresh = (await api.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).GetArrayLength();
                Assert.True(badge == fresh.ToString(), $"after {after}: the badge says {badge}, the 待办 has {fresh}");
                var warnings = (await api.GetAsync("/api/v1/warnings").Expect(HttpStatusCode.OK)).GetArrayLength();
                var shown = doc.QuerySelector("a[href='/Warnings'] .badge")?.TextContent.Trim();
                Assert.True(shown == (warnings >= 20 ? "20+" : warnings.ToString()), $"after {after}: the 预警 badge says {shown}, there are {warnings}");
            }
        }

        await SameAsFreshAsync("nothing");
        await staff.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);              // a review waits for the head
        await SameAsFreshAsync("a submission");
        await api.Post($"/api/v1/lists/{s.List}/review", WrittenList.Approve()).Expect(HttpStatusCode.OK);    // it leaves the head's 待办
        await SameAsFreshAsync("an approval");
        await f.App.WithDbAsync(db => db.RiskLists.Where(l => l.Id == s.List)                                  // a write outside EF's change tracker
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Stage, "dept_head").SetProperty(l => l.Status, Lianfang.Core.Register.ListStatus.InReview)));
        await SameAsFreshAsync("a bulk update");
        await f.Admin.PostAsync("/api/v1/warnings/sweep", null).Expect(HttpStatusCode.OK);                     // warnings raised in bulk
        await SameAsFreshAsync("the warning sweep");
        var headId = (await f.Admin.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK)).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == head).Id();
        await f.Security.Post($"/api/v1/users/{headId}/grants", new { role = "dept_head", orgUnitId = s.W.D2 })
            .Expect(HttpStatusCode.Created);                                                                    // the scope widens
        await SameAsFreshAsync("a new grant");
    }
}

[Collection("sqlite")] public sealed class LayoutCountsTests_Sqlite(SqliteFixture f) : LayoutCountsTests(f);
[Collection("postgres")] public sealed class LayoutCountsTests_Postgres(PostgresFixture f) : LayoutCountsTests(f);
