using Lianfang.Core.Org;

namespace Lianfang.Core.Access;

/// <summary>A grant with its org unit's tree path resolved. A null path means the whole system (only for admin).</summary>
public sealed record ResolvedGrant(Role Role, int? OrgUnitId, string? OrgPath, IReadOnlyList<string> SupervisedPaths);

/// <summary>
/// What one user may see and change in the org tree. Every page and API call asks this one object,
/// so the scope rules live here and nowhere else.
/// </summary>
public sealed class AccessScope
{
    public static readonly AccessScope Anonymous = new(0, null, []);

    public AccessScope(int userId, int? personId, IReadOnlyList<ResolvedGrant> grants)
    {
        UserId = userId;
        PersonId = personId;
        Grants = grants;
        var prefixes = new List<string>();
        var exact = new List<string>();
        var kept = new List<string>();
        foreach (var g in grants)
        {
            // The system administrator keeps the org tree (units, posts, people) and reads no business content (三员分立).
            if (g.Role == Role.Admin)
            {
                if (g.OrgPath is null) ReadsWholeOrg = true;
                else kept.Add(g.OrgPath);
                continue;
            }
            if (g.OrgPath is null) continue;
            switch (g.Role.Reach())
            {
                case GrantReach.UnitOnly: exact.Add(g.OrgPath); break;
                case GrantReach.Subtree: prefixes.Add(g.OrgPath); break;
                case GrantReach.SubtreeAndSupervised: prefixes.Add(g.OrgPath); prefixes.AddRange(g.SupervisedPaths); break;
            }
        }
        ReadablePrefixes = Minimal(prefixes);
        ReadableExact = exact.Where(e => !ReadablePrefixes.Any(p => OrgPath.IsAncestorOrSelf(p, e))).Distinct().ToList();
        OrgPrefixes = Minimal(prefixes.Concat(kept));
        OrgExact = exact.Where(e => !OrgPrefixes.Any(p => OrgPath.IsAncestorOrSelf(p, e))).Distinct().ToList();
    }

    public int UserId { get; }
    public int? PersonId { get; }
    public IReadOnlyList<ResolvedGrant> Grants { get; }
    public bool IsAuthenticated => UserId != 0;

    /// <summary>The system administrator of the whole system: the whole org tree, and still no business content.</summary>
    public bool ReadsWholeOrg { get; }

    /// <summary>Subtree roots whose business content (lists, points, supervision) the user reads, with no root inside another.</summary>
    public IReadOnlyList<string> ReadablePrefixes { get; }

    /// <summary>Single units the user reads without their subtree (a staff member's own department).</summary>
    public IReadOnlyList<string> ReadableExact { get; }

    /// <summary>Subtree roots whose org structure (units, posts, people) the user reads: the business reach and what an administrator keeps.</summary>
    public IReadOnlyList<string> OrgPrefixes { get; }

    /// <summary>Single units whose structure the user reads without their subtree.</summary>
    public IReadOnlyList<string> OrgExact { get; }

    public bool Has(Role role) => Grants.Any(g => g.Role == role);

    /// <summary>Holds one of the roles at this unit or above it (an agency also over the units it supervises).</summary>
    public bool HasRoleOver(string orgPath, params Role[] roles) =>
        Grants.Any(g => roles.Contains(g.Role) && (g.OrgPath is not null && OrgPath.IsAncestorOrSelf(g.OrgPath, orgPath)
            || g.Role == Role.Agency && g.SupervisedPaths.Any(p => OrgPath.IsAncestorOrSelf(p, orgPath))));

    /// <summary>The subtrees where the user holds one of the roles (with an agency's supervised units), for queries.</summary>
    public List<string> PrefixesFor(params Role[] roles) => Grants.Where(g => roles.Contains(g.Role))
        .SelectMany(g => g.Role == Role.Agency ? g.SupervisedPaths.Append(g.OrgPath) : [g.OrgPath])
        .OfType<string>().Distinct().ToList();

    /// <summary>Reads the unit itself (its name, posts and people): by business reach or as its administrator.</summary>
    public bool CanRead(string orgPath) =>
        ReadsWholeOrg
        || OrgPrefixes.Any(p => OrgPath.IsAncestorOrSelf(p, orgPath))
        || OrgExact.Contains(orgPath);

    /// <summary>Org structure (units, posts, people) is kept by admins and, inside their unit, by the party office.</summary>
    public bool CanManageOrg(string? orgPath) => Grants.Any(g =>
        (g.Role == Role.Admin && (g.OrgPath is null || (orgPath is not null && OrgPath.IsAncestorOrSelf(g.OrgPath, orgPath))))
        || (g.Role == Role.PartyOffice && orgPath is not null && OrgPath.IsAncestorOrSelf(g.OrgPath!, orgPath)));

    public bool IsAdmin => Has(Role.Admin);
    public bool IsSystemAdmin => Grants.Any(g => g.Role == Role.Admin && g.OrgPath is null);
    public bool IsSecurityAdmin => Has(Role.SecurityAdmin);
    public bool IsAuditor => Has(Role.Auditor);

    /// <summary>Holds <paramref name="role"/> over the whole system (a grant with no org unit).</summary>
    public bool HoldsSystemWide(Role role) => Grants.Any(g => g.Role == role && g.OrgPath is null);

    /// <summary>Holds <paramref name="role"/> system-wide or at this unit or above it.</summary>
    public bool HoldsOver(Role role, string? orgPath) => Grants.Any(g =>
        g.Role == role && (g.OrgPath is null || (orgPath is not null && OrgPath.IsAncestorOrSelf(g.OrgPath, orgPath))));

    /// <summary>
    /// Roles and grants are the security administrator's (三员分立), within its subtree; a grant over the whole system
    /// (only one of the three administrators' roles) only by the security administrator of the whole system.
    /// </summary>
    public bool CanGrant(Role role, string? orgPath) => orgPath is null
        ? role.IsAdministrator() && HoldsSystemWide(Role.SecurityAdmin)
        : HoldsOver(Role.SecurityAdmin, orgPath);

    /// <summary>The audit trail is the audit administrator's, and only theirs (DESIGN §6, 三员分立).</summary>
    public bool CanReadAudit => Has(Role.Auditor);

    private static List<string> Minimal(IEnumerable<string> paths)
    {
        var sorted = paths.Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
        var result = new List<string>();
        foreach (var p in sorted)
            if (result.Count == 0 || !OrgPath.IsAncestorOrSelf(result[^1], p)) result.Add(p);
        return result;
    }
}
