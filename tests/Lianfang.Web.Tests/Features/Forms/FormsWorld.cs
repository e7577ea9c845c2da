using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>Campaigns, lists and uploads for the import and export tests.</summary>
public static class FormsWorld
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<int> CampaignAsync(AppFixture f, World w, string scheme, int? root = null) =>
        (await f.Observer.Post("/api/v1/campaigns", new { name = $"2026年度排查（{scheme}）", year = 2026, schemeCode = scheme, rootOrgUnitId = root ?? w.U1, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.Created)).Id();

    public static async Task<int> ListAsync(AppFixture f, int campaign, string scope, int orgUnitId, int? personId = null)
    {
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        return lists.Single(l => l.GetProperty("scope").GetString() == scope && l.GetProperty("orgUnitId").GetInt32() == orgUnitId
            && (personId is null || l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == personId)).Id();
    }

    public static Task<HttpResponseMessage> Upload(HttpClient c, int list, byte[] bytes, string name, bool dryRun = false)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx") ? Xlsx : Docx);
        content.Add(file, "file", name);
        return c.PostAsync($"/api/v1/lists/{list}/import{(dryRun ? "?dryRun=true" : "")}", content);
    }

    /// <summary>
    /// 001's 逐条逐栏签字: each person the list's rows name (added to the department with an account where the world has
    /// nobody of that name) signs their rows.
    /// </summary>
    public static async Task SignRowsAsync(AppFixture f, World w, int list, int department)
    {
        var names = (await PointsAsync(f.Observer, list)).EnumerateArray()
            .SelectMany(p => p.GetProperty("responsible").GetProperty("persons").EnumerateArray().Select(n => n.GetString()!)).Distinct().ToList();
        foreach (var name in names)
        {
            var user = name == "王芳" && department == w.D1 ? w.Users["staff"] : $"s{Guid.NewGuid().ToString("N")[..8]}.signer";
            if (user != w.Users["staff"])
            {
                var person = (await f.Admin.Post("/api/v1/people", new { name, title = "科员", orgUnitId = department }).Expect(HttpStatusCode.Created)).Id();
                await f.CreateUser(new { userName = user, password = LianfangApp.Password, personId = person, grants = new[] { new { role = "staff", orgUnitId = department } } })
                    .Expect(HttpStatusCode.Created);
            }
            await (await f.As(user)).PostAsync($"/api/v1/lists/{list}/row-signatures", null).Expect(HttpStatusCode.OK);
        }
    }

    public static async Task<JsonElement> PointsAsync(HttpClient c, int list) =>
        (await c.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints");

    public static async Task<byte[]> ExportAsync(HttpClient c, int list, string form, string format)
    {
        var res = await c.GetAsync($"/api/v1/lists/{list}/export?form={form}&format={format}");
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"export {form}.{format}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.Content.ReadAsByteArrayAsync();
    }

    public static Task<HttpResponseMessage> ReviewList(HttpClient c, int list, string decision, string? comment = null) =>
        c.Post($"/api/v1/lists/{list}/review", new { decision, comment });

    public static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
