using Lianfang.Core.Access;

namespace Lianfang.Core.Tests.Access;

public class AccessScopeTests
{
    // 0001 市纪委 ─ 00010001 卫健委 ─ 000100010001 财务处
    //                              └ 000100010002 医院
    //            ├ 00010002 财政局
    //            └ 00010003 派驻组 (supervises 卫健委)
    // 0002 县纪委
    private static AccessScope With(params ResolvedGrant[] grants) => new(7, null, grants);
    private static ResolvedGrant G(Role role, string? path, params string[] supervised) => new(role, 1, path, supervised);

    [Theory]
    [InlineData(Role.Commission, "0001", "000100010001", true)]
    [InlineData(Role.Commission, "0001", "0002", false)]
    [InlineData(Role.Principal, "00010001", "000100010002", true)]
    [InlineData(Role.Principal, "00010001", "00010002", false)]
    [InlineData(Role.PartyOffice, "00010001", "0001", false)]
    [InlineData(Role.DeptHead, "000100010001", "000100010001", true)]
    [InlineData(Role.DeptHead, "000100010001", "000100010002", false)]
    [InlineData(Role.LeaderInCharge, "000100010001", "000100010001", true)]
    [InlineData(Role.Staff, "000100010001", "000100010001", true)]
    [InlineData(Role.Staff, "00010001", "000100010001", false)]
    [InlineData(Role.Helper, "00010001", "00010001", false)]
    public void Each_role_reads_what_its_grant_reaches(Role role, string grantPath, string target, bool canRead) =>
        Assert.Equal(canRead, With(G(role, grantPath)).CanRead(target));

    [Fact]
    public void An_agency_reads_its_own_subtree_and_the_units_it_supervises_but_nothing_else()
    {
        var scope = With(G(Role.Agency, "00010003", "00010001"));
        Assert.True(scope.CanRead("00010003"));
        Assert.True(scope.CanRead("000100010002"));
        Assert.False(scope.CanRead("00010002"));
        Assert.False(scope.CanRead("0001"));
    }

    [Fact]
    public void A_leader_in_charge_of_two_departments_reads_both()
    {
        var scope = With(G(Role.LeaderInCharge, "000100010001"), G(Role.LeaderInCharge, "000100010002"));
        Assert.True(scope.CanRead("000100010001"));
        Assert.True(scope.CanRead("000100010002"));
        Assert.False(scope.CanRead("00010001"));
        Assert.Equal(2, scope.ReadablePrefixes.Count);
    }

    [Fact]
    public void Nested_grants_collapse_to_the_outermost_subtree()
    {
        var scope = With(G(Role.Principal, "00010001"), G(Role.DeptHead, "000100010001"), G(Role.Staff, "000100010002"));
        Assert.Equal(["00010001"], scope.ReadablePrefixes);
        Assert.Empty(scope.ReadableExact);
    }

    [Fact]
    public void The_org_structure_is_kept_by_admins_and_the_party_office_only()
    {
        Assert.True(With(G(Role.PartyOffice, "00010001")).CanManageOrg("000100010001"));
        Assert.False(With(G(Role.PartyOffice, "00010001")).CanManageOrg("00010002"));
        Assert.False(With(G(Role.Principal, "00010001")).CanManageOrg("000100010001"));
        Assert.False(With(G(Role.Commission, "0001")).CanManageOrg("00010001"));
        Assert.True(With(G(Role.Admin, "0001")).CanManageOrg("00010001"));
        Assert.False(With(G(Role.Admin, "0001")).CanManageOrg(null));
        Assert.True(With(new ResolvedGrant(Role.Admin, null, null, [])).CanManageOrg(null));
    }

    [Fact]
    public void Only_the_security_administrator_grants_inside_its_subtree_and_system_wide_only_the_three_administrators()
    {
        var security = With(G(Role.SecurityAdmin, "0001"));
        Assert.True(security.CanGrant(Role.Staff, "000100010001"));
        Assert.False(security.CanGrant(Role.Staff, "0002"));
        Assert.False(security.CanGrant(Role.Auditor, null));
        var systemSecurity = With(new ResolvedGrant(Role.SecurityAdmin, null, null, []));
        Assert.True(systemSecurity.CanGrant(Role.Auditor, null));
        Assert.True(systemSecurity.CanGrant(Role.Commission, "0002"));
        Assert.False(systemSecurity.CanGrant(Role.Commission, null)); // a business role is held at a unit
        Assert.False(systemSecurity.ReadsWholeOrg);
        // the system administrator keeps accounts and the org tree, and grants nothing
        var system = With(new ResolvedGrant(Role.Admin, null, null, []));
        Assert.False(system.CanGrant(Role.Staff, "0001"));
        Assert.False(system.CanGrant(Role.Admin, null));
        Assert.True(system.ReadsWholeOrg);
        Assert.False(With(G(Role.PartyOffice, "0001")).CanGrant(Role.Staff, "00010001"));
    }

    [Fact]
    public void An_administrator_reads_the_units_it_keeps_and_none_of_their_business_content()
    {
        var admin = With(G(Role.Admin, "0001"));
        Assert.True(admin.CanRead("000100010001"));           // the unit, its posts and people
        Assert.Equal(["0001"], admin.OrgPrefixes);
        Assert.Empty(admin.ReadablePrefixes);                 // not its lists, points or supervision
        var both = With(G(Role.Admin, "0001"), G(Role.Commission, "0002"));
        Assert.Equal(["0002"], both.ReadablePrefixes);         // a business grant of its own still reads
        Assert.Equal(["0001", "0002"], both.OrgPrefixes);
    }

    [Fact]
    public void Only_the_audit_administrator_reads_the_audit_trail_and_the_other_two_read_no_business_unit()
    {
        Assert.True(With(G(Role.Auditor, "0001")).CanReadAudit);
        foreach (var role in new[] { Role.Admin, Role.SecurityAdmin, Role.Commission, Role.Agency, Role.PartyOffice })
            Assert.False(With(G(role, "0001")).CanReadAudit);
        foreach (var role in new[] { Role.SecurityAdmin, Role.Auditor })
        {
            var scope = With(G(role, "0001"));
            Assert.False(scope.CanRead("000100010001"));
            Assert.Empty(scope.ReadablePrefixes);
        }
    }

    [Theory]
    [InlineData(Role.Admin, new[] { Role.SecurityAdmin }, true)]
    [InlineData(Role.Auditor, new[] { Role.Admin }, true)]
    [InlineData(Role.SecurityAdmin, new[] { Role.Auditor, Role.Staff }, true)]
    [InlineData(Role.Admin, new[] { Role.Admin, Role.Staff }, false)]   // the same role at another unit
    [InlineData(Role.Staff, new[] { Role.Auditor }, false)]             // a business role beside one of the three
    [InlineData(Role.Auditor, new Role[0], false)]
    public void One_account_never_holds_two_of_the_three_administrators(Role adding, Role[] held, bool refused)
    {
        var conflict = adding.SeparationConflict(held);
        Assert.Equal(refused, conflict is not null);
        if (refused) Assert.Contains("三个不同的账号", conflict);
    }

    [Fact]
    public void Role_codes_follow_the_design()
    {
        Assert.Equal(["staff", "dept_head", "leader_in_charge", "principal", "party_office", "agency", "commission", "helper", "admin", "security_admin", "auditor"],
            Roles.Every.Select(r => r.Code()));
        Assert.Equal(Role.LeaderInCharge, Roles.Parse("leader_in_charge"));
        Assert.Null(Roles.Parse("boss"));
    }
}
