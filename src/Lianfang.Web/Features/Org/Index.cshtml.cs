using Lianfang.Core.Org;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Org;

public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    public sealed record ChildRow(int Id, string Name, OrgUnitKind Kind, int Posts, int People);
    public sealed record PostRow(int Id, string Name, PostTier Tier, string? Duties, string? IntegrityDuties, int Holders);
    public sealed record PersonRow(int Id, string Name, string? Title, string? Post, DateOnly? AppointedOn);
    public sealed record Crumb(int Id, string Name);
    public sealed record Found(int Id, string Name, OrgUnitKind Kind);

    public OrgTree Tree { get; private set; } = null!;
    public OrgTree.Node? Unit => Tree.Selected;
    public List<Crumb> Ancestors { get; private set; } = [];
    public List<ChildRow> Children { get; private set; } = [];
    public List<PostRow> Posts { get; private set; } = [];
    public List<PersonRow> People { get; private set; } = [];
    public List<string> Supervised { get; private set; } = [];
    public List<Found>? SearchResults { get; private set; }
    public string? Q { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanCreateRoot { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, string? q, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Tree = await OrgTree.LoadAsync(db, scope, id, ct);
        CanCreateRoot = scope.CanManageOrg(null);
        if (id is not null && Unit is null) return NotFound();
        if (!string.IsNullOrWhiteSpace(q))
        {
            Q = q.Trim();
            SearchResults = await db.OrgUnits.AsNoTracking().Visible(scope).Where(u => u.Name.Contains(Q))
                .OrderBy(u => u.Path).Take(50).Select(u => new Found(u.Id, u.Name, u.Kind)).ToListAsync(ct);
        }
        if (Unit is not { } unit) return Page();

        CanManage = scope.CanManageOrg(unit.Path);
        var chain = OrgPath.AncestorsOrSelf(unit.Path)[..^1];
        Ancestors = await db.OrgUnits.AsNoTracking().Where(u => chain.Contains(u.Path)).OrderBy(u => u.Path)
            .Select(u => new Crumb(u.Id, u.Name)).ToListAsync(ct);
        Children = await db.OrgUnits.AsNoTracking().Visible(scope).Where(u => u.ParentId == unit.Id).OrderBy(u => u.Path)
            .Select(u => new ChildRow(u.Id, u.Name, u.Kind, db.Posts.Count(p => p.OrgUnitId == u.Id), db.People.Count(p => p.OrgUnitId == u.Id)))
            .ToListAsync(ct);
        Posts = await db.Posts.AsNoTracking().Where(p => p.OrgUnitId == unit.Id).OrderBy(p => p.Tier).ThenBy(p => p.Name)
            .Select(p => new PostRow(p.Id, p.Name, p.Tier, p.Duties, p.IntegrityDuties, db.PostAssignments.Count(a => a.PostId == p.Id && a.To == null)))
            .ToListAsync(ct);
        People = await db.People.AsNoTracking().Visible(scope).Where(p => p.OrgUnitId == unit.Id).OrderBy(p => p.Name)
            .Select(p => new PersonRow(p.Id, p.Name, p.Title, p.Assignments.Where(a => a.To == null).Select(a => a.Post.Name).FirstOrDefault(), p.AppointedOn))
            .ToListAsync(ct);
        if (unit.Kind == OrgUnitKind.Agency)
            Supervised = await db.AgencySupervisions.Where(s => s.AgencyId == unit.Id).OrderBy(s => s.Unit.Path).Select(s => s.Unit.Name).ToListAsync(ct);
        return Page();
    }
}
