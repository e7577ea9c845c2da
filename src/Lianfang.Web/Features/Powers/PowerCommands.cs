using Lianfang.Core.Access;
using Lianfang.Core.Powers;
using Lianfang.Core.Register;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Powers;

public sealed record PowerRequest(int? OrgUnitId, PowerCategory? Category, string? Name, string? Subject, string? Basis, string? DisclosureForm,
    DisclosureScope? DisclosureScope, string? DisclosureTime, string? Fees, string? Handler, string? Remarks, int? Version)
{
    public PowerFields Fields => new(Category, Name, Subject, Basis, DisclosureForm, DisclosureScope, DisclosureTime, Fees, Handler, Remarks);
}

public sealed record FlowRequest(List<FlowStep>? Steps, List<FlowEdge>? Edges, int? Version = null);

/// <summary>The power catalog (职权目录) and flowcharts: who keeps them, and the charts with their risk points.</summary>
public sealed class PowerCommands(AppDbContext db, SchemeStore schemes, Supervision.WarningSweep sweep)
{
    private static readonly string[] Rules = [Core.Supervision.WarningRules.PowerWithoutRiskPoint, Core.Supervision.WarningRules.StepWithoutSupervision];

    /// <summary>The power warnings of the unit follow a change at once.</summary>
    public async Task RefreshWarningsAsync(int powerId, CancellationToken ct)
    {
        var path = await db.Powers.Where(p => p.Id == powerId).Select(p => p.OrgUnit.Path).FirstOrDefaultAsync(ct);
        if (path is not null) await sweep.RunAsync(Rules, ct, path);
    }

    /// <summary>The unit's party office (or admin), its principal, and a department head for their department keep its powers.</summary>
    /// <summary>The unit's own catalog: kept by its party office, principal and department heads (not an administrator: 三员分立).</summary>
    public static bool MayEdit(AccessScope scope, string path) => scope.HasRoleOver(path, Role.PartyOffice, Role.Principal, Role.DeptHead);

    public IQueryable<PowerItem> Visible(AccessScope scope)
    {
        var units = db.OrgUnits.InBusinessReach(scope).Select(u => u.Id);
        return db.Powers.AsNoTracking().Where(p => units.Contains(p.OrgUnitId));
    }

    public async Task<PowerItem> LoadAsync(AccessScope scope, int id, CancellationToken ct)
    {
        if (!await Visible(scope).AnyAsync(p => p.Id == id, ct)) throw DomainException.NotFound("id", "职权事项不存在或不在您的权限范围内");
        return await db.Powers.Include(p => p.OrgUnit).SingleAsync(p => p.Id == id, ct);
    }

    public async Task<PowerItem> CreateAsync(AccessScope scope, PowerRequest req, CancellationToken ct)
    {
        var unit = await db.OrgUnits.Visible(scope).Where(u => u.Id == req.OrgUnitId).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
        if (!MayEdit(scope, unit.Path)) throw DomainException.Forbidden("职权目录由本单位党办、主要负责人或处室负责人编制");
        var item = new PowerItem(unit.Id, req.Fields);
        db.Powers.Add(item);
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync(Rules, ct, unit.Path);
        return item;
    }

