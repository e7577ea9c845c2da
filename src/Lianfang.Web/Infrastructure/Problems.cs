using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Lianfang.Web.Infrastructure;

/// <summary>One problem with the input: the field (and for imports the sheet, row and column) and what is wrong.</summary>
public sealed record FieldError(string Field, string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Row = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sheet = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Column = null);

/// <summary>Several problems at once, e.g. every bad row of an imported file.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors, string detail, int status = StatusCodes.Status400BadRequest)
    : Exception(detail)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
    public int Status { get; } = status;
}

public static class Problems
{
    public static IResult Result(int status, string title, string? detail = null, IReadOnlyList<FieldError>? errors = null) =>
        TypedResults.Problem(Create(status, title, detail, errors));

    public static ProblemDetails Create(int status, string title, string? detail, IReadOnlyList<FieldError>? errors)
    {
        var p = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        if (errors is { Count: > 0 }) p.Extensions["errors"] = errors;
        return p;
    }

    public static IResult NotFound(string what) => Result(404, "未找到", $"{what}不存在或不在您的权限范围内");

    /// <summary>Maps an exception to the problem a client should see; null for the unexpected ones.</summary>
    public static ProblemDetails? FromException(Exception ex) => ex switch
    {
        DomainException d => d.Kind switch
        {
            DomainErrorKind.NotFound => Create(404, "未找到", d.Message, Field(d)),
            DomainErrorKind.Conflict => Create(409, "操作冲突", d.Message, Field(d)),
            DomainErrorKind.Forbidden => Create(403, "无权操作", d.Message, null),
            _ => Create(400, "请求数据有误", d.Message, Field(d)),
        },
        ValidationFailedException v => Create(v.Status, "请求数据有误", v.Message, v.Errors),
        BadHttpRequestException { InnerException: JsonException j } => JsonProblem(j),
        BadHttpRequestException b => Create(b.StatusCode, "请求格式有误", Chinese(b), null),
        DbUpdateConcurrencyException => Create(409, "数据已被修改", "该记录已被他人修改或删除，请刷新后重试", [new("version", "版本已过期")]),
        DbUpdateException => Create(409, "操作冲突", "数据与已有记录冲突（如名称重复），请检查后重试", null),
        _ => null,
    };

    private static IReadOnlyList<FieldError>? Field(DomainException d) => string.IsNullOrEmpty(d.Field) ? null : [new(d.Field, d.Message)];

    private static ProblemDetails JsonProblem(JsonException j)
    {
        // A syntax error (the reader's inner exception) is about the body, not the field it stopped at.
        var syntax = j.InnerException?.GetType().Name == "JsonReaderException";
        var field = syntax ? "" : (j.Path ?? "$").TrimStart('$', '.');
        var message = string.IsNullOrEmpty(field) ? "请求内容不是有效的 JSON" : $"字段 {field} 的值类型或取值无效";
        return Create(400, "请求数据有误", message, [new(string.IsNullOrEmpty(field) ? "body" : field, message)]);
    }

    private static string Chinese(BadHttpRequestException b) => b.StatusCode switch
    {
        413 => "上传内容过大",
        415 => "不支持的内容类型",
        _ => b.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "缺少请求内容或格式不正确" : "请求参数格式不正确",
    };
}

/// <summary>API errors become RFC 7807 problem details with Chinese text; pages fall through to the error page.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // By now the request path is already the error page's; the feature keeps the original one.
        var path = http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)) return false;
        var problem = Problems.FromException(exception);
        if (problem is null)
        {
            log.LogError(exception, "Unhandled error on {Path}", path);
            problem = Problems.Create(500, "服务器内部错误", "处理请求时发生错误，请稍后重试或联系管理员", null);
        }
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new() { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}
