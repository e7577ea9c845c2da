using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Lianfang.Web.Features.Reports;
using Lianfang.Web.Tests.Infrastructure;
using static Lianfang.Web.Tests.Features.Forms.FormsWorld;

namespace Lianfang.Web.Tests.Features.Review;

/// <summary>
/// 003 附件8's 分管领导签字: no stage of a personal list has the 分管领导, so once the list is approved the leader in charge
/// of the holder's department signs the 登记表 itself, and the form prints that signature.
/// </summary>
public abstract class CountersignTests(AppFixture f)
{
    private static string WordText(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", doc.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public async Task The_leader_in_charge_signs_the_personal_registration_form_once_approved_and_it_prints_with_its_code()
    {
        var w = await World.CreateAsync(f, "分管签");
        var campaign = await CampaignAsync(f, w, "longsheng-2012");
        var list = await ListAsync(f, campaign, "Person", w.D1, w.X1);
        var staff = await f.As(w.Users["staff"]);
        await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "duty", description = "报销审核中优亲厚友", levelCode = "level2",
            measures = new[] { new { text = "报销双人复核" } } }).Expect(HttpStatusCode.Created);
        var leader = await f.As(w.Users["leader_in_charge"]);
        string Sign(string form = "annex8") => $"/api/v1/lists/{list}/forms/{form}/countersign";

        // before approval the line waits; nobody signs it
        Assert.Equal(["status"], (await leader.Post(Sign(), new { comment = "同意" }).Expect(HttpStatusCode.Conflict)).ErrorFields());
        await f.ApproveAsync(list);
        Assert.Contains(await leader.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK) is var inbox ? inbox.EnumerateArray() : default,
            i => i.GetProperty("listId").GetInt32() == list && i.GetProperty("task").GetString()!.Contains("分管领导签字"));
        Assert.DoesNotContain((await staff.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray(), i => i.GetProperty("task").GetString()!.Contains("表上签字"));

        // the seed names who signs: not the holder, not the department head, not the principal
        foreach (var role in new[] { "staff", "dept_head", "principal" })
        {
            var refused = await (await f.As(w.Users[role])).Post(Sign(), new { }).Expect(HttpStatusCode.Forbidden);
            Assert.Contains("“分管领导签字”应由分管领导签字", refused.GetProperty("detail").GetString());
        }
        Assert.Equal(["form"], (await leader.Post(Sign("annex5"), new { }).Expect(HttpStatusCode.BadRequest)).ErrorFields()); // 附件5 has no such line
        Assert.Equal(["form"], (await leader.Post(Sign("annex99"), new { }).Expect(HttpStatusCode.BadRequest)).ErrorFields());

        async Task<int> ParticipantsAsync() =>
            (await f.Observer.GetAsync($"/api/v1/reports/summary?campaignId={campaign}").Expect(HttpStatusCode.OK)).GetProperty("participants").GetInt32();
        var before = await ParticipantsAsync();
        var signed = await leader.Post(Sign(), new { comment = "同意" }).Expect(HttpStatusCode.OK);
        var code = signed.GetProperty("verificationCode").GetString()!;
        // the 汇总表 counts the leader among the participants at once, and its rollups still equal a recount
        Assert.Equal(before + 1, await ParticipantsAsync());
        var (_, differences, signers) = await f.App.WithDbAsync(d => SummaryRollups.VerifyAsync(d, default, campaign));
        Assert.True(differences.Count == 0 && signers.Count == 0, string.Join("; ", differences.Concat<object>(signers)));
        Assert.Equal("分管领导签字", signed.GetProperty("line").GetString());
        await leader.Post(Sign(), new { }).Expect(HttpStatusCode.Conflict); // once
        Assert.DoesNotContain((await leader.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray(), i => i.GetProperty("listId").GetInt32() == list);

        // anyone checks the code: a valid SM2-sealed signature by the leader
        var verified = await f.Anonymous().GetAsync($"/api/v1/verify/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal(("valid", w.Users["leader_in_charge"], true), (verified.GetProperty("status").GetString(), verified.GetProperty("signer").GetString(),
            verified.GetProperty("sm2").GetProperty("verified").GetBoolean()));

        // 附件8 prints it on its line, with the date and the code; 附件5 (no such line) is unchanged
        var text = WordText(await ExportAsync(f.Observer, list, "annex8", "docx"));
        Assert.Matches($"分管领导签字：{Regex.Escape(w.Users["leader_in_charge"])}　\\d{{4}}年\\d{{1,2}}月\\d{{1,2}}日　验证码：{code}", text);
        Assert.DoesNotContain(code, WordText(await ExportAsync(f.Observer, list, "annex5", "docx")));

        // the list page shows the line signed; the leader's page of another approved list offers the button
        var page = await PageClient.LoginAsync(f, w.Users["leader_in_charge"]);
        var shown = (await page.GetAsync($"/Lists/Edit?id={list}")).QuerySelector("[data-countersign='annex8']")!;
        Assert.Contains(code, shown.TextContent);
        Assert.Contains("已签", shown.TextContent);
    }

    [Fact]
    public async Task The_page_offers_the_signature_to_the_leader_only_and_signs_it()
    {
        var w = await World.CreateAsync(f, "分管页");
        var list = await ListAsync(f, await CampaignAsync(f, w, "longsheng-2012"), "Person", w.D1, w.X1);
        await (await f.As(w.Users["staff"])).Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "morality", description = "放松学习", levelCode = "level3" })
            .Expect(HttpStatusCode.Created);
        await f.ApproveAsync(list);
        var head = await PageClient.LoginAsync(f, w.Users["dept_head"]);
        var waiting = (await head.GetAsync($"/Lists/Edit?id={list}")).QuerySelector("[data-countersign='annex8']")!;
        Assert.Contains("待签", waiting.TextContent);
        Assert.Null(waiting.QuerySelector("form"));

        var page = await PageClient.LoginAsync(f, w.Users["leader_in_charge"]);
        Assert.NotNull((await page.GetAsync($"/Lists/Edit?id={list}")).QuerySelector("form#countersign-annex8"));
        var res = await page.SubmitAsync($"/Lists/Edit?id={list}", new() { ["comment"] = "同意" }, "#countersign-annex8");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var history = await f.Observer.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK);
        var record = Assert.Single(history.EnumerateArray(), r => r.GetProperty("decision").GetString() == "Countersign");
        Assert.Equal(("分管领导签字", "同意"), (record.GetProperty("stageName").GetString(), record.GetProperty("comment").GetString()));
    }
}

[Collection("sqlite")] public sealed class CountersignTests_Sqlite(SqliteFixture f) : CountersignTests(f);
[Collection("postgres")] public sealed class CountersignTests_Postgres(PostgresFixture f) : CountersignTests(f);
