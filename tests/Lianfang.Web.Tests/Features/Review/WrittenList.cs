using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Review;

/// <summary>A shaoxing-2018 campaign over 卫健委 and 王芳's own post list with one 重要 and one 一般 point.</summary>
public sealed record WrittenList(World W, int Campaign, int List)
{
    public static readonly string[] Reviewers = ["dept_head", "leader_in_charge", "principal", "agency"];

    public static async Task<WrittenList> CreateAsync(AppFixture f, string label)
    {
        var w = await World.CreateAsync(f, label);
        var campaign = (await f.Admin.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var list = (await f.Admin.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var staff = await f.As(w.Users["staff"]);
        await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "power", description = "资金拨付中优亲厚友", levelCode = "important", measures = new[] { new { text = "拨付双人复核" } } })
            .Expect(HttpStatusCode.Created);
        await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "conduct", description = "报销把关不严", levelCode = "general" }).Expect(HttpStatusCode.Created);
        return new WrittenList(w, campaign, list);
    }

    /// <summary>Submitted by its holder and approved through all four stages.</summary>
    public static async Task<WrittenList> ApprovedAsync(AppFixture f, string label)
    {
        var s = await CreateAsync(f, label);
        await (await f.As(s.W.Users["staff"])).PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);
        foreach (var role in Reviewers)
            await (await f.As(s.W.Users[role])).Post($"/api/v1/lists/{s.List}/review", new { decision = "approve" }).Expect(HttpStatusCode.OK);
        return s;
    }
}
