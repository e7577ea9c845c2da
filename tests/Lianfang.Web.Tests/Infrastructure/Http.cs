using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lianfang.Web.Tests.Infrastructure;

public static class Http
{
    public static async Task<JsonElement> Json(this HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> Expect(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var res = await call;
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == status, $"expected {(int)status}, got {(int)res.StatusCode}: {body}");
        return string.IsNullOrEmpty(body) || !(res.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false)
            ? default : JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> Post(this HttpClient c, string url, object body) => c.PostAsJsonAsync(url, body);
    public static Task<HttpResponseMessage> Put(this HttpClient c, string url, object body) => c.PutAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient c, string url, string json) =>
        c.PostAsync(url, new StringContent(json, new MediaTypeHeaderValue("application/json")));

    public static int Id(this JsonElement e) => e.GetProperty("id").GetInt32();

    /// <summary>The version of the record at <paramref name="url"/>, as a client reads it before overwriting it.</summary>
    public static async Task<int> VersionAsync(this HttpClient c, string url) =>
        (await c.GetAsync(url).Expect(System.Net.HttpStatusCode.OK)).GetProperty("version").GetInt32();

    /// <summary>The version of a power (职权事项), which its flowchart is saved against.</summary>
    public static async Task<int> PowerVersionAsync(this HttpClient c, int power) =>
        (await c.GetAsync($"/api/v1/powers/{power}").Expect(System.Net.HttpStatusCode.OK)).GetProperty("power").GetProperty("version").GetInt32();

    /// <summary>The version of a unit's own scheme (sent as <c>?version=</c> when it is changed).</summary>
    public static async Task<int> SchemeVersionAsync(this HttpClient c, string code) =>
        (await c.GetAsync("/api/v1/schemes").Expect(System.Net.HttpStatusCode.OK)).EnumerateArray()
            .Single(s => s.GetProperty("code").GetString() == code).GetProperty("version").GetInt32();

    /// <summary>The version of one point of a list, as its writer reads it before changing it.</summary>
    public static async Task<int> PointVersionAsync(this HttpClient c, int list, long point) =>
        (await c.GetAsync($"/api/v1/lists/{list}").Expect(System.Net.HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray()
            .Single(p => p.GetProperty("id").GetInt64() == point).GetProperty("version").GetInt32();

    /// <summary>The field names listed in a problem document's errors.</summary>
    public static string[] ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToArray() : [];
}
