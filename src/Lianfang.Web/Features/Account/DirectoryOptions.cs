using Lianfang.Core.Access;
using Lianfang.Core.Org;

namespace Lianfang.Web.Features.Account;

/// <summary>One directory group and what membership in it gives: a role at an org unit.</summary>
public sealed class DirectoryGroupMapping
{
    /// <summary>The group's DN (<c>cn=finance,ou=groups,dc=example,dc=gov,dc=cn</c>) or its cn alone (<c>finance</c>).</summary>
    public string? Group { get; set; }
    /// <summary>A role code (<c>staff</c>, <c>dept_head</c>, …).</summary>
    public string? Role { get; set; }
    /// <summary>The unit: its id, or its names from the top of the tree joined by “/” (<c>示范市纪委监委/示范市财政局/国库科</c>).</summary>
    public string? OrgUnit { get; set; }
}

/// <summary>
/// <c>Lianfang:Directory</c>: staff sign in with their directory (LDAP/LDAPS) account. Off while <see cref="Url"/> is empty.
/// Checked when the app starts (<see cref="Load"/>, then <see cref="DirectoryMappings.ResolveAsync"/> once the database is
/// there): a setting the app cannot use stops it with the reason, rather than failing each sign-in later.
/// </summary>
public sealed class DirectoryOptions
{
    public const string Section = "Lianfang:Directory";