    public async Task<PowerItem> UpdateAsync(AccessScope scope, int id, PowerRequest req, CancellationToken ct)
    {
        var item = await EditableAsync(scope, id, ct);
        db.ExpectVersion(item, req.Version);
        item.Update(req.Fields);
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>Replaces the flow; steps that risk points are pinned to must stay.</summary>
    public async Task<PowerItem> SetFlowAsync(AccessScope scope, int id, FlowRequest req, CancellationToken ct)
    {
        var item = await EditableAsync(scope, id, ct);
        db.ExpectVersion(item, req.Version);
        var flow = new PowerFlow(req.Steps ?? [], req.Edges ?? []);
        var problems = flow.Problems().Select(p => new FieldError(p.Field, p.Message)).ToList();
        var keys = flow.Steps.Select(s => s.Key).ToHashSet();
        var pinned = await db.RiskPoints.Where(p => p.PowerId == id && p.FlowStepKey != null).Select(p => new { p.FlowStepKey, p.Description }).ToListAsync(ct);
        problems.AddRange(pinned.Where(p => !keys.Contains(p.FlowStepKey!)).GroupBy(p => p.FlowStepKey)
            .Select(g => new FieldError("steps", $"步骤“{g.Key}”上有风险点（{string.Join("、", g.Select(p => p.Description).Take(3))}），不能删除")));
        if (problems.Count > 0) throw new ValidationFailedException(problems, "流程图有问题：" + string.Join("；", problems.Select(p => p.Message)));
        item.SetFlow(flow);
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync(Rules, ct, item.OrgUnit.Path);
        return item;
    }

    public async Task DeleteAsync(AccessScope scope, int id, CancellationToken ct)
    {
        var item = await EditableAsync(scope, id, ct);
        db.Powers.Remove(item);
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync(Rules, ct, item.OrgUnit.Path);
    }

    /// <summary>The chart with the risk points pinned to its steps, coloured by the level that counts.</summary>
    public async Task<string> SvgAsync(PowerItem item, CancellationToken ct, bool publishedOnly = false)
    {
        var (pinned, levelCount) = await PinnedAsync(item.Id, publishedOnly, ct);
        return FlowChart.Svg(item.Name, item.Flow, pinned, levelCount);
    }

    /// <summary>
    /// The risk points pinned to the power's steps, by step and worst level first, with the name and rank of their level; and the
    /// most levels a scheme has.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, IReadOnlyList<PinnedPoint>> ByStep, int LevelCount)> PinnedAsync(
        int powerId, bool publishedOnly, CancellationToken ct)
    {
        var points = await db.RiskPoints.AsNoTracking().Where(p => p.PowerId == powerId && p.FlowStepKey != null
                && (!publishedOnly || p.List.Status == ListStatus.Published))
            .OrderBy(p => p.Id)
            .Select(p => new { p.FlowStepKey, p.Description, Level = p.ApprovedLevelCode ?? p.LevelCode, p.List.SchemeCode }).ToListAsync(ct);
        var pinned = new List<(string Step, PinnedPoint Point)>();
        var levelCount = 2;
        foreach (var p in points)
        {
            var scheme = await schemes.FindAsync(p.SchemeCode, ct);
            var level = scheme?.Level(p.Level);
            levelCount = Math.Max(levelCount, scheme?.Levels.Count ?? 2);
            pinned.Add((p.FlowStepKey!, new PinnedPoint(p.Description, level?.Name ?? p.Level, level?.Rank ?? 9)));
        }
        return (pinned.GroupBy(p => p.Step).ToDictionary(g => g.Key, g => (IReadOnlyList<PinnedPoint>)g.Select(p => p.Point).OrderBy(p => p.Rank).ToList()),
            levelCount);
    }

    /// <summary>
    /// A point may sit on a power of its own unit line (the unit above its department, or a department below its unit) and on one of its steps.
    /// </summary>
    public async Task CheckLinkAsync(RiskList list, int? powerId, string? stepKey, CancellationToken ct)
    {
        if (powerId is not { } id) return;
        var power = await db.Powers.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.OrgUnit.Path, p.Flow }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("powerId", "职权事项不存在");
        var listPath = await db.OrgUnits.Where(u => u.Id == list.OrgUnitId).Select(u => u.Path).SingleAsync(ct);
        if (!Core.Org.OrgPath.IsAncestorOrSelf(power.Path, listPath) && !Core.Org.OrgPath.IsAncestorOrSelf(listPath, power.Path))
            throw new DomainException("powerId", "只能关联本单位（或本处室）的职权事项");
        if (stepKey is { Length: > 0 } key && power.Flow.Steps.All(s => s.Key != key))
            throw new DomainException("flowStepKey", $"流程图中没有步骤“{key}”");
    }

    private async Task<PowerItem> EditableAsync(AccessScope scope, int id, CancellationToken ct)
    {
        var item = await LoadAsync(scope, id, ct);
        if (!MayEdit(scope, item.OrgUnit.Path)) throw DomainException.Forbidden("职权目录由本单位党办、主要负责人或处室负责人编制");
        return item;
    }
}
