using Lianfang.Core.Access;
using Lianfang.Web.Features.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Admin.Security;

/// <summary>安全策略: the password and lockout policy, read by the security administrators and set by the system-wide one.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, PasswordPolicies policies, DirectoryOptions directory, LdapDirectory ldap) : PageModel
{
    public sealed record MappingRow(string Group, Role Role, string Unit);

    /// <summary>Directory sign-in as configured (read-only here: it is the installation's configuration).</summary>
    public DirectoryOptions Directory => directory;
    public List<MappingRow> Mappings { get; private set; } = [];
    /// <summary>Null when the service account binds now; else why not.</summary>
    public string? DirectoryProblem { get; private set; }

    [BindProperty] public PasswordPolicyRequest Input { get; set; } = new(null, null, null, null, null, null);
    public PasswordPolicyDto Saved { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (directory.Enabled)
        {
            DirectoryProblem = await ldap.ProbeAsync(ct);
            try
            {
                Mappings = (await DirectoryMappings.ResolveAsync(db, directory, ct))
                    .Select(m => new MappingRow(m.Group, m.Role, m.UnitName ?? "全系统")).ToList();
            }
            catch (InvalidOperationException e) { DirectoryProblem = e.Message; } // a unit removed since the app started
        }
        Input = new(Saved.MinLength, Saved.ExpiryDays, Saved.ChangeInitial, Saved.MaxFailedAttempts, Saved.LockoutMinutes, Saved.Version);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct); // first: a refused policy re-renders with what was typed and the message
        // an unticked checkbox posts nothing: here that means "no"
        await policies.SaveAsync(db, await me.ScopeAsync(ct), await me.DisplayNameAsync(ct), Input with { ChangeInitial = Input.ChangeInitial ?? false }, ct);
        TempData["Message"] = "安全策略已保存，立即生效";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        if (!scope.IsSecurityAdmin) throw DomainException.Forbidden("安全策略由安全管理员设置");
        CanEdit = scope.HoldsSystemWide(Role.SecurityAdmin);
        Saved = await policies.ReadAsync(db, ct);
    }
}