    public string? Url { get; set; }
    /// <summary>The service account that looks users and their groups up (empty: an anonymous search).</summary>
    public string? BindDn { get; set; }
    public string? BindPassword { get; set; }
    public string? BaseDn { get; set; }
    /// <summary>Finds the user by the name typed at sign-in; <c>{0}</c> is that name, escaped (RFC 4515).</summary>
    public string UserFilter { get; set; } = "(uid={0})";
    /// <summary>Where groups are looked up (default: <see cref="BaseDn"/>).</summary>
    public string? GroupBaseDn { get; set; }
    /// <summary>Finds the groups the user is a member of; <c>{0}</c> is the user's DN, escaped. memberOf on the entry counts too.</summary>
    public string GroupFilter { get; set; } = "(|(member={0})(uniqueMember={0}))";
    /// <summary>The attribute whose value is a person's 工号 (<c>employeeNumber</c>); empty: accounts are not linked to people.</summary>
    public string? PersonAttribute { get; set; }
    public string DisplayNameAttribute { get; set; } = "displayName";
    public string? EmailAttribute { get; set; } = "mail";
    public List<DirectoryGroupMapping> Groups { get; set; } = [];
    /// <summary>三员分立: groups may give admin, security_admin or auditor only when this is set.</summary>
    public bool AllowAdministratorRoles { get; set; }
    /// <summary>Seconds to wait for the directory before a sign-in is told it is unavailable.</summary>
    public double Timeout { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
    public Uri Address => new(Url!.Trim());
    public bool Secure => Address.Scheme == "ldaps";
    public int Port => Address.IsDefaultPort || Address.Port <= 0 ? (Secure ? 636 : 389) : Address.Port;

    /// <summary>Reads and checks <c>Lianfang:Directory</c>; a setting it cannot use throws, naming the setting and why.</summary>
    public static DirectoryOptions Load(IConfiguration config)
    {
        var o = config.GetSection(Section).Get<DirectoryOptions>() ?? new DirectoryOptions();
        if (!o.Enabled) return o;
        var problems = new List<string>();
        void Problem(string key, string why) => problems.Add($"{Section}:{key}：{why}");

        if (!Uri.TryCreate(o.Url!.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("ldap" or "ldaps") || url.Host.Length == 0
            || url.AbsolutePath is not ("" or "/"))
            Problem("Url", $"“{o.Url}”不是目录地址，应为 ldap://主机:端口 或 ldaps://主机:端口");
        if (string.IsNullOrWhiteSpace(o.BaseDn)) Problem("BaseDn", "请填写查找用户的起点（如 ou=people,dc=example,dc=gov,dc=cn）");
        if (!string.IsNullOrWhiteSpace(o.BindDn) && string.IsNullOrEmpty(o.BindPassword))
            Problem("BindPassword", "填写了 BindDn 时须同时填写服务账号的密码");
        if (!o.UserFilter.Contains("{0}") || !o.UserFilter.TrimStart().StartsWith('('))
            Problem("UserFilter", $"“{o.UserFilter}”应为带括号的过滤器，并用 {{0}} 表示登录名，如 (uid={{0}})");
        if (!o.GroupFilter.Contains("{0}") || !o.GroupFilter.TrimStart().StartsWith('('))
            Problem("GroupFilter", $"“{o.GroupFilter}”应为带括号的过滤器，并用 {{0}} 表示用户的 DN，如 (member={{0}})");
        if (o.Timeout is < 1 or > 120) Problem("Timeout", "等待目录的秒数须在 1–120 之间");
        for (var i = 0; i < o.Groups.Count; i++)
        {
            var g = o.Groups[i];
            if (string.IsNullOrWhiteSpace(g.Group)) Problem($"Groups:{i}:Group", "请填写目录组（DN 或 cn）");
            if (Roles.Parse(g.Role) is not { } role)
            {
                Problem($"Groups:{i}:Role", $"角色“{g.Role}”无效，可选：{string.Join("、", Roles.Every.Select(r => r.Code()))}");
                continue;
            }
            if (role.IsAdministrator() && !o.AllowAdministratorRoles)
                Problem($"Groups:{i}:Role", $"三员分立：目录组不能授予{role.Label()}（{role.Code()}），三员应为本地账号；" +
                    $"确需由目录授予时，请设置 {Section}:AllowAdministratorRoles=true");
            if (string.IsNullOrWhiteSpace(g.OrgUnit) && !role.IsAdministrator())
                Problem($"Groups:{i}:OrgUnit", $"{role.Label()}须设在某个机构上：请填写机构的编号或从顶层起的名称路径（如 示范市纪委监委/示范市财政局）");
        }
        if (problems.Count > 0)
            throw new InvalidOperationException($"目录登录配置有误，应用未启动：{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        return o;
    }
}

/// <summary>A group mapping with its unit found in the org tree.</summary>
public sealed record ResolvedMapping(int Index, string Group, Role Role, int? OrgUnitId, string? UnitName);

/// <summary>The group mappings against the org tree: at start (unknown units stop the app) and at each directory sign-in.</summary>
public static class DirectoryMappings
{
    /// <summary>Each mapping (or those <paramref name="only"/> picks) with its unit; a unit that is not there throws, naming the setting.</summary>
    public static async Task<List<ResolvedMapping>> ResolveAsync(AppDbContext db, DirectoryOptions o, CancellationToken ct, Func<int, bool>? only = null)
    {
        var result = new List<ResolvedMapping>();
        var problems = new List<string>();
        for (var i = 0; i < o.Groups.Count; i++)
        {
            if (only is not null && !only(i)) continue;
            var g = o.Groups[i];
            var role = Roles.Parse(g.Role)!.Value;
            if (string.IsNullOrWhiteSpace(g.OrgUnit)) { result.Add(new(i, g.Group!.Trim(), role, null, null)); continue; }
            var unit = await FindUnitAsync(db, g.OrgUnit.Trim(), ct);
            if (unit is null) problems.Add($"{DirectoryOptions.Section}:Groups:{i}:OrgUnit：机构“{g.OrgUnit}”不存在（填机构编号，或从顶层起用“/”连接的名称）");
            else result.Add(new(i, g.Group!.Trim(), role, unit.Value.Id, unit.Value.Name));
        }
        if (problems.Count > 0)
            throw new InvalidOperationException($"目录登录配置有误：{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        return result;
    }

    /// <summary>A unit by its id, or by its names from the top of the tree (“示范市纪委监委/示范市财政局/国库科”).</summary>
    private static async Task<(int Id, string Name)?> FindUnitAsync(AppDbContext db, string reference, CancellationToken ct)
    {
        if (int.TryParse(reference, out var id))
            return await db.OrgUnits.Where(u => u.Id == id).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct) is { } byId
                ? (byId.Id, byId.Name) : null;
        int? parent = null;
        OrgUnit? unit = null;
        foreach (var name in reference.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.ParentId == parent && u.Name == name, ct);
            if (unit is null) return null;
            parent = unit.Id;
        }
        return unit is null ? null : (unit.Id, unit.Name);
    }
}
