namespace Lianfang.Core.Access;

/// <summary>
/// The roles of DESIGN.md §1. A user holds grants: a role at an org unit. The last three are the 三员 of 等保 level 3, kept
/// apart: the system administrator (accounts, org tree, settings), the security administrator (roles and grants, unlocking)
/// and the audit administrator (the audit trail, and only it).
/// </summary>
public enum Role { Staff, DeptHead, LeaderInCharge, Principal, PartyOffice, Agency, Commission, Helper, Admin, SecurityAdmin, Auditor }

public static class Roles
{
    private static readonly (Role Role, string Code, string Label)[] All =
    [
        (Role.Staff, "staff", "岗位人员"),
        (Role.DeptHead, "dept_head", "处室/科室负责人"),
        (Role.LeaderInCharge, "leader_in_charge", "分管领导"),
        (Role.Principal, "principal", "主要负责人"),
        (Role.PartyOffice, "party_office", "政治处/党办"),
        (Role.Agency, "agency", "派驻机构"),
        (Role.Commission, "commission", "纪委监委"),
        (Role.Helper, "helper", "帮查人员（代表/专家）"),
        (Role.Admin, "admin", "系统管理员"),
        (Role.SecurityAdmin, "security_admin", "安全管理员"),
        (Role.Auditor, "auditor", "审计管理员"),
    ];

    /// <summary>The three administrators (三员): one account never holds two of them.</summary>
    public static readonly Role[] Administrators = [Role.Admin, Role.SecurityAdmin, Role.Auditor];

    public static bool IsAdministrator(this Role role) => Administrators.Contains(role);

    /// <summary>
    /// Why <paramref name="adding"/> may not join the roles an account holds (三员分立: the one who keeps accounts, the one
    /// who grants and the one who audits are three people), or null when it may.
    /// </summary>
    public static string? SeparationConflict(this Role adding, IEnumerable<Role> held)
    {
        if (!adding.IsAdministrator()) return null;
        var other = held.Where(r => r.IsAdministrator() && r != adding).Select(r => (Role?)r).FirstOrDefault();
        return other is { } o ? $"该账号已是{o.Label()}，不能再担任{adding.Label()}：系统管理员、安全管理员、审计管理员须由三个不同的账号担任" : null;
    }

    public static IEnumerable<Role> Every => All.Select(r => r.Role);
    public static string Code(this Role role) => All.First(r => r.Role == role).Code;
    public static string Label(this Role role) => All.First(r => r.Role == role).Label;

    public static Role? Parse(string? code) =>
        All.Where(r => string.Equals(r.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))
           .Select(r => (Role?)r.Role).FirstOrDefault();

    /// <summary>How far a role's grant reaches into the org tree.</summary>
    public static GrantReach Reach(this Role role) => role switch
    {
        Role.Staff => GrantReach.UnitOnly,
        Role.Helper or Role.SecurityAdmin or Role.Auditor => GrantReach.Nothing, // they read no business content
        Role.Agency => GrantReach.SubtreeAndSupervised,
        _ => GrantReach.Subtree,
    };
}

public enum GrantReach { Nothing, UnitOnly, Subtree, SubtreeAndSupervised }
