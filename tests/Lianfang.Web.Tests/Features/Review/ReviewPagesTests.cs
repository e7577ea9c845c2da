using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Review;

public abstract class ReviewPagesTests(AppFixture f)
{
    [Fact]
    public async Task A_list_is_submitted_and_signed_stage_by_stage_on_its_page_and_each_reviewer_finds_it_in_the_inbox()
    {
        var (w, _, list) = await WrittenList.CreateAsync(f, "页面审核");
        var url = $"/Lists/Edit?id={list}";
        var staff = await PageClient.LoginAsync(f, w.Users["staff"]);
        Assert.Contains("填写并提交本人清单", PageClient.Text(await staff.GetAsync("/Inbox")));
        var res = await staff.SubmitAsync(url, new() { ["comment"] = "已自查" }, "handler=Submit");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Null((await staff.GetAsync(url)).QuerySelector("#editor"));

        foreach (var role in WrittenList.Reviewers)
        {
            var page = await PageClient.LoginAsync(f, w.Users[role]);
            var inbox = await page.GetAsync("/Inbox");
            Assert.Contains(inbox.QuerySelectorAll("a"), a => a.GetAttribute("href") == url);
            Assert.Equal("1", inbox.QuerySelector("header .badge")!.TextContent.Trim());
            var fields = new Dictionary<string, string> { ["decision"] = "approve", ["comment"] = "同意" };
            // the agency confirms the five items one by one on its stage (000 RequiredItems), and is refused until it has
            Assert.Equal(role == "agency" ? 5 : 0, (await page.GetAsync(url)).QuerySelectorAll("#five-items input[type=checkbox]").Length);
            if (role == "agency")
            {
                var refused = await page.SubmitAsync(url, fields, "handler=Decide");
                Assert.Contains("尚未确认：廉洁风险点、防控措施、监督检查路径、风险等级、相关责任人", await refused.Content.ReadAsStringAsync());
                foreach (var (item, i) in WrittenList.FiveItems.Select((x, i) => (x, i))) fields[$"checkedItems[{i}]"] = item;
            }
            res = await page.SubmitAsync(url, fields, "handler=Decide");
            Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
            Assert.DoesNotContain((await page.GetAsync("/Inbox")).QuerySelectorAll("a"), a => a.GetAttribute("href") == url);
        }

        var doc = await staff.GetAsync(url);
        var rows = doc.QuerySelectorAll(".card table tbody tr").Where(r => r.QuerySelector("code") is not null).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Contains("派驻机构审核", rows[^1].TextContent);
        Assert.Contains("内容与最后一次签字一致", PageClient.Text(doc));
        var code = rows[^1].QuerySelector("a code")!.TextContent;

        // anyone holding the printed form checks the code without logging in
        var anon = new PageClient(f.App.CreateClient());
        var check = PageClient.Text(await anon.GetAsync($"/Verify?code={code.ToLowerInvariant()}"));
        Assert.Contains("签字有效", check);
        Assert.Contains("派驻机构审核", check);
        Assert.Contains("校验码无效", PageClient.Text(await anon.GetAsync("/Verify?code=AAAAAAAAAA")));

        // reopening and changing the list leaves the old signatures true but no longer covering the content
        res = await staff.SubmitAsync(url, new() { ["comment"] = "岗位调整" }, "handler=Reopen");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        await staff.SubmitAsync(url, new() { ["Input.CategoryCode"] = "post", ["Input.LevelCode"] = "general", ["Input.Description"] = "新岗位职责风险" }, "#point-form");
        Assert.Contains("签字后有未经签字的修改", PageClient.Text(await anon.GetAsync($"/Verify?code={code}")));
    }

    [Fact]
    public async Task Returning_on_the_page_without_a_comment_shows_the_message_and_changes_nothing()
    {
        var (w, _, list) = await WrittenList.CreateAsync(f, "页面退回");
        await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        var head = await PageClient.LoginAsync(f, w.Users["dept_head"]);
        var res = await head.SubmitAsync($"/Lists/Edit?id={list}", new() { ["decision"] = "return", ["comment"] = "" }, "handler=Decide");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("退回时请写明退回意见", await res.Content.ReadAsStringAsync());
        Assert.Equal("InReview", (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("status").GetString());

        // the party office sees the list but gets no decision form: it is not this stage's reviewer
        var office = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var doc = await office.GetAsync($"/Lists/Edit?id={list}");
        Assert.DoesNotContain(doc.Forms, form => form.Action.Contains("handler=Decide"));
        Assert.Contains("处室负责人把关", PageClient.Text(doc));
    }
}

[Collection("sqlite")] public sealed class ReviewPagesTests_Sqlite(SqliteFixture f) : ReviewPagesTests(f);
[Collection("postgres")] public sealed class ReviewPagesTests_Postgres(PostgresFixture f) : ReviewPagesTests(f);
