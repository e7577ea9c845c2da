using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Scope;

/// <summary>
/// Every role × every org endpoint × a target inside its grant, in a sibling unit of the same commission,
/// and in another commission. Expected answers are written out here, not derived from the code under test.
/// </summary>
public abstract class ScopeMatrixTests(AppFixture f)
{
    public enum Target { Own, SiblingUnit, OtherCommission }

    public static readonly string[] Roles = ["staff", "dept_head", "leader_in_charge", "principal", "party_office", "agency", "commission", "helper", "admin", "security_admin", "auditor"];
    public static readonly string[] Endpoints = ["GET unit", "GET unit posts", "GET unit people", "GET post", "GET person", "POST post", "POST child unit", "PUT unit"];

    public static IEnumerable<object[]> Cases() =>
        from role in Roles from endpoint in Endpoints from target in Enum.GetValues<Target>() select new object[] { role, endpoint, target };

    /// <summary>Own = 财务处 D1 (under 卫健委 U1); SiblingUnit = 国库科 D3 (under 财政局 U2); OtherCommission = D1 of another world.</summary>
    private static HttpStatusCode Expected(string role, string endpoint, Target target)
    {
        var reads = endpoint.StartsWith("GET");
        var visible = target switch
        {
            Target.OtherCommission => false,
            Target.SiblingUnit => role is "commission" or "admin",
            _ => role is not ("helper" or "security_admin" or "auditor"), // the org tree is kept by the system administrator
        };
        if (reads) return visible ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        var manages = role is "admin" || (role is "party_office" && target == Target.Own);
        if (endpoint == "PUT unit") return !visible ? HttpStatusCode.NotFound : manages ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        // a unit referenced in the body: unseen is a bad reference, seen but not kept is forbidden
        return !visible ? HttpStatusCode.BadRequest : manages ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_sees_and_changes_only_what_its_grant_reaches(string role, string endpoint, Target target)
    {
        var w = await f.WorldAsync();
        var other = await f.OtherWorldAsync();
        var (unit, post, person) = target switch
        {
            Target.Own => (w.D1, w.P1, w.X1),
            Target.SiblingUnit => (w.D3, w.P2, w.X2),
            _ => (other.D1, other.P1, other.X1),
        };
        var client = await f.As(w.Users[role]);
        var name = $"矩阵{Guid.NewGuid().ToString("N")[..8]}";
        var unitName = target == Target.SiblingUnit ? "国库科" : "财务处";
        var version = endpoint == "PUT unit" ? await f.Admin.VersionAsync($"/api/v1/org-units/{unit}") : 0; // as read by someone who may
        var call = endpoint switch
        {
            "GET unit" => client.GetAsync($"/api/v1/org-units/{unit}"),
            "GET unit posts" => client.GetAsync($"/api/v1/org-units/{unit}/posts"),
            "GET unit people" => client.GetAsync($"/api/v1/org-units/{unit}/people"),
            "GET post" => client.GetAsync($"/api/v1/posts/{post}"),
            "GET person" => client.GetAsync($"/api/v1/people/{person}"),
            "POST post" => client.Post("/api/v1/posts", new { orgUnitId = unit, name, tier = "Other" }),
            "POST child unit" => client.Post("/api/v1/org-units", new { name, kind = "Department", parentId = unit }),
            "PUT unit" => client.Put($"/api/v1/org-units/{unit}", new { name = unitName, kind = "Department", parentId = target == Target.SiblingUnit ? w.U2 : target == Target.Own ? w.U1 : other.U1, version }),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };
        var res = await call;
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(Expected(role, endpoint, target) == res.StatusCode, $"{role} {endpoint} {target}: expected {(int)Expected(role, endpoint, target)}, got {(int)res.StatusCode} {body}");
        if (res.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            Assert.DoesNotContain(unitName, body); // a refusal never carries the unseen unit's data
            Assert.DoesNotContain(target == Target.SiblingUnit ? "吴军" : "王芳", body);
        }
    }

    public static IEnumerable<object[]> ListCases() =>
        from role in Roles from endpoint in new[] { "GET list", "GET list points", "GET campaign lists", "POST point", "GET list export", "POST list import" }
        from target in Enum.GetValues<Target>()
        select new object[] { role, endpoint, target };

    /// <summary>A personal list: read by whoever reads its unit's subtree and by its holder; written by the holder alone.</summary>
    private static HttpStatusCode ExpectedForList(string role, string endpoint, Target target)
    {
        var administrator = role is "admin" or "security_admin" or "auditor"; // 三员分立: no business content
        var visible = target switch
        {
            Target.OtherCommission => false,
            Target.SiblingUnit => role is "commission",
            _ => role is not "helper" && !administrator,
        };
        if (endpoint == "GET campaign lists") return target == Target.OtherCommission || role == "helper" || administrator ? HttpStatusCode.NotFound : HttpStatusCode.OK;
        if (!visible) return HttpStatusCode.NotFound;
        if (endpoint == "POST list import") return role == "staff" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        if (endpoint != "POST point") return HttpStatusCode.OK;
        return role == "staff" ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Campaign, int Own, int Sibling)> Campaigns = new();

    private async Task<(int Campaign, int Own, int Sibling)> CampaignOf(World w) =>
        Campaigns.TryGetValue(w.Tag, out var c) ? c : Campaigns[w.Tag] = await OpenAsync(w);

    private async Task<(int, int, int)> OpenAsync(World w)
    {
        var id = (await f.Observer.Post("/api/v1/campaigns", new { name = "矩阵排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.C, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{id}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        int Of(int person) => lists.Single(l => l.GetProperty("personId").ValueKind == System.Text.Json.JsonValueKind.Number && l.GetProperty("personId").GetInt32() == person).Id();
        return (id, Of(w.X1), Of(w.X2));
    }

    [Theory]
    [MemberData(nameof(ListCases))]
    public async Task Role_reads_lists_in_scope_and_writes_only_its_own(string role, string endpoint, Target target)
    {
        var w = await f.WorldAsync();
        var other = await f.OtherWorldAsync();
        var mine = await CampaignOf(w);
        var theirs = await CampaignOf(other);
        var (campaign, list) = target switch
        {
            Target.Own => (mine.Campaign, mine.Own),
            Target.SiblingUnit => (mine.Campaign, mine.Sibling),
            _ => (theirs.Campaign, theirs.Own),
        };
        var client = await f.As(w.Users[role]);
        var res = endpoint switch
        {
            "GET list" => await client.GetAsync($"/api/v1/lists/{list}"),
            "GET list points" => await client.GetAsync($"/api/v1/lists/{list}/risk-points"),
            "GET campaign lists" => await client.GetAsync($"/api/v1/campaigns/{campaign}/lists"),
            "GET list export" => await client.GetAsync($"/api/v1/lists/{list}/export?format=xlsx"),
            "POST list import" => await Forms.FormsWorld.Upload(client, list, Forms.Corpus.Xlsx(new Forms.Corpus.Sheet("Sheet1")
                .Row(1, "序号", "风险点描述", "风险等级").Row(2, "1", $"矩阵导入{role}", "一般")), "清单.xlsx", dryRun: true),
            _ => await client.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "post", description = $"矩阵写入{role}", levelCode = "general" }),
        };
        var expected = ExpectedForList(role, endpoint, target);
        Assert.True(expected == res.StatusCode, $"{role} {endpoint} {target}: expected {(int)expected}, got {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        if (endpoint == "GET campaign lists" && res.StatusCode == HttpStatusCode.OK)
        {
            var ids = (await res.Json()).EnumerateArray().Select(l => l.Id()).ToHashSet();
            Assert.Equal(role is "commission", ids.Contains(mine.Sibling));
            Assert.Equal(role is not "helper", ids.Contains(mine.Own));
        }
    }

    [Fact]
    public async Task Lists_contain_only_what_is_in_scope()
    {
        var w = await f.WorldAsync();
        var other = await f.OtherWorldAsync();
        var principal = await (await f.As(w.Users["principal"])).GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK);
        var ids = principal.EnumerateArray().Select(e => e.Id()).ToHashSet();
        Assert.Superset(new HashSet<int> { w.U1, w.D1, w.D2 }, ids);
        Assert.Empty(ids.Intersect([w.C, w.U2, w.D3, w.A, other.C, other.U1, other.D1]));

        var agency = (await (await f.As(w.Users["agency"])).GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).EnumerateArray().Select(e => e.Id()).ToHashSet();
        Assert.Superset(new HashSet<int> { w.A, w.U1, w.D1, w.D2 }, agency);
        Assert.Empty(agency.Intersect([w.C, w.U2, w.D3, other.C, other.A]));

        var staff = await (await f.As(w.Users["staff"])).GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK);
        Assert.Equal([w.D1], staff.EnumerateArray().Select(e => e.Id())); // its own department, not the units below it

        var helper = await (await f.As(w.Users["helper"])).GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK);
        Assert.Equal(0, helper.GetArrayLength());

        var commission = await (await f.As(w.Users["commission"])).GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK);
        var seen = commission.EnumerateArray().Select(e => e.Id()).ToHashSet();
        Assert.Contains(w.D3, seen);
        Assert.DoesNotContain(other.C, seen);
    }
}

[Collection("sqlite")] public sealed class ScopeMatrixTests_Sqlite(SqliteFixture f) : ScopeMatrixTests(f);
[Collection("postgres")] public sealed class ScopeMatrixTests_Postgres(PostgresFixture f) : ScopeMatrixTests(f);
