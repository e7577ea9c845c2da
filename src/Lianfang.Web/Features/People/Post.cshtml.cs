using Lianfang.Core.Org;
using Lianfang.Web.Features.Org;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.People;

public sealed class PostModel(AppDbContext db, CurrentUser me) : PageModel
{
    public sealed class PostInput
    {
        public int OrgUnitId { get; set; }
        public string? Name { get; set; }
        public PostTier Tier { get; set; } = PostTier.Other;
        public string? Duties { get; set; }
        public string? IntegrityDuties { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty] public PostInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public string UnitName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int? id, int? unitId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Id = id;
        if (id is { } postId)
        {
            var post = await PeopleCommands.LoadPostAsync(db, scope, postId, ct);
            Input = new PostInput
            {
                OrgUnitId = post.OrgUnitId, Name = post.Name, Tier = post.Tier, Duties = post.Duties, IntegrityDuties = post.IntegrityDuties,
                Version = post.Version,
            };
        }
        else Input.OrgUnitId = unitId ?? 0;
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, Input.OrgUnitId, ct);
        if (!scope.CanManageOrg(unit.Path)) return Forbid();
        UnitName = unit.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        var scope = await me.ScopeAsync(ct);
        UnitName = (await OrgUnitCommands.LoadVisibleAsync(db, scope, Input.OrgUnitId, ct)).Name;
        var req = new SavePostRequest(Input.OrgUnitId, Input.Name, Input.Tier, Input.Duties, Input.IntegrityDuties, Input.Version);
        var post = id is null ? await PeopleCommands.CreatePostAsync(db, scope, req, ct) : await PeopleCommands.UpdatePostAsync(db, scope, id.Value, req, ct);
        TempData["Message"] = $"已保存岗位“{post.Name}”";
        return Redirect($"/Org?id={post.OrgUnitId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        Id = id;
        var scope = await me.ScopeAsync(ct);
        var post = await PeopleCommands.LoadPostAsync(db, scope, id, ct);
        Input = new PostInput
        {
            OrgUnitId = post.OrgUnitId, Name = post.Name, Tier = post.Tier, Duties = post.Duties, IntegrityDuties = post.IntegrityDuties,
            Version = post.Version,
        };
        UnitName = post.OrgUnit.Name;
        await PeopleCommands.DeletePostAsync(db, scope, id, ct);
        TempData["Message"] = $"已删除岗位“{post.Name}”";
        return Redirect($"/Org?id={post.OrgUnitId}");
    }
}
