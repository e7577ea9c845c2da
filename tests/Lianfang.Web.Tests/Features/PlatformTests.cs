using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features;

public abstract class PlatformTests(AppFixture f)
{
    [Fact]
    public async Task Health_answers_without_login()
    {
        var res = await f.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("Healthy", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_public_calls()
    {
        var doc = await f.Anonymous().GetAsync("/openapi/v1.json").Expect(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "/api/v1/auth/token", "/api/v1/users", "/api/v1/org-units", "/api/v1/org-units/{id}", "/api/v1/posts", "/api/v1/people",
            "/api/v1/people/{id}", "/api/v1/org-units/{id}/import", "/api/v1/schemes", "/api/v1/campaigns", "/api/v1/campaigns/{id}/lists",
            "/api/v1/campaigns/{id}/changes", "/api/v1/lists/{id}", "/api/v1/lists/{id}/risk-points", "/api/v1/risk-points",
            "/api/v1/lists/{id}/submit", "/api/v1/lists/{id}/review", "/api/v1/lists/{id}/reopen", "/api/v1/lists/{id}/history",
            "/api/v1/inbox", "/api/v1/filings", "/api/v1/lists/{id}/invitations", "/api/v1/lists/{id}/comments", "/api/v1/lists/{id}/publish",
            "/api/v1/lists/{id}/commitment", "/api/v1/campaigns/{id}/progress", "/api/v1/complaints",
            "/api/v1/inspections", "/api/v1/inspections/{id}/findings", "/api/v1/rectifications/{id}/verify", "/api/v1/dispositions",
            "/api/v1/warnings", "/api/v1/warnings/sweep", "/api/v1/scorecard",
            "/api/v1/powers", "/api/v1/powers/{id}", "/api/v1/powers/{id}/flow", "/api/v1/powers/{id}/flow.svg",
            "/api/v1/people/{id}/integrity-file", "/api/v1/people/{id}/integrity-file/entries", "/api/v1/people/{id}/integrity-file/export",
            "/api/v1/org-units/{id}/powers/export", "/api/v1/org-units/{id}/powers/import", "/api/v1/reports/summary", "/api/v1/reports/compare/export", "/api/v1/assessments", "/api/v1/assessments/{id}/notice",
            "/api/v1/lists/{id}/import", "/api/v1/lists/{id}/export", "/api/v1/lists/{id}/forms", "/api/v1/reports/summary/export",
        }, paths);
        Assert.Equal("Lianfang 廉防 API", doc.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task LIANFANG_ADMIN_PASSWORD_bootstraps_a_system_admin()
    {
        var me = await f.Admin.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK);
        var admin = me.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "admin");
        Assert.Contains(admin.GetProperty("grants").EnumerateArray(), g => g.GetProperty("role").GetString() == "admin" && g.GetProperty("orgUnitId").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Demo_data_gives_one_account_per_role()
    {
        using var app = new LianfangApp(f.Db, new() { ["Lianfang:Demo"] = "true" });
        var client = app.CreateClient();
        foreach (var user in new[] { "demo.staff", "demo.depthead", "demo.leader", "demo.principal", "demo.partyoffice", "demo.agency", "demo.commission", "demo.helper", "demo.admin" })
        {
            var token = await client.Post("/api/v1/auth/token", new { userName = user, password = "Lianfang-demo-2026" }).Expect(HttpStatusCode.OK);
            Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        }
        var principal = app.CreateClient();
        principal.DefaultRequestHeaders.Authorization = new("Bearer", (await client.Post("/api/v1/auth/token", new { userName = "demo.principal", password = "Lianfang-demo-2026" }).Expect(HttpStatusCode.OK)).GetProperty("accessToken").GetString());
        var units = await principal.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK);
        Assert.Contains(units.EnumerateArray(), u => u.GetProperty("name").GetString() == "示范市卫生健康委员会");
        Assert.DoesNotContain(units.EnumerateArray(), u => u.GetProperty("name").GetString() == "示范市财政局");
    }
}

[Collection("sqlite")] public sealed class PlatformTests_Sqlite(SqliteFixture f) : PlatformTests(f);
[Collection("postgres")] public sealed class PlatformTests_Postgres(PostgresFixture f) : PlatformTests(f);
