using Lianfang.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lianfang.Web.Tests.Features;

/// <summary>
/// Walks every endpoint the app maps: each API call demands authorization unless it is on the short list of
/// deliberately public ones, and pages fall back to "signed in". A new anonymous endpoint fails here until it is
/// added to the list on purpose.
/// </summary>
[Collection("sqlite")]
public sealed class AuthorizationCoverageTests(SqliteFixture f)
{
    private static readonly HashSet<string> Anonymous =
    [
        "POST api/v1/auth/token", "GET api/v1/verify/{code}", "GET api/v1/verify/public-key", "GET openapi/{documentName}.json", "ANY healthz",
        "PAGE Account/Login", "PAGE Account/LoginWith2fa", "PAGE Account/Logout", "PAGE Error",
        "PAGE Verify", "PAGE Verify/Index", "PAGE public/units/{id:int}", "PAGE public/feedback",
    ];

    private static string Describe(RouteEndpoint e)
    {
        var route = e.RoutePattern.RawText?.TrimStart('/') ?? "";
        if (e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null) return $"PAGE {route}";
        var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
        return $"{string.Join("|", methods)} {route}";
    }

    [Fact]
    public void Every_endpoint_requires_a_signed_in_user_unless_it_is_deliberately_public()
    {
        var endpoints = f.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 100);
        var fallback = f.App.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy;
        Assert.NotNull(fallback);
        Assert.Contains(fallback.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);

        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(Describe).ToHashSet();
        Assert.Equal(Anonymous.Order(), open.Order());

        var api = endpoints.Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/", StringComparison.Ordinal)
            && e.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        Assert.True(api.Count > 60);
        Assert.All(api, e => Assert.NotEmpty(e.Metadata.GetOrderedMetadata<IAuthorizeData>()));
    }
}
