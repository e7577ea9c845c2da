using Lianfang.Core.Access;
using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Supervision;

namespace Lianfang.Web.Features.Warnings;

public sealed record WarningDto(long Id, string Rule, string RuleName, string TargetType, long TargetId, int OrgUnitId, string OrgUnit, string Message,
    string Assignee, DateTime RaisedAt);

/// <summary>The warnings a user sees (of the units where they inspect or supervise), as the pages, the 待办 and the API show them.</summary>
public static class WarningQueries
{
    public static IQueryable<Warning> Visible(AppDbContext db, AccessScope scope) =>
        db.Warnings.AsNoTracking().Under(scope.PrefixesFor(SupervisionCommands.Inspectors), w => w.OrgUnit.Path);

    /// <summary>Warnings as shown, in the order and number the caller's query gives.</summary>
    public static async Task<List<WarningDto>> DtosAsync(IQueryable<Warning> warnings, CancellationToken ct) =>
        (await warnings.Select(w => new { w, Unit = w.OrgUnit.Name }).ToListAsync(ct))
            .Select(x => new WarningDto(x.w.Id, x.w.Rule, WarningRules.Label(x.w.Rule), x.w.TargetType, x.w.TargetId, x.w.OrgUnitId, x.Unit, x.w.Message,
                x.w.Assignee, x.w.RaisedAt)).ToList();

    /// <summary>Where a warning is dealt with.</summary>
    public static string? Link(string targetType, long targetId) => targetType switch
    {
        "Rectification" => $"/Supervision/Rectification?id={targetId}",
        "RiskList" => $"/Lists/Edit?id={targetId}",
        "RiskPoint" => $"/Supervision/New?pointId={targetId}",
        "Person" => $"/Org/Person?id={targetId}",
        _ => null,
    };
}
