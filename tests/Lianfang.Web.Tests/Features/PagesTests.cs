using System.Net;
using AngleSharp.Html.Parser;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features;

public abstract class PagesTests(AppFixture f)
{
    [Fact]
    public async Task The_login_page_answers_anonymously_and_other_pages_redirect_to_it()
    {
        var client = f.App.CreateClient(new() { AllowAutoRedirect = false });
        var login = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("廉政风险防控管理系统", await login.Content.ReadAsStringAsync());
        var org = await client.GetAsync("/Org");
        Assert.Equal(HttpStatusCode.Redirect, org.StatusCode);
        Assert.StartsWith("/Account/Login", org.Headers.Location!.PathAndQuery.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_login_page_with_a_message()
    {
        var client = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        var res = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "admin", ["Input.Password"] = "wrong-password" });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("用户名或密码错误", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_principal_browses_its_unit_tree_and_gets_404_for_another_commission()
    {
        var w = await f.WorldAsync();
        var other = await f.OtherWorldAsync();
        var page = await PageClient.LoginAsync(f, w.Users["principal"]);
        var doc = await page.GetAsync($"/Org?id={w.D1}");
        var text = PageClient.Text(doc);
        Assert.Contains("财务处", doc.QuerySelector("h1")!.TextContent);
        Assert.Contains("会计", text);
        Assert.Contains("王芳", text);
        Assert.NotNull(doc.QuerySelector($".lf-tree a[href='/Org?id={w.U1}']"));
        Assert.Null(doc.QuerySelector($".lf-tree a[href='/Org?id={w.U2}']"));
        Assert.Null(doc.QuerySelector("a[href^='/Org/Edit']")); // a principal reads, the party office edits
        await page.GetAsync($"/Org?id={other.D1}", HttpStatusCode.NotFound);
        await page.GetAsync($"/Org?id={w.D3}", HttpStatusCode.NotFound);
        await page.GetAsync($"/Org/Person?id={other.X1}", HttpStatusCode.NotFound);
        await page.GetAsync("/Admin/Users", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_party_office_adds_a_department_post_and_person_through_the_forms()
    {
        var w = await World.CreateAsync(f, "表单");
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var res = await page.SubmitAsync($"/Org/Edit?parentId={w.U1}", new() { ["Input.Name"] = "纪检监察室", ["Input.Kind"] = "Department", ["Input.ParentId"] = w.U1.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var newId = int.Parse(res.Headers.Location!.OriginalString.Split("id=")[1]);

        res = await page.SubmitAsync($"/Org/Post?unitId={newId}", new() { ["Input.Name"] = "纪检监察室主任", ["Input.Tier"] = "Middle", ["Input.Duties"] = "监督执纪" });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var postId = (await f.Admin.GetAsync($"/api/v1/org-units/{newId}/posts").Expect(HttpStatusCode.OK))[0].Id();
        res = await page.SubmitAsync($"/Org/Person?unitId={newId}", new() { ["Input.Name"] = "林峰", ["Input.Title"] = "主任", ["Input.PostId"] = postId.ToString(), ["Input.AppointedOn"] = "2022-01-10" });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);

        var doc = await page.GetAsync($"/Org?id={newId}");
        var text = PageClient.Text(doc);
        Assert.Contains("纪检监察室主任", text);
        Assert.Contains("中层岗位", text);
        Assert.Contains("林峰", text);
        Assert.Contains("2022-01-10", text);

        // the department's 工作职责 and its 负责人 (chosen among its people), kept for the forms' headers
        var person = (await f.Admin.GetAsync($"/api/v1/org-units/{newId}/people").Expect(HttpStatusCode.OK))[0].Id();
        var edit = await page.GetAsync($"/Org/Edit?id={newId}");
        Assert.Contains(edit.QuerySelectorAll("#Input_HeadPersonId option"), o => o.TextContent.StartsWith("林峰"));
        res = await page.SubmitAsync($"/Org/Edit?id={newId}", new()
        {
            ["Input.Name"] = "纪检监察室", ["Input.Kind"] = "Department", ["Input.ParentId"] = w.U1.ToString(),
            ["Input.Duties"] = "协助党委落实全面从严治党监督责任", ["Input.HeadPersonId"] = person.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var unit = await f.Admin.GetAsync($"/api/v1/org-units/{newId}").Expect(HttpStatusCode.OK);
        Assert.Equal(("协助党委落实全面从严治党监督责任", person), (unit.GetProperty("duties").GetString(), unit.GetProperty("headPersonId").GetInt32()));
    }

    [Fact]
    public async Task A_form_error_is_shown_next_to_the_form_and_saves_nothing()
    {
        var w = await World.CreateAsync(f, "重名");
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var res = await page.SubmitAsync($"/Org/Edit?parentId={w.U1}", new() { ["Input.Name"] = "财务处", ["Input.Kind"] = "Department", ["Input.ParentId"] = w.U1.ToString() });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var doc = new HtmlParser().ParseDocument(await res.Content.ReadAsStringAsync());
        Assert.Contains("同一上级下已有名为“财务处”的机构", doc.QuerySelector(".alert-danger")!.TextContent);
        var units = await f.Admin.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK);
        Assert.Single(units.EnumerateArray(), u => u.GetProperty("name").GetString() == "财务处" && u.GetProperty("parentId").GetInt32() == w.U1);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var w = await f.WorldAsync();
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var res = await page.Http.PostAsync($"/Org/Edit?parentId={w.U1}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "伪造请求", ["Input.Kind"] = "Department", ["Input.ParentId"] = w.U1.ToString(),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_no_inline_script()
    {
        var res = await f.App.CreateClient().GetAsync("/Account/Login");
        var csp = res.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
        var doc = new HtmlParser().ParseDocument(await res.Content.ReadAsStringAsync());
        Assert.All(doc.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source)));
        Assert.Empty(doc.QuerySelectorAll("[style]"));
        var cookie = (await PageClient.LoginAsync(f, "admin", LianfangApp.AdminPassword)).Http;
        Assert.NotNull(cookie);
    }

    [Fact]
    public async Task The_login_cookie_is_httponly_and_samesite_strict()
    {
        var client = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }));
        var login = await client.Http.GetAsync("/Account/Login");
        var doc = new HtmlParser().ParseDocument(await login.Content.ReadAsStringAsync());
        var token = doc.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var antiforgeryCookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery"));
        var req = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "admin", ["Input.Password"] = LianfangApp.AdminPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        req.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        var res = await client.Http.SendAsync(req);
        var auth = res.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("lianfang="));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_integrity_file_is_offered_only_to_who_may_read_it_and_staff_find_their_own_in_the_menu()
    {
        var w = await World.CreateAsync(f, "档案入口");
        var office = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var person = await office.GetAsync($"/Org/Person?id={w.X1}");
        Assert.Null(person.QuerySelector($"a[href='/IntegrityFiles/Person?id={w.X1}']")); // the party office would meet a 404
        var agency = await PageClient.LoginAsync(f, w.Users["agency"]);
        Assert.NotNull((await agency.GetAsync($"/Org/Person?id={w.X1}")).QuerySelector($"a[href='/IntegrityFiles/Person?id={w.X1}']"));
        var staff = await PageClient.LoginAsync(f, w.Users["staff"]);
        var menu = (await staff.GetAsync("/")).QuerySelector("nav[aria-label=主菜单]")!;
        var own = menu.QuerySelectorAll("a").Single(a => a.TextContent.Contains("我的廉政档案"));
        Assert.Equal($"/IntegrityFiles/Person?id={w.X1}", own.GetAttribute("href"));
        Assert.Contains("王芳", PageClient.Text(await staff.GetAsync(own.GetAttribute("href")!)));
        Assert.DoesNotContain("我的廉政档案", (await office.GetAsync("/")).QuerySelector("nav[aria-label=主菜单]")!.TextContent); // no person, no file
    }

    [Fact]
    public async Task A_finding_form_sent_back_with_an_error_keeps_what_was_typed()
    {
        var w = await World.CreateAsync(f, "回填");
        var visit = (await (await f.As(w.Users["agency"])).Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, record = "抽查" })
            .Expect(HttpStatusCode.Created)).Id();
        var page = await PageClient.LoginAsync(f, w.Users["agency"]);
        var res = await page.SubmitAsync($"/Supervision/Inspection?id={visit}", new()
        {
            ["Finding.Description"] = "", ["Finding.OwnerOrgUnitId"] = w.D1.ToString(), ["Finding.OwnerPersonId"] = w.X1.ToString(), ["Finding.Task"] = "补建台账并复核", ["Finding.Deadline"] = "2026-12-30",
        }, "handler=Finding");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await res.Content.ReadAsStringAsync());
        Assert.Contains("问题描述", doc.QuerySelector(".alert-danger")!.TextContent);
        // the 整改责任人 is picked from the people of the inspected unit, each shown with their unit
        var owner = doc.QuerySelector("#Finding_OwnerPersonId option[selected]")!;
        Assert.Equal((w.X1.ToString(), "王芳（财务处）"), (owner.GetAttribute("value"), owner.TextContent));
        Assert.Equal("补建台账并复核", doc.QuerySelector("#Finding_Task")!.GetAttribute("value"));
        Assert.Equal("2026-12-30", doc.QuerySelector("#Finding_Deadline")!.GetAttribute("value"));
        Assert.Equal(w.D1.ToString(), doc.QuerySelector("#Finding_OwnerOrgUnitId option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_petition_and_assessment_forms_sent_back_with_an_error_keep_what_was_typed()
    {
        var w = await World.CreateAsync(f, "表单回填");
        var office = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var res = await office.SubmitAsync("/Complaints", new() { ["orgUnitId"] = w.D1.ToString(), ["content"] = "反映财务处报销把关不严的问题", ["contactName"] = new string('张', 60), ["contact"] = "13800000000" },
            "handler=Petition");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await res.Content.ReadAsStringAsync());
        Assert.Contains("姓名", doc.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("反映财务处报销把关不严的问题", doc.QuerySelector("#p-content")!.TextContent);
        Assert.Equal("13800000000", doc.QuerySelector("#p-contact")!.GetAttribute("value"));
        Assert.Equal(w.D1.ToString(), doc.QuerySelector("#p-unit option[selected]")!.GetAttribute("value"));

        await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "longsheng-2012", rootOrgUnitId = w.U1, deadline = "2026-12-31" }).Expect(HttpStatusCode.Created);
        res = await office.SubmitAsync($"/Assessments?orgUnitId={w.U1}", new()
        {
            ["kind"] = "Quarterly", ["year"] = "2026", ["quarter"] = "3", ["items[0].score"] = "25", ["items[1].score"] = "20", ["items[2].score"] = "24", ["items[2].gap"] = "台账不全", ["items[3].score"] = "25",
        }, "#assessment-form");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode); // standard 2 lost points without a gap analysis
        doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await res.Content.ReadAsStringAsync());
        Assert.Equal(("20", "台账不全", "3"), (doc.QuerySelector("#score1")!.GetAttribute("value"), doc.QuerySelector("#gap2")!.GetAttribute("value"), doc.QuerySelector("#quarter")!.GetAttribute("value")));
    }

    [Fact]
    public async Task The_writer_of_a_list_under_review_is_told_why_it_cannot_be_changed()
    {
        var s = await Review.WrittenList.CreateAsync(f, "审核中");
        await (await f.As(s.W.Users["staff"])).PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);
        var text = PageClient.Text(await (await PageClient.LoginAsync(f, s.W.Users["staff"])).GetAsync($"/Lists/Edit?id={s.List}"));
        Assert.Contains("清单审核中，审核完成或退回前不能修改", text);
        Assert.DoesNotContain("个人清单只能由本人填写", text);
    }
}

[Collection("sqlite")] public sealed class PagesTests_Sqlite(SqliteFixture f) : PagesTests(f);
[Collection("postgres")] public sealed class PagesTests_Postgres(PostgresFixture f) : PagesTests(f);
