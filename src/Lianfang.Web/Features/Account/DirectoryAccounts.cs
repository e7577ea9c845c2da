using Lianfang.Core.Access;

namespace Lianfang.Web.Features.Account;

/// <summary>
/// The local account of a directory user (its shadow): made at the first sign-in, brought up to date at each one. The
/// directory decides its grants (its groups through <c>Lianfang:Directory:Groups</c>, replacing what the account held) and
/// its person (the entry's 工号 against <c>Person.EmployeeNumber</c>); the trail records the changes as the directory sync's.
/// </summary>
public sealed class DirectoryAccounts(AppDbContext db, AppUserManager users, DirectoryOptions options, CurrentUser me, ILogger<DirectoryAccounts> log)
{
    /// <summary>Who the audit trail names for what a directory sign-in changes.</summary>
    public const string Actor = "目录同步";
    public const string NoRoles = "您的目录账号未映射到任何角色，请联系安全管理员";
    public const string NoPerson = "您的目录账号未关联到人员：系统中没有与目录工号一致的人员，或该人员已关联其他账号，请联系系统管理员在人员信息中填写工号";

    /// <summary>What the account's holder is told after signing in (home page, <c>GET /api/v1/auth/me</c>).</summary>
    public static List<string> Notices(DirectoryOptions options, bool fromDirectory, int grants, int? personId)
    {
        var notices = new List<string>();
        if (!fromDirectory) return notices;
        if (grants == 0) notices.Add(NoRoles);
        if (!string.IsNullOrWhiteSpace(options.PersonAttribute) && personId is null) notices.Add(NoPerson);
        return notices;
    }

    public async Task<AppUser> SyncAsync(string userName, DirectoryUser entry, CancellationToken ct)
    {
        var mine = options.Groups.Select((g, i) => (g, i)).Where(x => entry.IsMember(x.g.Group!)).Select(x => x.i).ToHashSet();
        List<ResolvedMapping> mappings;
        try
        {
            mappings = await DirectoryMappings.ResolveAsync(db, options, ct, mine.Contains);
        }
        catch (InvalidOperationException e) // a unit removed or renamed since the app started
        {
            log.LogError("Directory sign-in of {UserName} refused: {Reason}", userName, e.Message);
            throw DomainException.Conflict("userName", "您所在目录组映射的机构已不存在，暂不能以目录账号登录，请联系系统管理员检查目录登录配置");
        }
        var wanted = mappings.Select(m => (m.Role, m.OrgUnitId)).Distinct().ToList();
        var admin = wanted.Select(w => w.Role).Where(r => r.IsAdministrator()).Distinct().ToList();
        if (admin.Count > 1) // 三员分立 holds for what groups give too
            throw DomainException.Conflict("userName", $"目录组使该账号同时成为{string.Join("、", admin.Select(r => r.Label()))}，三员须由不同账号担任，请目录管理员调整其所在的组");

        using var acting = me.ActingAs(Actor);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByNameAsync(userName);
        if (user is { FromDirectory: false }) throw new InvalidOperationException("a local account is never synchronised from the directory");
        if (user is null)
        {
            user = new AppUser { UserName = userName, DirectoryDn = entry.Dn, CreatedAt = users.Time.UtcNow() };
            CreateUser.Check(await users.CreateAsync(user)); // no password: the directory checks it
            log.LogInformation("Directory sign-in created the account {UserName} for {Dn}", userName, entry.Dn);
        }

        int? personId = null, personUnit = null;
        if (!string.IsNullOrWhiteSpace(options.PersonAttribute) && entry.PersonKey is { Length: > 0 } key)
        {
            var person = await db.People.Where(p => p.EmployeeNumber == key).Select(p => new { p.Id, p.OrgUnitId }).FirstOrDefaultAsync(ct);
            var held = person is not null && await db.Users.AnyAsync(u => u.PersonId == person.Id && u.Id != user.Id, ct);
            if (held) log.LogWarning("Directory account {UserName}: the person with 工号 {Key} is linked to another account; not linked", userName, key);
            else (personId, personUnit) = (person?.Id, person?.OrgUnitId);
        }
        if (!string.IsNullOrWhiteSpace(options.PersonAttribute)) user.PersonId = personId;
        user.DirectoryDn = entry.Dn;
        if (entry.DisplayName is { } display) user.DisplayName = display.Length > 100 ? display[..100] : display;
        if (entry.Email is { } email && System.Net.Mail.MailAddress.TryCreate(email, out _) && email != user.Email)
        {
            user.Email = email; // where notices go, not a credential: set without renewing the security stamp
            await users.UpdateNormalizedEmailAsync(user);
        }
        user.OrgUnitId = personUnit ?? user.PersonId switch
        {
            { } pid => await db.People.Where(p => p.Id == pid).Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct),
            null => wanted.Select(w => w.OrgUnitId).FirstOrDefault(u => u is not null),
        };
        CreateUser.Check(await users.UpdateAsync(user));

        // the groups' grants replace the account's: one the groups no longer give is withdrawn at this sign-in
        var current = await db.UserGrants.Where(g => g.UserId == user.Id).ToListAsync(ct);
        db.UserGrants.RemoveRange(current.Where(g => !wanted.Contains((g.Role, g.OrgUnitId))));
        db.UserGrants.AddRange(wanted.Where(w => !current.Any(g => g.Role == w.Role && g.OrgUnitId == w.OrgUnitId))
            .Select(w => new UserGrant { UserId = user.Id, Role = w.Role, OrgUnitId = w.OrgUnitId }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }
}
