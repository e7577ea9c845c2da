using Lianfang.Core.Schemes;

namespace Lianfang.Web.Features.Schemes;

public sealed record CopySchemeRequest(string? BasedOn, string? Code, string? Name, int? OrgUnitId);

public static class SchemesApi
{
    /// <summary>The scheme as JSON, each rule with <c>acts</c> (where it acts) and <c>name</c>.</summary>
    private static System.Text.Json.Nodes.JsonNode WithActs(Scheme s)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(s, SchemeJson.Options)!;
        var rules = node["rules"]!.AsArray();
        for (var i = 0; i < s.Rules.Count; i++)
        {
            rules[i]!["name"] = RuleKinds.Find(s.Rules[i].Kind)?.Name;
            rules[i]!["acts"] = new System.Text.Json.Nodes.JsonArray([.. RuleKinds.Acts(s, s.Rules[i]).Select(a => (System.Text.Json.Nodes.JsonNode?)a)]);
        }
        return node;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/schemes").WithTags("方案");
        g.MapGet("/", async (CurrentUser me, SchemeStore store, CancellationToken ct) =>
        {
            var versions = await store.VersionsAsync(ct);
            return (await store.VisibleAsync(await me.ScopeAsync(ct), ct)).Select(s => new
            {
                s.Code, s.Name, s.Issuer, s.Year, s.BuiltIn, version = versions.GetValueOrDefault(s.Code),
                categories = s.Categories.Select(c => new { c.Code, c.Name, c.Aliases }),
                levels = s.Levels.Select(l => new { l.Code, l.Name, l.Rank }),
            });
        }).WithSummary("内置方案与本单位方案（version：修改时带上，已被他人修改则 409）");
        g.MapGet("/{code}", async (string code, CurrentUser me, SchemeStore store, CancellationToken ct) =>
        {
            var visible = await store.VisibleAsync(await me.ScopeAsync(ct), ct);
            return visible.FirstOrDefault(s => s.Code == code) is { } s ? Results.Ok(WithActs(s)) : Problems.NotFound("方案");
        }).WithSummary("方案全文：类别、等级、排查方式、措施、监督方法、审核环节、表单、规则（每条规则的 acts 说明它在何处起作用，如 submit、stage:agency、approval、sweep）");
        g.MapPost("/", async (CopySchemeRequest req, CurrentUser me, SchemeStore store, CancellationToken ct) =>
        {
            var s = await store.CopyAsync(await me.ScopeAsync(ct), req.BasedOn ?? "", req.Code ?? "", req.Name ?? "", req.OrgUnitId ?? 0, ct);
            return TypedResults.Created($"/api/v1/schemes/{s.Code}", new { s.Code });
        }).WithSummary("复制一个方案作为本单位方案").ProducesProblem(400).ProducesProblem(409);
        g.MapPut("/{code}", async (string code, int? version, Scheme scheme, CurrentUser me, SchemeStore store, CancellationToken ct) =>
            await store.UpdateAsync(await me.ScopeAsync(ct), code, scheme, ct, version))
            .WithSummary("调整本单位方案（尚无排查使用时）；?version= 为读取时的版本").ProducesProblem(400).ProducesProblem(409);
    }
}
