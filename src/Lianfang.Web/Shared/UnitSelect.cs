using Lianfang.Core.Access;
using Lianfang.Core.Org;

namespace Lianfang.Web.Shared;

/// <summary>An indented list of the units a user can see, for choosing one in a form.</summary>
public sealed record UnitSelect(IReadOnlyList<UnitSelect.Option> Units, int? Selected, bool AllowNone)
{
    public sealed record Option(int Id, string Name, int Depth);

    public static Task<UnitSelect> LoadAsync(AppDbContext db, AccessScope scope, int? selected, bool allowNone, CancellationToken ct) =>
        LoadAsync(db.OrgUnits.Visible(scope), selected, allowNone, ct);

    /// <summary>The units an administrator holds <paramref name="role"/> over (all of them for one of the whole system).</summary>
    public static Task<UnitSelect> LoadHeldAsync(AppDbContext db, AccessScope scope, Role role, int? selected, bool allowNone, CancellationToken ct) =>
        LoadAsync(db.OrgUnits.HeldBy(scope, role), selected, allowNone, ct);

    private static async Task<UnitSelect> LoadAsync(IQueryable<OrgUnit> visible, int? selected, bool allowNone, CancellationToken ct)
    {
        var units = await visible.AsNoTracking().OrderBy(u => u.Path).Take(3000)
            .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var min = units.Count == 0 ? 0 : units.Min(u => OrgPath.Depth(u.Path));
        return new(units.Select(u => new Option(u.Id, u.Name, OrgPath.Depth(u.Path) - min)).ToList(), selected, allowNone);
    }
}
