using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Review;

public abstract class ReviewApiTests(AppFixture f)
{
    private Task<WrittenList> WrittenListAsync(string label) => WrittenList.CreateAsync(f, label);

    private static Task<HttpResponseMessage> Review(HttpClient c, int list, string decision, string? stage = null, string? comment = null) =>
        c.Post($"/api/v1/lists/{list}/review", new { decision, stage, comment, checkedItems = WrittenList.FiveItems });

    [Fact]
    public async Task A_shaoxing_list_passes_four_stages_by_four_accounts_each_signed_in_history()
    {
        var (w, campaign, list) = await WrittenListAsync("四级审核");
        var submitted = await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        Assert.Equal("InReview", submitted.GetProperty("status").GetString());

        var expected = new[] { ("dept_head", "处室负责人把关"), ("leader_in_charge", "分管领导把关"), ("principal", "主要领导把关"), ("agency", "派驻机构审核") };
        foreach (var (role, _) in expected)
        {
            var state = await Review(await f.As(w.Users[role]), list, "approve", comment: "同意").Expect(HttpStatusCode.OK);
            Assert.NotEqual("Returned", state.GetProperty("status").GetString());
        }
        var final = await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK);
        Assert.Equal("Approved", final.GetProperty("status").GetString());
        // Nobody set a 审定 level: the approved list stands at its self-assessed levels, with no approved level written in.
        Assert.All(final.GetProperty("riskPoints").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("approvedLevelCode").ValueKind));

        var history = (await (await f.As(w.Users["principal"])).GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["Submit", "Approve", "Approve", "Approve", "Approve"], history.Select(h => h.GetProperty("decision").GetString()));
        Assert.Equal(expected.Select(e => e.Item2), history.Skip(1).Select(h => h.GetProperty("stageName").GetString()));
        Assert.All(history, h => Assert.Equal(64, h.GetProperty("contentHash").GetString()!.Length));
        Assert.All(history, h => Assert.Equal(10, h.GetProperty("verificationCode").GetString()!.Length));
        Assert.Equal(4, history.Skip(1).Select(h => h.GetProperty("actor").GetString()).Distinct().Count());
        // final approval changes nothing, so every signature binds the same content and holds
        Assert.Single(history.Select(h => h.GetProperty("contentHash").GetString()).Distinct());
        Assert.All(history, h => Assert.Equal("valid", h.GetProperty("status").GetString()));

        var locked = await (await f.As(w.Users["staff"])).Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "post", description = "审定后追加", levelCode = "general" })
            .Expect(HttpStatusCode.Conflict);
        Assert.Contains("已审定", locked.GetProperty("detail").GetString());

        var filings = await (await f.As(w.Users["commission"])).GetAsync($"/api/v1/filings?campaignId={campaign}").Expect(HttpStatusCode.OK);
        Assert.Equal(["资金拨付中优亲厚友"], filings.EnumerateArray().Select(x => x.GetProperty("description").GetString()));
        Assert.Equal(0, (await (await f.As((await f.OtherWorldAsync()).Users["commission"])).GetAsync($"/api/v1/filings?campaignId={campaign}").Expect(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Someone_not_at_the_stage_gets_403_and_the_list_does_not_move()
    {
        var (w, _, list) = await WrittenListAsync("越级");
        await (await f.As(w.Users["dept_head"])).PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.Forbidden);
        await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);

        // 办公室 (the party office) sees the list but is not the stage's reviewer
        var problem = await Review(await f.As(w.Users["party_office"]), list, "approve").Expect(HttpStatusCode.Forbidden);
        Assert.Contains("处室负责人把关", problem.GetProperty("detail").GetString());
        // the head of another department does not even see it
        var otherHead = $"t{Guid.NewGuid().ToString("N")[..6]}.head2";
        await f.CreateUser(new { userName = otherHead, password = LianfangApp.Password, grants = new[] { new { role = "dept_head", orgUnitId = w.D2 } } }).Expect(HttpStatusCode.Created);
        await Review(await f.As(otherHead), list, "approve").Expect(HttpStatusCode.NotFound);
        await Review(await f.As(w.Users["leader_in_charge"]), list, "approve").Expect(HttpStatusCode.Forbidden);
        await Review(await f.As(w.Users["staff"]), list, "approve").Expect(HttpStatusCode.Forbidden);
        await Review(await f.As((await f.OtherWorldAsync()).Users["dept_head"]), list, "approve").Expect(HttpStatusCode.NotFound);
        var state = await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK);
        Assert.Equal("InReview", state.GetProperty("status").GetString());
        Assert.Single((await f.Observer.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_return_needs_a_comment_sends_the_list_back_and_it_starts_again()
    {
        var (w, _, list) = await WrittenListAsync("退回");
        var staff = await f.As(w.Users["staff"]);
        await staff.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        var head = await f.As(w.Users["dept_head"]);
        await Review(head, list, "approve").Expect(HttpStatusCode.OK);
        var leader = await f.As(w.Users["leader_in_charge"]);
        Assert.Equal(["comment"], (await Review(leader, list, "return").Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["decision"], (await Review(leader, list, "maybe").Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var back = await Review(leader, list, "return", comment: "防控措施不具体").Expect(HttpStatusCode.OK);
        Assert.Equal("Returned", back.GetProperty("status").GetString());
        await staff.Post($"/api/v1/lists/{list}/risk-points", WrittenList.Point("post", "补充：票据审核", "general")).Expect(HttpStatusCode.Created);
        var again = await staff.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        Assert.Equal("InReview", again.GetProperty("status").GetString());
        await Review(leader, list, "approve").Expect(HttpStatusCode.Forbidden); // back at the department head
        var history = (await head.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal("防控措施不具体", history[2].GetProperty("comment").GetString());
        Assert.Equal(JsonValueKind.Null, history[2].GetProperty("verificationCode").ValueKind); // a return is not a signature
    }

    [Fact]
    public async Task Two_decisions_on_one_stage_at_once_one_wins_the_other_gets_409()
    {
        var (w, _, list) = await WrittenListAsync("并发");
        await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        var stage = (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString();
        var head = await f.As(w.Users["dept_head"]);
        var results = await Task.WhenAll(Review(head, list, "approve", stage), Review(head, list, "return", stage, "再看看"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.StatusCode).Order());
        Assert.Equal(2, (await head.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Reopening_starts_a_new_revision_whose_edits_are_not_covered_by_the_old_signatures()
    {
        var (w, _, list) = await WrittenListAsync("重开");
        var staff = await f.As(w.Users["staff"]);
        await staff.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        foreach (var role in new[] { "dept_head", "leader_in_charge", "principal", "agency" })
            await Review(await f.As(w.Users[role]), list, "approve").Expect(HttpStatusCode.OK);
        await (await f.As(w.Users["dept_head"])).Post($"/api/v1/lists/{list}/reopen", new { comment = "年中调整" }).Expect(HttpStatusCode.Forbidden);
        var reopened = await staff.Post($"/api/v1/lists/{list}/reopen", new { comment = "岗位职责调整" }).Expect(HttpStatusCode.OK);
        Assert.Equal(2, reopened.GetProperty("revision").GetInt32());
        Assert.Equal("Draft", reopened.GetProperty("status").GetString());
        await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "post", description = "新增职责带来的风险", levelCode = "general" }).Expect(HttpStatusCode.Created);
        var history = (await staff.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal("Reopen", history[^1].GetProperty("decision").GetString());
        Assert.Equal(2, history[^1].GetProperty("revision").GetInt32());
        await staff.PostAsync($"/api/v1/lists/{list}/reopen", null).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_inbox_shows_each_reviewer_the_lists_waiting_for_them()
    {
        var (w, _, list) = await WrittenListAsync("待办");
        async Task<int[]> Inbox(string role) => (await (await f.As(w.Users[role])).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK))
            .EnumerateArray().Where(i => i.GetProperty("kind").GetString() is "list" or "review").Select(i => i.GetProperty("listId").GetInt32()).ToArray();
        Assert.Contains(list, await Inbox("staff"));          // to write and submit
        Assert.DoesNotContain(list, await Inbox("dept_head"));
        await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(list, await Inbox("staff"));
        Assert.Contains(list, await Inbox("dept_head"));
        Assert.DoesNotContain(list, await Inbox("leader_in_charge"));
        await Review(await f.As(w.Users["dept_head"]), list, "approve").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(list, await Inbox("dept_head"));
        Assert.Contains(list, await Inbox("leader_in_charge"));
    }
}

[Collection("sqlite")] public sealed class ReviewApiTests_Sqlite(SqliteFixture f) : ReviewApiTests(f);
[Collection("postgres")] public sealed class ReviewApiTests_Postgres(PostgresFixture f) : ReviewApiTests(f);
