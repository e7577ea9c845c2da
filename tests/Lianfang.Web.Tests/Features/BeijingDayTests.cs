using System.Net;
using System.Net.Http.Headers;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lianfang.Web.Tests.Features;

/// <summary>An app whose clock the test sets: it starts at 15:50 UTC on 31 March, 23:50 in Beijing, ten minutes before the day turns there.</summary>
public sealed class FakeClockSqliteFixture() : AppFixture(Db.Sqlite)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 31, 15, 50, 0, TimeSpan.Zero));
    protected override TimeProvider? Time => Clock;
}

/// <summary>
/// The app's day is Beijing's by the app's clock (its TimeProvider): it turns at 16:00 UTC. Deadlines fall due and records
/// are dated by it, whatever the hour of the machine that runs the tests.
/// </summary>
public sealed class BeijingDayTests_Sqlite(FakeClockSqliteFixture f) : IClassFixture<FakeClockSqliteFixture>
{
    private static MultipartFormDataContent Pdf()
    {
        var content = new ByteArrayContent("%PDF-1.4\n整改佐证\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { content, "file", "复核台账.pdf" } };
    }

    [Fact]
    public async Task At_16_10_UTC_on_31_March_a_rectification_due_that_day_is_overdue_and_what_is_recorded_is_dated_1_April()
    {
        Assert.Equal(new DateOnly(2026, 3, 31), f.App.Today);
        var s = await WrittenList.ApprovedAsync(f, "北京时间");
        var point = (await f.Observer.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray()
            .Single(p => p.GetProperty("levelCode").GetString() == "important").GetProperty("id").GetInt64();
        var agency = await f.As(s.W.Users["agency"]);
        var head = await f.As(s.W.Users["dept_head"]);
        async Task<string?> TalkDateAsync() => (await agency.GetAsync($"/api/v1/inspections/{(await agency.Post("/api/v1/inspections", Talk()).Expect(HttpStatusCode.Created)).Id()}")
            .Expect(HttpStatusCode.OK)).GetProperty("date").GetString();
        object Talk() => new { type = "Talk", riskPointIds = new[] { point }, personId = s.W.X1, subject = "就拨付复核谈话：方式为个别谈话，步骤为告知、询问、记录", record = "谈话提醒：拨付须双人复核" };

        // 23:50 in Beijing: a talk held now is dated 31 March, and a rectification may still be due that day
        var talk = (await agency.Post("/api/v1/inspections", Talk()).Expect(HttpStatusCode.Created)).Id();
        Assert.Equal("2026-03-31", (await agency.GetAsync($"/api/v1/inspections/{talk}").Expect(HttpStatusCode.OK)).GetProperty("date").GetString());
        await agency.Post($"/api/v1/inspections/{talk}/findings", new
        {
            description = "两笔拨付仅一人签字", riskPointId = point,
            rectification = new { ownerOrgUnitId = s.W.D1, ownerPersonId = s.W.X1, task = "当日补签复核", deadline = "2026-03-31" },
        }).Expect(HttpStatusCode.Created);
        var rid = (await head.GetAsync("/api/v1/rectifications").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("task").GetString() == "当日补签复核").GetProperty("id").GetInt64();
        Assert.False((await head.GetAsync($"/api/v1/rectifications/{rid}").Expect(HttpStatusCode.OK)).GetProperty("overdue").GetBoolean());

        // 16:10 UTC — still 31 March in UTC, but 00:10 on 1 April in Beijing (within the hour the access tokens hold, by the same clock)
        f.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(new DateOnly(2026, 4, 1), f.App.Today);
        Assert.True((await head.GetAsync($"/api/v1/rectifications/{rid}").Expect(HttpStatusCode.OK)).GetProperty("overdue").GetBoolean());
        await f.Admin.PostAsync("/api/v1/warnings/sweep", null).Expect(HttpStatusCode.OK);
        var warning = (await agency.GetAsync("/api/v1/warnings?rule=rectification-overdue").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(w => w.GetProperty("targetId").GetInt64() == rid);
        Assert.Equal("“当日补签复核”已超过整改期限 1 天（期限 2026-03-31）", warning.GetProperty("message").GetString());

        // what is recorded now is dated 1 April: a talk's date, the date a new inspection's form offers, the evidence's time as shown
        Assert.Equal("2026-04-01", await TalkDateAsync());
        var form = await (await PageClient.LoginAsync(f, s.W.Users["agency"])).GetAsync("/Supervision/New");
        Assert.Equal("2026-04-01", form.QuerySelector("#Input_Date")!.GetAttribute("value"));
        var evidence = await head.PostAsync($"/api/v1/rectifications/{rid}/evidence", Pdf()).Expect(HttpStatusCode.Created);
        Assert.Equal(new DateTime(2026, 3, 31, 16, 10, 0, DateTimeKind.Utc),
            DateTime.Parse(evidence.GetProperty("uploadedAt").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
        var page = await (await PageClient.LoginAsync(f, s.W.Users["dept_head"])).GetAsync($"/Supervision/Rectification?id={rid}");
        Assert.Contains("2026-04-01 00:10", PageClient.Text(page));
    }
}
