using System.Net;
using System.Text.RegularExpressions;
using Lianfang.Core.Forms;
using Lianfang.Core.Schemes;
using Lianfang.Web.Tests.Infrastructure;
using static Lianfang.Web.Tests.Features.Forms.FormsWorld;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// Every official form, exported and opened by a real reader (LibreOffice headless): the text, the table shape and
/// the signature lines must be what the list holds. Runs on SQLite only (the files do not depend on the database);
/// the exported files are kept in artifacts/forms for people to look at.
/// </summary>
[Collection("sqlite")]
public sealed partial class ExportReadBackTests(SqliteFixture f)
{
    /// <summary>artifacts/forms at the repository root, where exported files are kept for people to look at.</summary>
    internal static string Artifacts()
    {
        var path = Path.Combine(Repo.Root, "artifacts", "forms");
        Directory.CreateDirectory(path);
        return path;
    }

    private static FormDef Form(string scheme, string code) => code == "detail" ? FormCatalog.Detail : Presets.Find(scheme)!.Forms.Single(x => x.Code == code);

    [Fact]
    public async Task Every_official_form_exports_and_LibreOffice_reads_it_back_with_the_same_content()
    {
        var s = await Showcase.CreateAsync(f, "导出");
        // the header fields the org tree keeps: 004 附件2 prints the unit's, 003 附件6/7 the department's (王芳 heads both here)
        foreach (var (unit, kind, parent, duties) in new[] { (s.W.U1, "Unit", s.W.C, "卫生健康行政管理和公共卫生服务"), (s.W.D1, "Department", s.W.U1, "财务管理与会计核算") })
        {
            var current = await f.Admin.GetAsync($"/api/v1/org-units/{unit}").Expect(HttpStatusCode.OK);
            await f.Admin.Put($"/api/v1/org-units/{unit}", new { name = current.GetProperty("name").GetString(), kind, parentId = parent,
                version = current.GetProperty("version").GetInt32(), duties, integrityDuties = "履行党风廉政建设“一岗双责”", headPersonId = s.W.X1 }).Expect(HttpStatusCode.OK);
        }
        var docx = new Dictionary<string, byte[]>();
        var xlsx = new Dictionary<string, byte[]>();
        var cases = new List<(string Name, Showcase.Item Item, string Form)>();
        foreach (var item in s.Items)
            foreach (var form in item.Forms)
            {
                var name = $"{item.Scheme}-{form}-{item.List}";
                docx[name + ".docx"] = await ExportAsync(f.Observer, item.List, form, "docx");
                xlsx[name + ".xlsx"] = await ExportAsync(f.Observer, item.List, form, "xlsx");
                cases.Add((name, item, form));
            }
        // the 汇总表 counts approved lists: the forms above were exported as filled, the summary after approval
        await f.ApproveAsync([.. s.Items.Where(i => i.Scheme == "longsheng-2012").Select(i => i.List).Distinct()]);
        var summary = $"/api/v1/reports/summary/export?campaignId={s.LongshengCampaign}&orgUnitId={s.W.U1}";
        docx["longsheng-2012-annex9.docx"] = await (await f.Observer.GetAsync(summary + "&format=docx")).Content.ReadAsByteArrayAsync();
        xlsx["longsheng-2012-annex9.xlsx"] = await (await f.Observer.GetAsync(summary + "&format=xlsx")).Content.ReadAsByteArrayAsync();
        var artifacts = Artifacts();
        foreach (var (name, bytes) in docx.Concat(xlsx)) await File.WriteAllBytesAsync(Path.Combine(artifacts, name), bytes);

        var texts = await LibreOffice.ConvertAsync(LibreOffice.Text, "txt", docx);
        var csvs = await LibreOffice.ConvertAsync(LibreOffice.Csv, "csv", xlsx);

        foreach (var (name, item, code) in cases)
        {
            var form = Form(item.Scheme, code);
            var points = (await PointsAsync(f.Observer, item.List)).EnumerateArray().Select(p => p.GetProperty("description").GetString()!).ToList();
            var text = texts[name + ".docx"];
            var rows = LibreOffice.ParseCsv(csvs[name + ".xlsx"]);

            // Word: title, every column, every point, every signature line with its signer and code.
            Assert.Contains(form.TitleFor([]), text);
            foreach (var part in form.Columns.SelectMany(c => FormColumns.Clean(c).Split(['（', '）'], StringSplitOptions.RemoveEmptyEntries)))
                Assert.Contains(part, FormColumns.Clean(text));
            foreach (var p in points) Assert.Contains(p, text);
            foreach (var line in form.Signatures) Assert.Contains(line.Split('：')[0], text);
            // under the table signer, day and code; in an opinion cell (004) signer and code, the day on the line under 盖章
            foreach (var signer in form.Signatures.Count > 0 ? item.Signers : [])
                Assert.Matches($"{Regex.Escape(signer)}　(\\d{{4}}年\\d{{1,2}}月\\d{{1,2}}日　)?验证码：[A-Z2-9]{{10}}", text);
            // unsigned, a signature line is its label and room to sign, as on the seed
            if (item.Signers.Length == 0 && form.Signatures.Count > 0) Assert.DoesNotContain("验证码", text);
            foreach (var field in form.HeadLine.Concat(form.Fields))
                foreach (var part in FormDef.FieldParts(field) is var (group, label) ? new[] { group, label }.OfType<string>() : []) Assert.Contains(part, text);

            // Excel: a rectangle as wide as the form, the header row(s) in order, a row per point.
            var width = form.Columns.Count;
            Assert.All(rows, r => Assert.Equal(width, r.Length));
            Assert.EndsWith(form.TitleFor([]), rows[0][0]); // this world is no 龙胜县: the county's forms print without its name
            var header = rows.FindIndex(r => FormColumns.Clean(r[^1]).StartsWith(FormColumns.Clean(form.Columns[^1])[..2]) && r.Count(c => c.Length > 0) >= Math.Min(width, 2));
            Assert.True(header > 0, $"{name}: no header row in\n{csvs[name + ".xlsx"]}");
            var headerText = string.Join("|", rows[header].Concat(rows[header + 1]).Select(FormColumns.Clean));
            foreach (var part in form.Columns.SelectMany(c => FormColumns.Clean(c).Split(['（', '）'], StringSplitOptions.RemoveEmptyEntries)))
                Assert.Contains(part, headerText);
            var descriptionColumn = form.Columns.ToList().FindIndex(c => FormColumns.Match(c) == FormField.Description);
            // 004's rows are numbered under their category as on the seed ("1.理想信念…")
            foreach (var p in points) Assert.Contains(rows, r => Regex.Replace(r[descriptionColumn], @"^\d+\.", "").StartsWith(p));
            // a form prints the category rows it has (003 附件5: 思想道德、岗位职责), not every category of the scheme, and its date line
            var categoryColumn = form.Columns.ToList().FindIndex(c => FormColumns.Match(c) == FormField.Category);
            if (form.Categories is { } printed && categoryColumn >= 0)
            {
                var scheme = Presets.Find(item.Scheme)!;
                var written = (await PointsAsync(f.Observer, item.List)).EnumerateArray().Select(p => p.GetProperty("categoryCode").GetString()!);
                var shown = printed.Concat(written).ToHashSet();
                foreach (var c in scheme.Categories.Where(c => !shown.Contains(c.Code))) Assert.DoesNotContain(rows, r => r[categoryColumn] == c.Name);
                foreach (var c in printed) Assert.Contains(rows, r => r[categoryColumn] == scheme.Category(c)!.Name);
            }
            if (form.CategoryNames is { } words && categoryColumn >= 0) // 004 附件2/3: the form's words, not the text's
                foreach (var (category, word) in words)
                {
                    Assert.Contains(rows, r => r[categoryColumn] == word);
                    Assert.DoesNotContain(rows, r => r[categoryColumn] == Presets.Find(item.Scheme)!.Category(category)!.Name);
                }
            if (form.DateLineParts() is var (dateLabel, _, monthOnly))
                Assert.Matches(monthOnly ? $"{dateLabel}：(\\d{{4}}年\\d{{1,2}}月|\\s+年\\s+月)(?!\\s*\\d*\\s*日)"
                    : $"{dateLabel}：(\\d{{4}}年\\d{{1,2}}月\\d{{1,2}}日|\\s+年\\s+月\\s+日)", text);
            // 相关责任人 names the leader in the form's own word (001 附件1: 处室单位负责人), not another form's
            var responsibleColumn = form.Columns.ToList().FindIndex(c => FormColumns.Match(c) == FormField.Responsible);
            if (form.LeaderLabel is { } leaderLabel && responsibleColumn >= 0)
            {
                Assert.Contains(rows, r => r[responsibleColumn].StartsWith(leaderLabel + "：赵强"));
                Assert.DoesNotContain(rows, r => r[responsibleColumn].Contains("责任领导："));
            }
        }

        string Text(string scheme, string form) => texts.Single(t => t.Key.StartsWith($"{scheme}-{form}-")).Value.Replace("\n", " ");
        Assert.Matches("主要负责人\\s*王芳", Text("sanjiang-2019", "annex2"));
        Assert.Contains("卫生健康行政管理和公共卫生服务", Text("sanjiang-2019", "annex2"));
        Assert.Contains("履行党风廉政建设“一岗双责”", Text("sanjiang-2019", "annex2"));
        // 004 附件3: 岗位职责 and 廉政职责 under one 一岗双责 cell, in Word and in Excel
        Assert.Matches("一岗双责\\s*岗位职责[\\s\\S]*廉政职责", Text("sanjiang-2019", "annex3"));
        var post = LibreOffice.ParseCsv(csvs[cases.Single(c => c.Item.Scheme == "sanjiang-2019" && c.Form == "annex3").Name + ".xlsx"]);
        var duty = post.FindIndex(r => r.Contains("岗位职责"));
        Assert.Equal("一岗双责", post[duty][0]);
        Assert.Equal(("", "廉政职责"), (post[duty + 1][0], post[duty + 1][1]));
        foreach (var form in new[] { "annex6", "annex7" })
        {
            Assert.Matches("责任人姓名\\s*王芳", Text("longsheng-2012", form));
            Assert.Matches("职务\\s*科员", Text("longsheng-2012", form));
            Assert.Contains("财务管理与会计核算", Text("longsheng-2012", form));
        }

        // 汇总表: two header rows, a row per department and the total.
        var sum = LibreOffice.ParseCsv(csvs["longsheng-2012-annex9.xlsx"]);
        Assert.Equal("廉政风险识别、防控、监督汇总表（部门）", sum[0][0]);
        Assert.Contains(sum, r => r[0] == "财务处" && r[2] == "8");
        Assert.Contains(sum, r => r[0] == "总合计" && r[2] == "8");
        Assert.Contains("三类风险合计（个）", texts["longsheng-2012-annex9.docx"]);
        Assert.Contains("1．思想道德风险点", texts["longsheng-2012-annex9.docx"]);

        // A value that looks like a formula stays the text it was.
        Assert.Contains(LibreOffice.ParseCsv(csvs[cases.Single(c => c.Item.Scheme == "shaoxing-2018" && c.Form == "detail").Name + ".xlsx"]),
            r => r.Contains(Showcase.Formula));
    }

