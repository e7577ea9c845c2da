using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>
/// An account as an installation makes one (三员分立): the system administrator creates it, then the security
/// administrator grants each of its roles.
/// </summary>
public static class Accounts
{
    /// <summary>
    /// Posts <paramref name="body"/> (the shape of <c>POST /api/v1/users</c>, with its <c>grants</c>) as those two steps;
    /// answers the creation's response, or the first refused step's.
    /// </summary>
    public static async Task<HttpResponseMessage> CreateAsync(HttpClient admin, HttpClient security, object body)
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(body))!.AsObject();
        var grants = node["grants"]?.AsArray().Select(g => g!.DeepClone()).ToList() ?? [];
        node.Remove("grants");
        var created = await admin.PostAsJsonAsync("/api/v1/users", node);
        if (!created.IsSuccessStatusCode) return created;
        var text = await created.Content.ReadAsStringAsync();
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32();
        foreach (var grant in grants)
        {
            var granted = await security.PostAsJsonAsync($"/api/v1/users/{id}/grants", grant);
            if (!granted.IsSuccessStatusCode) return granted;
        }
        return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json") };
    }

    public static Task<HttpResponseMessage> CreateUser(this AppFixture f, object body) => CreateAsync(f.Admin, f.Security, body);
}
