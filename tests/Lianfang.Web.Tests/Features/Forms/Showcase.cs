using System.Net;
using Lianfang.Web.Tests.Infrastructure;
using static Lianfang.Web.Tests.Features.Forms.FormsWorld;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// One list per official form, filled by importing the seed forms and taken through part of their review, so the
/// exports have points, signatures with verification codes, opinions and correction comments to show.
/// </summary>
public sealed record Showcase(World W, IReadOnlyList<Showcase.Item> Items, int LongshengCampaign)
{
    /// <param name="Writer">Whoever may import into Target (for the round trips).</param>
    /// <param name="Signers">Names expected on the form's signature lines.</param>
    /// <param name="Target">An editable list of the same scheme that Writer may import into.</param>
    public sealed record Item(string Scheme, int List, string[] Forms, HttpClient Writer, string[] Signers, int Target);

    public const string Formula = "=HYPERLINK(\"http://example.invalid\",\"点我\")";

    public static async Task<Showcase> CreateAsync(AppFixture f, string label)
    {
        var w = await World.CreateAsync(f, label);
        await Review.WrittenList.LeaderAsync(f, w);
        var staff = await f.As(w.Users["staff"]);
        var head = await f.As(w.Users["dept_head"]);
        var leader = await f.As(w.Users["leader_in_charge"]);
        var office = await f.As(w.Users["party_office"]);
        var principal = await f.As(w.Users["principal"]);
        var items = new List<Item>();

        // 001: 财务处's list, categories completed, signed by the head (submit, 处室审签) and the leader.
        var healthCampaign = await CampaignAsync(f, w, "shaoxing-health-2018");
        var health = await ListAsync(f, healthCampaign, "Department", w.D1);
        await Upload(head, health, SeedForms.HealthListDocx(), "清单.docx").Expect(HttpStatusCode.OK);
        // categories completed, and a 责任领导 (a person of the unit) where the seed's row names none
        foreach (var p in (await PointsAsync(head, health)).EnumerateArray().Where(p => p.GetProperty("categoryCode").GetString() == "unclassified"
                     || p.GetProperty("responsible").GetProperty("leader").ValueKind == System.Text.Json.JsonValueKind.Null))
            await head.Put($"/api/v1/lists/{health}/risk-points/{p.GetProperty("id").GetInt64()}", new
            {
                categoryCode = p.GetProperty("categoryCode").GetString() == "unclassified" ? "power" : p.GetProperty("categoryCode").GetString(),
                description = p.GetProperty("description").GetString(), levelCode = p.GetProperty("levelCode").GetString(),
                measures = p.GetProperty("measures"), supervision = p.GetProperty("supervision"),
                responsible = new { leader = "赵强", department = p.GetProperty("responsible").GetProperty("department").GetString(),
                    persons = p.GetProperty("responsible").GetProperty("persons") },
                version = p.GetProperty("version").GetInt32(),
            }).Expect(HttpStatusCode.OK);
        await SignRowsAsync(f, w, health, w.D1);
        await head.PostAsync($"/api/v1/lists/{health}/submit", null).Expect(HttpStatusCode.OK);
        await ReviewList(head, health, "approve", "同意").Expect(HttpStatusCode.OK);
        await ReviewList(leader, health, "approve", "同意上报").Expect(HttpStatusCode.OK);
        items.Add(new("shaoxing-health-2018", health, ["annex1", "detail"], office, [w.Users["dept_head"], w.Users["leader_in_charge"]],
            await ListAsync(f, healthCampaign, "Department", w.D2)));

        // 000: 王芳's post list from the Excel list, with a value a spreadsheet would take for a formula.
        var post = await ListAsync(f, await CampaignAsync(f, w, "shaoxing-2018"), "Post", w.D1, w.X1);
        await Upload(staff, post, SeedForms.HealthListXlsx(), "清单.xlsx").Expect(HttpStatusCode.OK);
        await staff.Post($"/api/v1/lists/{post}/risk-points", new
        {
            categoryCode = "post", description = Formula, levelCode = "general", manifestation = "-1 元的报销单",
            measures = new[] { new { text = "+1 人复核", kind = "工作流程" } }, sources = new[] { "单位自查", "专家助查" },
            responsible = new { leader = "孙伟", department = "财务处", persons = new[] { "@王芳" } },
        }).Expect(HttpStatusCode.Created);
        items.Add(new("shaoxing-2018", post, ["annex1", "detail"], staff, [], post));

        // 003: the personal finding list and the department list, returned by the leader with a correction opinion.
        var longsheng = await CampaignAsync(f, w, "longsheng-2012");
        var person = await ListAsync(f, longsheng, "Person", w.D1, w.X1);
        await Upload(staff, person, SeedForms.PersonalFindingDocx(), "个人查找表.docx").Expect(HttpStatusCode.OK);
        await Upload(staff, person, SeedForms.PersonalRegistrationXlsx(), "个人登记表.xlsx").Expect(HttpStatusCode.OK);
        items.Add(new("longsheng-2012", person, ["annex5", "annex8", "detail"], staff, [], person));
        var department = await ListAsync(f, longsheng, "Department", w.D1);
        await Upload(head, department, SeedForms.DepartmentRegistrationDocx(), "部门登记表.docx").Expect(HttpStatusCode.OK);
        await head.PostAsync($"/api/v1/lists/{department}/submit", null).Expect(HttpStatusCode.OK);
        await ReviewList(head, department, "approve", "科室自查完成").Expect(HttpStatusCode.OK);
        await ReviewList(leader, department, "return", "补充制度机制风险的防控措施").Expect(HttpStatusCode.OK);
        items.Add(new("longsheng-2012", department, ["annex6", "annex7", "detail"], head, [w.Users["dept_head"]], department));

        // 004: the unit form approved by the principal and the vice-president; the post form as filled.
        var sanjiang = await CampaignAsync(f, w, "sanjiang-2019");
        var unit = await ListAsync(f, sanjiang, "Unit", w.U1);
        await Upload(office, unit, SeedForms.UnitRegistrationDocx(), "单位登记表.docx").Expect(HttpStatusCode.OK);
        await office.PostAsync($"/api/v1/lists/{unit}/submit", null).Expect(HttpStatusCode.OK);
        await ReviewList(principal, unit, "approve", "同意，措施可行").Expect(HttpStatusCode.OK);
        var vice = $"t{Guid.NewGuid().ToString("N")[..6]}.vice";
        await f.CreateUser(new { userName = vice, password = LianfangApp.Password, grants = new[] { new { role = "leader_in_charge", orgUnitId = w.U1 } } })
            .Expect(HttpStatusCode.Created);
        await ReviewList(await f.As(vice), unit, "approve", "同意").Expect(HttpStatusCode.OK);
        items.Add(new("sanjiang-2019", unit, ["annex2", "detail"], office, [w.Users["principal"], vice],
            await ListAsync(f, await CampaignAsync(f, w, "sanjiang-2019"), "Unit", w.U1)));
        var post4 = await ListAsync(f, sanjiang, "Post", w.D1);
        await Upload(staff, post4, SeedForms.PostRegistrationXlsx(), "岗位登记表.xlsx").Expect(HttpStatusCode.OK);
        items.Add(new("sanjiang-2019", post4, ["annex3", "detail"], staff, [], post4));

        // 002 has no official form of its own: the full 明细表.
        var lianyun = await ListAsync(f, await CampaignAsync(f, w, "lianyun-finance"), "Person", w.D1, w.X1);
        await Upload(staff, lianyun, SeedForms.PersonalRegistrationXlsx(), "个人登记表.xlsx").Expect(HttpStatusCode.OK);
        items.Add(new("lianyun-finance", lianyun, ["detail"], staff, [], lianyun));

        return new Showcase(w, items, longsheng);
    }
}
