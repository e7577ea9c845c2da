using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>A browser-like client for the server-rendered pages: cookies, forms and their antiforgery tokens.</summary>
public sealed class PageClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static async Task<PageClient> LoginAsync(AppFixture f, string userName, string? password = null)
    {
        var client = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        var res = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password ?? LianfangApp.Password });
        Assert.True(res.StatusCode == HttpStatusCode.Redirect, $"login of {userName} failed: {(int)res.StatusCode}");
        return client;
    }

    public async Task<IHtmlDocument> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var res = await Http.GetAsync(url);
        var html = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)res.StatusCode}");
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>
    /// Loads the page, fills the first form (or the one whose action contains <paramref name="formAction"/>, or whose id it
    /// names as "#id") and posts it.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, Dictionary<string, string> fields, string? formAction = null)
    {
        var doc = await GetAsync(url);
        var form = doc.Forms.First(f => formAction switch
        {
            null => !f.Action.Contains("Logout"),
            ['#', .. var id] => f.Id == id,
            _ => f.Action.Contains(formAction),
        });
        // hidden fields as the browser posts them (a name may repeat, e.g. __Invariant for each number input), then the given ones
        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is "hidden" && !fields.ContainsKey(i.Name!))
            .Select(i => KeyValuePair.Create(i.Name!, i.Value)).Concat(fields).ToList();
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static string Text(IHtmlDocument doc) => doc.Body?.TextContent ?? "";
}
