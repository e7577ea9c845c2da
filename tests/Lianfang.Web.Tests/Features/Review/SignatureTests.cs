using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Review;

/// <summary>Every signature keeps binding what it signed; 审定 is a signed act of the body the scheme names.</summary>
public abstract class SignatureTests(AppFixture f)
{
    private static Task<HttpResponseMessage> Review(HttpClient c, int list, object body) => c.Post($"/api/v1/lists/{list}/review", body);

    private async Task<List<JsonElement>> HistoryAsync(WrittenList s) =>
        (await (await f.As(s.W.Users["principal"])).GetAsync($"/api/v1/lists/{s.List}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();

    private async Task<JsonElement> VerifyAsync(string code) => await f.Anonymous().GetAsync($"/api/v1/verify/{code}").Expect(HttpStatusCode.OK);

    private async Task<List<JsonElement>> PointsAsync(WrittenList s) =>
        (await f.Observer.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray().ToList();

    [Fact]
    public async Task Every_signature_of_an_untouched_approved_list_verifies_as_valid_through_the_api_the_page_and_the_printed_form()
    {
        var s = await WrittenList.ApprovedAsync(f, "全部有效");
        var history = await HistoryAsync(s);
        Assert.Equal(5, history.Count);
        Assert.Single(history.Select(h => h.GetProperty("contentHash").GetString()).Distinct()); // nobody changed anything
        foreach (var h in history)
        {
            Assert.Equal("valid", h.GetProperty("status").GetString());
            var code = h.GetProperty("verificationCode").GetString()!;
            var v = await VerifyAsync(code);
            Assert.Equal(("valid", h.GetProperty("stageName").GetString(), h.GetProperty("contentHash").GetString()),
                (v.GetProperty("status").GetString(), v.GetProperty("stage").GetString(), v.GetProperty("contentHash").GetString()));
            Assert.Equal(0, v.GetProperty("changesSince").GetArrayLength());
            var page = PageClient.Text(await new PageClient(f.Anonymous()).GetAsync($"/Verify?code={code}"));
            Assert.Contains("签字有效：清单现在的内容与签字时完全一致", page);
        }
        // The codes printed on the exported 附件1 are these signatures, and each verifies.
        var docx = await (await f.As(s.W.Users["principal"])).GetAsync($"/api/v1/lists/{s.List}/export?format=docx&form=annex1");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var printed = Regex.Matches(word.MainDocumentPart!.Document!.InnerText, "[A-HJ-NP-Z2-9]{10}").Select(m => m.Value)
            .Intersect(history.Select(h => h.GetProperty("verificationCode").GetString()!)).ToList();
        Assert.NotEmpty(printed);
        foreach (var code in printed) Assert.Equal("valid", (await VerifyAsync(code)).GetProperty("status").GetString());
        await f.Anonymous().GetAsync("/api/v1/verify/AAAAAAAAAA").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_level_approved_other_than_self_assessed_is_signed_by_the_body_and_earlier_signatures_read_as_amended()
    {
        var s = await WrittenList.CreateAsync(f, "审定");
        await (await f.As(s.W.Users["staff"])).PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);
        var general = (await PointsAsync(s)).Single(p => p.GetProperty("levelCode").GetString() == "general").Id();
        foreach (var role in new[] { "dept_head", "leader_in_charge" })
        {
            // only the 审定 stage (主要领导把关 in shaoxing-2018) sets levels
            var refused = await Review(await f.As(s.W.Users[role]), s.List, new { decision = "approve", checkedItems = Lianfang.Web.Tests.Features.Review.WrittenList.FiveItems, levels = new[] { new { pointId = general, levelCode = "important", reason = "x" } } })
                .Expect(HttpStatusCode.BadRequest);
            Assert.Equal(["levels"], refused.ErrorFields());
            Assert.Contains("主要领导把关", refused.GetProperty("detail").GetString());
            await Review(await f.As(s.W.Users[role]), s.List, Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);
        }
        var principal = await f.As(s.W.Users["principal"]);
        Assert.Equal(["levels[0].reason"], (await Review(principal, s.List, new { decision = "approve", checkedItems = Lianfang.Web.Tests.Features.Review.WrittenList.FiveItems, levels = new[] { new { pointId = general, levelCode = "important" } } })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["levels"], (await Review(principal, s.List, new { decision = "return", comment = "再议", levels = new[] { new { pointId = general, levelCode = "important", reason = "x" } } })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["levels[0].pointId"], (await Review(principal, s.List, new { decision = "approve", checkedItems = Lianfang.Web.Tests.Features.Review.WrittenList.FiveItems, levels = new[] { new { pointId = 999999999L, levelCode = "important", reason = "x" } } })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("general", (await PointsAsync(s)).Single(p => p.Id() == general).GetProperty("levelCode").GetString()); // nothing changed by refusals
        await Review(principal, s.List, new { decision = "approve", checkedItems = Lianfang.Web.Tests.Features.Review.WrittenList.FiveItems, comment = "同意", levels = new[] { new { pointId = general, levelCode = "important", reason = "报销环节信访反映集中" } } })
            .Expect(HttpStatusCode.OK);
        await Review(await f.As(s.W.Users["agency"]), s.List, Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);

        var point = (await PointsAsync(s)).Single(p => p.Id() == general);
        Assert.Equal(("general", "important"), (point.GetProperty("levelCode").GetString(), point.GetProperty("approvedLevelCode").GetString()));
        var history = await HistoryAsync(s);
        Assert.Equal(["amended", "amended", "amended", "valid", "valid"], history.Select(h => h.GetProperty("status").GetString()));
        var change = Assert.Single(history[3].GetProperty("changes").EnumerateArray());
        Assert.Equal(("审定等级", "一般", "重要", "报销环节信访反映集中"), (change.GetProperty("field").GetString(), change.GetProperty("before").GetString(),
            change.GetProperty("after").GetString(), change.GetProperty("reason").GetString()));
        foreach (var h in history.Take(3))
        {
            var v = await VerifyAsync(h.GetProperty("verificationCode").GetString()!);
            Assert.Equal("amended", v.GetProperty("status").GetString());
            var since = Assert.Single(v.GetProperty("changesSince").EnumerateArray());
            Assert.Equal(("主要领导把关", "重要"), (since.GetProperty("stage").GetString(), since.GetProperty("changes")[0].GetProperty("after").GetString()));
        }
        // Both points are now 重要 as approved, so both are filed.
        var filings = await (await f.As(s.W.Users["commission"])).GetAsync($"/api/v1/filings?campaignId={s.Campaign}").Expect(HttpStatusCode.OK);
        Assert.Equal(["报销把关不严", "资金拨付中优亲厚友"], filings.EnumerateArray().Select(x => x.GetProperty("description").GetString()).Order());
    }

    [Fact]
    public async Task The_writer_cannot_set_the_approved_level_and_nothing_is_saved()
    {
        var s = await WrittenList.CreateAsync(f, "自定审定");
        var staff = await f.As(s.W.Users["staff"]);
        var refused = await staff.Post($"/api/v1/lists/{s.List}/risk-points", new { categoryCode = "post", description = "自定审定等级", levelCode = "general", approvedLevelCode = "important" })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["approvedLevelCode"], refused.ErrorFields());
        Assert.Contains("审定", refused.GetProperty("detail").GetString());
        var existing = (await PointsAsync(s))[0];
        var update = await staff.Put($"/api/v1/lists/{s.List}/risk-points/{existing.Id()}", new
        {
            categoryCode = "power", description = "资金拨付中优亲厚友", levelCode = "important", approvedLevelCode = "general", version = existing.GetProperty("version").GetInt32(),
        }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["approvedLevelCode"], update.ErrorFields());
        Assert.Equal(2, (await PointsAsync(s)).Count);
        Assert.All(await PointsAsync(s), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("approvedLevelCode").ValueKind));
    }

    [Fact]
    public async Task Content_changed_behind_the_workflow_shows_every_signature_as_altered()
    {
        var s = await WrittenList.ApprovedAsync(f, "篡改");
        await f.App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"RiskPoints\" SET \"Description\" = {"被改过的描述"} WHERE \"ListId\" = {s.List} AND \"Seq\" = 1"));
        var history = await HistoryAsync(s);
        Assert.All(history, h => Assert.Equal("altered", h.GetProperty("status").GetString()));
        var v = await VerifyAsync(history[^1].GetProperty("verificationCode").GetString()!);
        Assert.Equal("altered", v.GetProperty("status").GetString());
        Assert.Contains("未经签字的修改", PageClient.Text(await new PageClient(f.Anonymous()).GetAsync($"/Verify?code={history[0].GetProperty("verificationCode").GetString()}")));
    }
}

[Collection("sqlite")] public sealed class SignatureTests_Sqlite(SqliteFixture f) : SignatureTests(f);
[Collection("postgres")] public sealed class SignatureTests_Postgres(PostgresFixture f) : SignatureTests(f);
