using Lianfang.Core.Access;
using Lianfang.Core.Org;

namespace Lianfang.Web.Features.Org;

/// <summary>
/// The part of the tree a page shows: the user's top units, the chain down to the selected unit with each
/// level's siblings, and the selected unit's children. Bounded however large the province is.
/// </summary>
public sealed class OrgTree
{
    public sealed record Node(int Id, string Name, OrgUnitKind Kind, int? ParentId, string Path);

    private OrgTree(List<Node> nodes, Node? selected)
    {
        Selected = selected;
        var ids = nodes.Select(n => n.Id).ToHashSet();
        Roots = nodes.Where(n => n.ParentId is null || !ids.Contains(n.ParentId.Value)).ToList();
        Children = nodes.Where(n => n.ParentId is not null).GroupBy(n => n.ParentId!.Value).ToDictionary(g => g.Key, g => g.ToList());
    }

    public Node? Selected { get; }
    public List<Node> Roots { get; }
    public Dictionary<int, List<Node>> Children { get; }

    public IReadOnlyList<Node> ChildrenOf(int id) => Children.TryGetValue(id, out var c) ? c : [];
    public bool IsOnChain(Node n) => Selected is not null && OrgPath.IsAncestorOrSelf(n.Path, Selected.Path);

    public static async Task<OrgTree> LoadAsync(AppDbContext db, AccessScope scope, int? selectedId, CancellationToken ct)
    {
        var visible = db.OrgUnits.AsNoTracking().Visible(scope);
        var topPaths = scope.OrgPrefixes.Concat(scope.OrgExact).ToArray();
        var tops = scope.ReadsWholeOrg ? visible.Where(u => u.ParentId == null) : visible.Where(u => topPaths.Contains(u.Path));
        var roots = await tops.OrderBy(u => u.Path).Select(u => new Node(u.Id, u.Name, u.Kind, u.ParentId, u.Path)).ToListAsync(ct);
        var selected = selectedId is { } id
            ? await visible.Where(u => u.Id == id).Select(u => new Node(u.Id, u.Name, u.Kind, u.ParentId, u.Path)).FirstOrDefaultAsync(ct)
            : roots.FirstOrDefault();
        if (selected is null) return new OrgTree(roots, null);

        // Every ancestor-or-self of the selected unit, by its path prefixes; their children are what we expand.
        var chain = OrgPath.AncestorsOrSelf(selected.Path);
        var chainIds = await visible.Where(u => chain.Contains(u.Path)).Select(u => u.Id).ToListAsync(ct);
        var expanded = await visible.Where(u => u.ParentId != null && chainIds.Contains(u.ParentId.Value)).OrderBy(u => u.Path)
            .Select(u => new Node(u.Id, u.Name, u.Kind, u.ParentId, u.Path)).Take(2000).ToListAsync(ct);
        return new OrgTree(roots.Concat(expanded).DistinctBy(n => n.Id).ToList(), selected);
    }
}
