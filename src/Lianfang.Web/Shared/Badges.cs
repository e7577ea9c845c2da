using System.Text.Encodings.Web;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Microsoft.AspNetCore.Html;

namespace Lianfang.Web.Shared;

/// <summary>
/// The status badges of the pages (a level, a list's status). Plain functions rather than partial views: a register page
/// prints two a row, and a partial view costs a view lookup and its own buffers each time.
/// </summary>
public static class Badges
{
    public static IHtmlContent Level(Scheme? scheme, string? code)
    {
        var level = scheme?.Level(code);
        var css = level?.Rank switch
        {
            1 => "text-bg-danger",
            2 => scheme!.Levels.Count == 2 ? "text-bg-secondary" : "text-bg-warning",
            _ => "text-bg-secondary",
        };
        return Badge(css, level?.Name ?? code ?? "");
    }

    public static IHtmlContent Status(ListStatus status) => Badge(status switch
    {
        ListStatus.Draft => "text-bg-secondary", ListStatus.InReview => "text-bg-primary", ListStatus.Returned => "text-bg-warning",
        ListStatus.Approved => "text-bg-success", _ => "text-bg-info",
    }, status.Label());

    /// <summary>As the pages encode (Startup: every Unicode range kept, so Chinese is not written as entities).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static HtmlString Badge(string css, string text) => new($"<span class=\"badge {css}\">{Encoder.Encode(text)}</span>");
}
