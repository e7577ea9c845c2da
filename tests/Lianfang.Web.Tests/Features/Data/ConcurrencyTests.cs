using System.Net;
using System.Text;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Data;

/// <summary>
/// Two clients read the same version of a record; the first saves, the second gets 409 and the first's change stays.
/// One case per edit endpoint that replaces what someone else may have just written.
/// </summary>
public abstract class ConcurrencyTests(AppFixture f)
{
    /// <summary>An edit endpoint: how to read its version, write with a version, and read back what was kept.</summary>
    private sealed record Edit(string Name, string Role, Func<HttpClient, Task<int>> Version,
        Func<HttpClient, int, string, Task<HttpResponseMessage>> Write, Func<HttpClient, Task<string>> ReadBack);

    [Fact]
    public async Task Every_edit_endpoint_refuses_a_stale_version_with_409_and_keeps_the_first_change()
    {
        var w = await World.CreateAsync(f, "并发");
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "并发排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var list = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var staff = await f.As(w.Users["staff"]);
        var point = (await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "power", description = "资金拨付", levelCode = "general" })
            .Expect(HttpStatusCode.Created)).Id();
        var office = await f.As(w.Users["party_office"]);
        var power = (await office.Post("/api/v1/powers", new { orgUnitId = w.U1, category = "Licensing", name = "执业许可" }).Expect(HttpStatusCode.Created)).Id();
        var scheme = $"bf-{Guid.NewGuid().ToString("N")[..6]}";
        await office.Post("/api/v1/schemes", new { basedOn = "shaoxing-2018", code = scheme, name = "并发方案", orgUnitId = w.U1 }).Expect(HttpStatusCode.Created);
        var complaint = (await office.Post("/api/v1/complaints", new { orgUnitId = w.U1, content = "反映采购问题" }).Expect(HttpStatusCode.Created)).Id();

        static async Task<int> VersionOf(HttpClient c, string url)
        {
            var body = await c.GetAsync(url).Expect(HttpStatusCode.OK);
            Assert.True(body.TryGetProperty("version", out var v), $"{url} carries no version: {body}");
            return v.GetInt32();
        }
        static async Task<string> Body(HttpClient c, string url) => (await c.GetAsync(url).Expect(HttpStatusCode.OK)).GetRawText();

        Edit[] edits =
        [
            new("PUT /org-units/{id}", "admin", c => VersionOf(c, $"/api/v1/org-units/{w.D2}"),
                (c, v, m) => c.Put($"/api/v1/org-units/{w.D2}", new { name = $"办公室{m}", kind = "Department", parentId = w.U1, version = v }),
                c => Body(c, $"/api/v1/org-units/{w.D2}")),
            new("PUT /posts/{id}", "admin", c => VersionOf(c, $"/api/v1/posts/{w.P1}"),
                (c, v, m) => c.Put($"/api/v1/posts/{w.P1}", new { orgUnitId = w.D1, name = "会计", tier = "Other", duties = $"会计核算{m}", version = v }),
                c => Body(c, $"/api/v1/posts/{w.P1}")),
            new("PUT /people/{id}", "admin", c => VersionOf(c, $"/api/v1/people/{w.X2}"),
                (c, v, m) => c.Put($"/api/v1/people/{w.X2}", new { name = "吴军", title = $"科长{m}", orgUnitId = w.D3, postId = w.P2, version = v }),
                c => Body(c, $"/api/v1/people/{w.X2}")),
            new("PUT /lists/{id}/risk-points/{id}", "staff",
                async c => (await c.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0].GetProperty("version").GetInt32(),
                (c, v, m) => c.Put($"/api/v1/lists/{list}/risk-points/{point}", new { categoryCode = "power", description = $"资金拨付{m}", levelCode = "general", version = v }),
                c => Body(c, $"/api/v1/lists/{list}")),
            new("PUT /lists/{id}/commitment", "staff", c => VersionOf(c, $"/api/v1/lists/{list}"),
                (c, v, m) => c.Put($"/api/v1/lists/{list}/commitment", new { text = $"本人承诺{m}", version = v }),
                _ => f.App.WithDbAsync(async db => (await db.RiskLists.FindAsync(list))!.Commitment ?? "")),
            new("PUT /powers/{id}", "party_office", async c => (await c.GetAsync($"/api/v1/powers/{power}").Expect(HttpStatusCode.OK)).GetProperty("power").GetProperty("version").GetInt32(),
                (c, v, m) => c.Put($"/api/v1/powers/{power}", new { orgUnitId = w.U1, category = "Licensing", name = $"执业许可{m}", version = v }),
                c => Body(c, $"/api/v1/powers/{power}")),
            new("PUT /powers/{id}/flow", "party_office", async c => (await c.GetAsync($"/api/v1/powers/{power}").Expect(HttpStatusCode.OK)).GetProperty("power").GetProperty("version").GetInt32(),
                (c, v, m) => c.Put($"/api/v1/powers/{power}/flow", new
                {
                    steps = new[] { new { key = "a", name = $"受理{m}" }, new { key = "b", name = "审批" } },
                    edges = new[] { new { from = "a", to = "b" } }, version = v,
                }),
                async c => await (await c.GetAsync($"/api/v1/powers/{power}/flow.svg")).Content.ReadAsStringAsync()),
            new("PUT /schemes/{code}", "party_office",
                async c => (await c.GetAsync("/api/v1/schemes").Expect(HttpStatusCode.OK)).EnumerateArray()
                    .Single(s => s.GetProperty("code").GetString() == scheme).GetProperty("version").GetInt32(),
                async (c, v, m) =>
                {
                    var json = (await Body(c, $"/api/v1/schemes/{scheme}")).Replace("\"并发方案\"", $"\"并发方案{m}\"").Replace("\"并发方案甲\"", $"\"并发方案{m}\"");
                    return await c.PutAsync($"/api/v1/schemes/{scheme}?version={v}", new StringContent(json, Encoding.UTF8, "application/json"));
                },
                c => Body(c, $"/api/v1/schemes/{scheme}")),
            new("POST /complaints/{id}/triage", "party_office",
                async c => (await c.GetAsync("/api/v1/complaints?pageSize=200").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
                    .Single(x => x.GetProperty("id").GetInt64() == complaint).GetProperty("version").GetInt32(),
                (c, v, m) => c.Post($"/api/v1/complaints/{complaint}/triage", new { status = m == "甲" ? "Accepted" : "Dismissed", note = $"意见{m}", version = v }),
                async c => await f.App.WithDbAsync(async db => (await db.Complaints.FindAsync((long)complaint))!.Note ?? "")),
        ];

        var failures = new List<string>();
        foreach (var e in edits)
        {
            // Two clients of the same role (two browser tabs, two colleagues) read the record at the same version.
            var (user, password) = e.Role == "admin" ? ("admin", LianfangApp.AdminPassword) : (w.Users[e.Role], LianfangApp.Password);
            var first = await f.As(user, password);
            var second = await f.As(user, password);
            var v1 = await e.Version(first);
            Assert.Equal(v1, await e.Version(second));

            var ok = await e.Write(first, v1, "甲");
            if (ok.StatusCode != HttpStatusCode.OK) { failures.Add($"{e.Name}: first write {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync()}"); continue; }
            var stale = await e.Write(second, v1, "乙");
            var body = await stale.Content.ReadAsStringAsync();
            if (stale.StatusCode != HttpStatusCode.Conflict) { failures.Add($"{e.Name}: stale write got {(int)stale.StatusCode} {body}"); continue; }
            var problem = JsonDocument.Parse(body).RootElement;
            if (problem.GetProperty("title").GetString() != "数据已被修改" || !problem.ErrorFields().Contains("version"))
                failures.Add($"{e.Name}: 409 without the stale-version problem: {body}");
            var kept = await e.ReadBack(first);
            if (!kept.Contains("甲") || kept.Contains("乙")) failures.Add($"{e.Name}: the first change was lost: {kept[..Math.Min(kept.Length, 300)]}");
            if (await e.Version(first) <= v1) failures.Add($"{e.Name}: version did not move on from {v1}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

[Collection("sqlite")] public sealed class ConcurrencyTests_Sqlite(SqliteFixture f) : ConcurrencyTests(f);
[Collection("postgres")] public sealed class ConcurrencyTests_Postgres(PostgresFixture f) : ConcurrencyTests(f);
