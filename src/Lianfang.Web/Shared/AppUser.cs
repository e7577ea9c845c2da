using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Shared;

public sealed class AppUser : IdentityUser<int>
{
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>The unit whose administrators keep the account (null: kept at the level of the whole system).</summary>
    public int? OrgUnitId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the password was last set (UTC): expiry counts from it. Null for accounts older than the policy until they sign in.</summary>
    public DateTime? PasswordChangedAt { get; set; }
    /// <summary>The password was set by someone else (an administrator, the installation): the user changes it before anything else.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>
    /// Set for an account the directory (LDAP) keeps: its entry's DN at the last sign-in. Such an account has no local
    /// password, and its grants and person follow the directory at each sign-in (Features/Account/DirectoryAccounts).
    /// </summary>
    public string? DirectoryDn { get; set; }
    public bool FromDirectory => DirectoryDn is not null;
    public List<UserGrant> Grants { get; set; } = [];
}

/// <summary>A role held at an org unit. Null unit only for a system administrator.</summary>
public sealed class UserGrant
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public Role Role { get; set; }
    public int? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
}

internal sealed class UserGrantConfiguration : IEntityTypeConfiguration<UserGrant>
{
    public void Configure(EntityTypeBuilder<UserGrant> b)
    {
        b.Property(g => g.Role).HasConversion(r => r.Code(), s => Roles.Parse(s)!.Value).HasMaxLength(32);
        b.HasOne<AppUser>().WithMany(u => u.Grants).HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(g => g.OrgUnit).WithMany().HasForeignKey(g => g.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(g => new { g.UserId, g.Role, g.OrgUnitId }).IsUnique();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.DirectoryDn).HasMaxLength(512);
        b.HasOne(u => u.Person).WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
