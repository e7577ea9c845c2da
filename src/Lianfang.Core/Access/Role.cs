namespace Lianfang.Core.Access;

/// <summary>The roles of DESIGN.md §1. A user holds grants: a role at an org unit.</summary>
public enum Role { Staff, DeptHead, LeaderInCharge, Principal, PartyOffice, Agency, Commission, Helper, Admin }

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
    ];

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
        Role.Helper => GrantReach.Nothing,
        Role.Agency => GrantReach.SubtreeAndSupervised,
        _ => GrantReach.Subtree,
    };
}

public enum GrantReach { Nothing, UnitOnly, Subtree, SubtreeAndSupervised }