    [Fact]
    public async Task A_form_converts_to_PDF_through_LibreOffice()
    {
        var s = await Showcase.CreateAsync(f, "PDF");
        var res = await f.Observer.GetAsync($"/api/v1/lists/{s.Items[0].List}/export?format=pdf");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/pdf", res.Content.Headers.ContentType!.MediaType);
        var pdf = await res.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        await File.WriteAllBytesAsync(Path.Combine(Artifacts(), "shaoxing-health-2018-annex1.pdf"), pdf);
    }

    [Fact]
    public async Task Without_LibreOffice_PDF_is_refused_with_the_reason_and_the_page_says_why()
    {
        using var app = new LianfangApp(Db.Sqlite, new() { ["Lianfang:Soffice"] = "" });
        var admin = app.CreateClient();
        var token = (await admin.Post("/api/v1/auth/token", new { userName = "admin", password = LianfangApp.AdminPassword }).Expect(HttpStatusCode.OK)).GetProperty("accessToken").GetString();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var c = (await admin.Post("/api/v1/org-units", new { name = "无PDF纪委", kind = "Commission" }).Expect(HttpStatusCode.Created)).Id();
        var u = (await admin.Post("/api/v1/org-units", new { name = "某局", kind = "Unit", parentId = c }).Expect(HttpStatusCode.Created)).Id();
        async Task<HttpClient> Client(string user, string password)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", (await client.Post("/api/v1/auth/token", new { userName = user, password }).Expect(HttpStatusCode.OK))
                .GetProperty("accessToken").GetString());
            return client;
        }
        await Accounts.CreateAsync(admin, await Client("secadmin", LianfangApp.AdminPassword),
            new { userName = "nopdf.commission", password = LianfangApp.Password, grants = new[] { new { role = "commission", orgUnitId = c } } }).Expect(HttpStatusCode.Created);
        admin = await Client("nopdf.commission", LianfangApp.Password); // lists are the commission's to read, not the administrator's
        var campaign = (await admin.Post("/api/v1/campaigns", new { name = "排查", year = 2026, schemeCode = "sanjiang-2019", rootOrgUnitId = u, deadline = "2026-05-31" }).Expect(HttpStatusCode.Created)).Id();
        var list = (await admin.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK))[0].Id();

        var problem = await admin.GetAsync($"/api/v1/lists/{list}/export?format=pdf").Expect(HttpStatusCode.NotImplemented);
        Assert.Contains("未安装 LibreOffice", problem.GetProperty("detail").GetString());
        await admin.GetAsync($"/api/v1/lists/{list}/export?format=docx").Expect(HttpStatusCode.OK);

        var page = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "nopdf.commission", ["Input.Password"] = LianfangApp.Password });
        var edit = await page.GetAsync($"/Lists/Edit?id={list}");
        Assert.Contains("PDF 不可用：服务器未安装 LibreOffice", PageClient.Text(edit));
        var export = await page.GetAsync($"/Forms/Export?id={list}");
        Assert.NotNull(export.QuerySelector("button[disabled][title*='LibreOffice']"));
    }
}
