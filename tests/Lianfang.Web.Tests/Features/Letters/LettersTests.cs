using System.Net;
using Lianfang.Core.Schemes;
using Lianfang.Core.Supervision;
using Lianfang.Web.Tests.Features.Rules;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianfang.Web.Tests.Features.Letters;

public abstract class LettersTests(AppFixture f)
{
    private int Year => f.App.Today.Year;

    [Fact]
    [RuleEffect(RuleKinds.ResponsibilityLetters)]
    public async Task A_longsheng_cadre_without_this_years_responsibility_letter_is_reminded_then_flagged_until_the_party_office_records_it()
    {
        var w = await World.CreateAsync(f, "责任书");
        await f.CampaignAsync(w, "longsheng-2012");
        // 财务处处长 (中层岗位) is a cadre the rule covers; 王芳's 会计 (其他岗位) is not
        var post = (await f.Admin.Post("/api/v1/posts", new { orgUnitId = w.D1, name = "财务处处长", tier = "Middle", duties = "财务管理",
            integrityDuties = "对本处室党风廉政建设负直接领导责任" }).Expect(HttpStatusCode.Created)).Id();
        var head = (await f.Admin.Post("/api/v1/people", new { name = "周处长", title = "处长", orgUnitId = w.D1, postId = post }).Expect(HttpStatusCode.Created)).Id();
        await f.SweepAsync(w, WarningRules.LetterDue);
        var message = Assert.Single(await f.WarningsAsync(w, WarningRules.LetterDue)).GetProperty("message").GetString()!;
        Assert.Contains("周处长（财务处处长）", message);
        Assert.Contains(f.App.Today > new DateOnly(Year, 3, 31) ? "逾期未签订（应于" : "尚未签订，请于", message);
        Assert.Contains($"{Year}-03-31", message);

        var office = await f.As(w.Users["party_office"]);
        var overview = await office.GetAsync($"/api/v1/org-units/{w.U1}/responsibility-letters").Expect(HttpStatusCode.OK);
        Assert.True(overview.GetProperty("required").GetBoolean());
        Assert.Equal($"{Year}-03-31", overview.GetProperty("deadline").GetString());
        Assert.Equal(["周处长"], overview.GetProperty("cadres").EnumerateArray().Select(c => c.GetProperty("person").GetString()));
        // only the unit's party office (or principal) records it, with the signing date and its content
        await (await f.As(w.Users["staff"])).Post($"/api/v1/org-units/{w.U1}/responsibility-letters", new { personId = head, duties = "x", issuedBy = "张局", signedOn = "2026-01-05" })
            .Expect(HttpStatusCode.NotFound);
        await (await f.As(w.Users["dept_head"])).Post($"/api/v1/org-units/{w.U1}/responsibility-letters", new { personId = head, duties = "x", issuedBy = "张局", signedOn = "2026-01-05" })
            .Expect(HttpStatusCode.NotFound);
        var today = f.App.Today;
        Assert.Equal(["signedOn"], (await office.Post($"/api/v1/org-units/{w.U1}/responsibility-letters", new { personId = head, duties = "x", issuedBy = "张局", signedOn = today.AddDays(1) })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["duties"], (await office.Post($"/api/v1/org-units/{w.U1}/responsibility-letters", new { personId = head, duties = " ", issuedBy = "张局", signedOn = today })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["personId"], (await office.Post($"/api/v1/org-units/{w.U1}/responsibility-letters", new { personId = w.X2, duties = "x", issuedBy = "张局", signedOn = today })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());

        // on the page the office takes the draft drawn from the post's 廉政职责 and records the signed letter
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var doc = await page.GetAsync($"/Letters?orgUnitId={w.U1}&personId={head}");
        var draft = doc.QuerySelector("textarea[name='Input.Duties']")!.TextContent;
        Assert.Contains("对本处室党风廉政建设负直接领导责任", draft);
        var res = await page.SubmitAsync($"/Letters?orgUnitId={w.U1}&year={Year}", new()
        {
            ["Input.PersonId"] = head.ToString(), ["Input.Duties"] = draft, ["Input.IssuedBy"] = "主要负责人 张局", ["Input.SignedOn"] = today.ToString("yyyy-MM-dd"),
        }, "#letter-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Empty(await f.WarningsAsync(w, WarningRules.LetterDue));
        Assert.Contains("已签订", (await page.GetAsync($"/Letters?orgUnitId={w.U1}")).QuerySelector("#cadres")!.TextContent);

        var letter = (await office.GetAsync($"/api/v1/org-units/{w.U1}/responsibility-letters").Expect(HttpStatusCode.OK)).GetProperty("cadres")[0].GetProperty("letter");
        var file = await office.GetAsync($"/api/v1/responsibility-letters/{letter.GetProperty("id").GetInt64()}/export?format=docx");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await file.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document!.InnerText;
        Assert.Contains($"{Year}年度党风廉政建设责任书", text);
        Assert.Contains("单位领导（签字）：主要负责人 张局", text);
        Assert.Contains("责任人（签字）：周处长", text);
        Assert.Contains("对本处室党风廉政建设负直接领导责任", text);
    }
}

[Collection("sqlite")] public sealed class LettersTests_Sqlite(SqliteFixture f) : LettersTests(f);
[Collection("postgres")] public sealed class LettersTests_Postgres(PostgresFixture f) : LettersTests(f);
