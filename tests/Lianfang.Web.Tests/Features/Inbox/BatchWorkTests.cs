using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Inbox;

/// <summary>Work units do in bulk: several lists approved at one stage, the register's filtered rows to Excel.</summary>
public abstract class BatchWorkTests(AppFixture f)
{
    /// <summary>李娜, 出纳 of 财务处, writes a point on her own list of the campaign and submits it; returns the list.</summary>
    private async Task<int> SecondHolderSubmitsAsync(World w, int campaign, string category, string level)
    {
        var post = (await f.Admin.Post("/api/v1/posts", new { orgUnitId = w.D1, name = "出纳", tier = "Other", duties = "现金收付" }).Expect(HttpStatusCode.Created)).Id();
        var person = (await f.Admin.Post("/api/v1/people", new { name = "李娜", title = "科员", orgUnitId = w.D1, postId = post }).Expect(HttpStatusCode.Created)).Id();
        var user = $"b{w.Tag[^6..]}.cashier";
        await f.CreateUser(new { userName = user, password = LianfangApp.Password, personId = person, grants = new[] { new { role = "staff", orgUnitId = w.D1 } } })
            .Expect(HttpStatusCode.Created);
        await f.Observer.Post($"/api/v1/campaigns/{campaign}/lists", new { orgUnitId = w.D1, postId = post, personId = person }).Expect(HttpStatusCode.Created);
        var list = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == person).Id();
        var cashier = await f.As(user);
        await cashier.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = category, description = "现金坐支", levelCode = level, measures = new[] { new { text = "日清月结" } },
            supervision = Review.WrittenList.Supervision, responsible = new { leader = "孙伟", persons = new[] { "李娜" } }, elementsChecked = true }).Expect(HttpStatusCode.Created);
        await cashier.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        return list;
    }

    [Fact]
    public async Task A_department_head_approves_two_lists_at_once_each_signed_and_a_list_not_his_is_reported_untouched()
    {
        var s = await Review.WrittenList.CreateAsync(f, "批量");
        var w = s.W;
        var second = await SecondHolderSubmitsAsync(w, s.Campaign, "post", "general");
        await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);

        var head = await f.As(w.Users["dept_head"]);
        Assert.Equal(["listIds"], (await head.Post("/api/v1/lists/review-batch", new { listIds = Array.Empty<int>(), decision = "approve" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var results = (await head.Post("/api/v1/lists/review-batch", new { listIds = new[] { s.List, second, 999999 }, decision = "approve", comment = "同意" })
            .Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal([true, true, false], results.Select(r => r.GetProperty("done").GetBoolean()));
        Assert.Equal(["leader", "leader"], results.Take(2).Select(r => r.GetProperty("stage").GetString()));
        Assert.Contains("不存在", results[2].GetProperty("error").GetString());
        foreach (var id in new[] { s.List, second })
        {
            var signed = (await f.Observer.GetAsync($"/api/v1/lists/{id}/history").Expect(HttpStatusCode.OK)).EnumerateArray().Last();
            Assert.Equal(("处室负责人把关", "valid"), (signed.GetProperty("stageName").GetString(), signed.GetProperty("status").GetString()));
        }
        // the leader returns one from his inbox page with the batch form; a return needs its reason
        var page = await PageClient.LoginAsync(f, w.Users["leader_in_charge"]);
        var res = await page.SubmitAsync("/Inbox", new() { ["listIds"] = s.List.ToString(), ["decision"] = "return", ["comment"] = "措施不够具体" }, "handler=Batch");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("Returned", (await f.Observer.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("leader", (await f.Observer.GetAsync($"/api/v1/lists/{second}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task The_party_office_invites_one_helper_to_several_lists_at_the_public_review_stage()
    {
        // 002: two personal lists pass 单位检查 and 交叉互查 in batches, then the office invites the same helper to both for 群众评议
        var w = await World.CreateAsync(f, "批量邀请");
        await Review.WrittenList.LeaderAsync(f, w);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "lianyun-finance", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var own = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var staff = await f.As(w.Users["staff"]);
        await staff.Post($"/api/v1/lists/{own}/risk-points", new { categoryCode = "duty", description = "报销审核不严", levelCode = "level3", measures = new[] { new { text = "逐笔复核" } },
            responsible = new { leader = "孙伟", persons = new[] { "王芳" } }, elementsChecked = true }).Expect(HttpStatusCode.Created);
        await staff.PostAsync($"/api/v1/lists/{own}/submit", null).Expect(HttpStatusCode.OK);
        var second = await SecondHolderSubmitsAsync(w, campaign, "duty", "level3");
        int[] both = [own, second];
        async Task AllDone(HttpClient c) => Assert.All((await c.Post("/api/v1/lists/review-batch", new { listIds = both, decision = "approve" })
            .Expect(HttpStatusCode.OK)).EnumerateArray(), r => Assert.True(r.GetProperty("done").GetBoolean(), r.ToString()));
        await AllDone(await f.As(w.Users["dept_head"]));                    // 单位检查
        var peer = $"b{w.Tag[^6..]}.peer";
        await f.CreateUser(new { userName = peer, password = LianfangApp.Password, grants = new[] { new { role = "dept_head", orgUnitId = w.D2 } } }).Expect(HttpStatusCode.Created);
        await AllDone(await f.As(peer));                                     // 交叉互查 by 办公室's head

        var office = await f.As(w.Users["party_office"]);
        Assert.Equal(["listIds"], (await office.Post("/api/v1/lists/invitations-batch", new { listIds = Array.Empty<int>(), userName = w.Users["helper"] })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var invited = (await office.Post("/api/v1/lists/invitations-batch", new { listIds = both, userName = w.Users["helper"] }).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.All(invited, r => Assert.True(r.GetProperty("done").GetBoolean(), r.ToString()));
        var helperInbox = (await (await f.As(w.Users["helper"])).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Where(i => i.GetProperty("task").GetString() == "帮查：请提出意见").Select(i => i.GetProperty("listId").GetInt32()).Order().ToList();
        Assert.Equal(both.Order(), helperInbox);
        // a helper account that does not exist is refused per list, naming the field
        var wrong = (await office.Post("/api/v1/lists/invitations-batch", new { listIds = both, userName = "nobody" }).Expect(HttpStatusCode.OK)).EnumerateArray();
        Assert.All(wrong, r => Assert.Contains("帮查人员", r.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_register_exports_the_rows_its_filters_select_to_excel()
    {
        var s = await Review.WrittenList.CreateAsync(f, "导出簿");
        var page = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        var res = await page.Http.GetAsync($"/Register?handler=Export&campaignId={s.Campaign}&levelCode=important");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", res.Content.Headers.ContentType!.MediaType);
        using var book = new DocumentFormat.OpenXml.Packaging.SpreadsheetDocument[] { DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await res.Content.ReadAsByteArrayAsync()), false) }[0];
        var strings = book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
        var sheet = book.WorkbookPart.WorksheetParts.First().Worksheet.InnerText + strings;
        Assert.Contains("资金拨付中优亲厚友", sheet);   // the 重要 point
        Assert.DoesNotContain("报销把关不严", sheet);   // the 一般 one is filtered out
        Assert.Contains("风险登记簿", sheet);
    }

    [Fact]
    public async Task The_filing_package_holds_every_approved_list_in_its_form_the_summary_and_an_index_with_verification_codes()
    {
        var draft = await Review.WrittenList.CreateAsync(f, "材料包草稿");
        var office0 = await f.As(draft.W.Users["party_office"]);
        var none = await office0.GetAsync($"/api/v1/campaigns/{draft.Campaign}/package").Expect(HttpStatusCode.Conflict);
        Assert.Contains("还没有审定的清单", none.GetProperty("detail").GetString());

        var s = await Review.WrittenList.ApprovedAsync(f, "材料包");
        var office = await f.As(s.W.Users["party_office"]);
        var res = await office.GetAsync($"/api/v1/campaigns/{s.Campaign}/package");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/zip", res.Content.Headers.ContentType!.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await res.Content.ReadAsByteArrayAsync()));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(3, names.Count); // 王芳's approved list, the 汇总表, the index
        Assert.Contains(names, n => n.StartsWith("001-") && n.Contains("王芳") && n.EndsWith(".docx"));
        Assert.Contains("002-汇总表.docx", names);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(zip.Entries.First(e => e.FullName.StartsWith("001-")).Open(), false))
            Assert.Contains("资金拨付中优亲厚友", word.MainDocumentPart!.Document!.InnerText);
        var index = new StreamReader(zip.GetEntry("目录.txt")!.Open()).ReadToEnd();
        var code = (await f.Observer.GetAsync($"/api/v1/lists/{s.List}/history").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Last(h => h.GetProperty("verificationCode").ValueKind == JsonValueKind.String).GetProperty("verificationCode").GetString();
        Assert.Contains($"验证码 {code}", index);
        Assert.Contains("已审定", index);
        await (await f.As((await f.OtherWorldAsync()).Users["party_office"])).GetAsync($"/api/v1/campaigns/{s.Campaign}/package").Expect(HttpStatusCode.NotFound);
    }
}

[Collection("sqlite")] public sealed class BatchWorkTests_Sqlite(SqliteFixture f) : BatchWorkTests(f);
[Collection("postgres")] public sealed class BatchWorkTests_Postgres(PostgresFixture f) : BatchWorkTests(f);
