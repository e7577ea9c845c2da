using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lianfang.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>No inline script or style anywhere, so the policy can forbid them.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        await next();
    });
}

/// <summary>
/// Rule violations thrown by a page handler: a not-found shows the 404 page; a bad input to a form goes back to the
/// form with the message next to its field, a bad input to a GET (a file export, a filter) shows the error page.
/// The same exceptions become problem details on the API.
/// </summary>
public sealed class DomainExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // A POST naming no handler the page has would render the page without loading it (a 500): there is nothing there.
        if (context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status404NotFound);
            return;
        }
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        var problem = Problems.FromException(executed.Exception);
        if (problem is null) return;
        executed.ExceptionHandled = true;
        // A GET handler stopped before it loaded the page (an export with a bad format, say): no form to go back to.
        if (problem.Status is 404 or 403 || HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            executed.Result = new StatusCodeResult(problem.Status ?? StatusCodes.Status400BadRequest);
            return;
        }
        var errors = problem.Extensions.TryGetValue("errors", out var e) ? e as IReadOnlyList<FieldError> : null;
        if (errors is { Count: > 0 })
            foreach (var fe in errors) context.ModelState.AddModelError(FormKey(context, fe.Field), RowPrefix(fe) + fe.Message);
        else context.ModelState.AddModelError("", problem.Detail ?? problem.Title ?? "操作失败");
        executed.Result = new PageResult();
    }

    private static string RowPrefix(FieldError e) => e.Row is null ? "" : $"{e.Sheet}第{e.Row}行{e.Column}：";

    /// <summary>API field "parentId" is the form field "Input.ParentId" when the page has one.</summary>
    private static string FormKey(PageHandlerExecutingContext c, string field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        var key = "Input." + char.ToUpperInvariant(field[0]) + field[1..];
        return c.HandlerInstance.GetType().GetProperty("Input") is { } p && p.PropertyType.GetProperty(key[6..]) is not null ? key : "";
    }
}

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("数据库不可用");
}
