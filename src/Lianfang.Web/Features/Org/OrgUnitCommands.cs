using Lianfang.Core.Access;
using Lianfang.Core.Org;

namespace Lianfang.Web.Features.Org;

/// <param name="Duties">单位职责 / 部门工作职责</param>
/// <param name="IntegrityDuties">廉政职责</param>
/// <param name="HeadPersonId">主要负责人 (a unit) or 负责人 (a department): a person of its subtree</param>
public sealed record SaveOrgUnitRequest(string? Name, OrgUnitKind? Kind, int? ParentId, List<int>? Supervises, int? Version,
    string? Duties = null, string? IntegrityDuties = null, int? HeadPersonId = null);

/// <summary>Create, change and delete org units. Shared by the API and the pages.</summary>
public static class OrgUnitCommands
{
    public static async Task<OrgUnit> CreateAsync(AppDbContext db, AccessScope scope, SaveOrgUnitRequest req, CancellationToken ct)
    {
        var kind = req.Kind ?? throw new DomainException("kind", "机构类型不能为空（Commission、Agency、Unit、Department）");
        var parent = await LoadParentAsync(db, scope, req.ParentId, ct);
        if (!scope.CanManageOrg(parent?.Path))
            throw DomainException.Forbidden(parent is null ? "只有系统管理员可以新建顶层纪委监委" : $"无权在“{parent.Name}”下新建机构");
        var name = Text.Required(req.Name, "name", "名称");
        await EnsureUniqueAsync(db, req.ParentId, name, null, ct);
        var unit = new OrgUnit(name, kind, parent, await NextPathAsync(db, parent, ct));
        unit.SetSupervised(await LoadSupervisedAsync(db, scope, req.Supervises, ct), parent);
        unit.Describe(req.Duties, req.IntegrityDuties); // a head comes once it has people
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        return unit;
    }

    public static async Task<OrgUnit> UpdateAsync(AppDbContext db, AccessScope scope, int id, SaveOrgUnitRequest req, CancellationToken ct)
    {
        var unit = await LoadVisibleAsync(db, scope, id, ct);
        if (!scope.CanManageOrg(unit.Path)) throw DomainException.Forbidden($"无权修改“{unit.Name}”");
        db.ExpectVersion(unit, req.Version);

        var name = Text.Required(req.Name, "name", "名称");
        var parent = unit.ParentId is null ? null : await db.OrgUnits.FirstAsync(u => u.Id == unit.ParentId, ct);
        if (req.ParentId != unit.ParentId)
        {
            var newParent = await LoadParentAsync(db, scope, req.ParentId, ct)
                ?? throw new DomainException("parentId", "已有机构不能改为顶层机构");
            if (!scope.CanManageOrg(parent?.Path) || !scope.CanManageOrg(newParent.Path))
                throw DomainException.Forbidden("无权在这两个上级机构之间调整隶属关系");
            var subtree = await db.OrgUnits.Under([unit.Path], u => u.Path).ToListAsync(ct);
            unit.MoveUnder(newParent, await NextPathAsync(db, newParent, ct), subtree);
            parent = newParent;
        }
        if (name != unit.Name || req.ParentId != unit.ParentId) await EnsureUniqueAsync(db, unit.ParentId, name, unit.Id, ct);
        unit.Rename(name);
        if (req.Kind is { } kind && kind != unit.Kind)
        {
            var childKinds = await db.OrgUnits.Where(u => u.ParentId == id).Select(u => u.Kind).Distinct().ToListAsync(ct);
            unit.ChangeKind(kind, parent?.Kind, childKinds);
        }
        if (req.Supervises is not null || unit.Kind != OrgUnitKind.Agency)
            unit.SetSupervised(await LoadSupervisedAsync(db, scope, req.Supervises, ct), parent);
        unit.Describe(req.Duties, req.IntegrityDuties);
        var headPath = req.HeadPersonId is { } head
            ? await db.People.Where(p => p.Id == head).Select(p => p.OrgUnit.Path).FirstOrDefaultAsync(ct) : null;
        unit.SetHead(req.HeadPersonId, headPath);
        await db.SaveChangesAsync(ct);
        return unit;
    }

    public static async Task DeleteAsync(AppDbContext db, AccessScope scope, int id, int? version, CancellationToken ct)
    {
        var unit = await LoadVisibleAsync(db, scope, id, ct);
        var parentPath = OrgPath.ParentOf(unit.Path);
        if (!scope.CanManageOrg(parentPath)) throw DomainException.Forbidden($"无权删除“{unit.Name}”");
        if (version is not null) db.ExpectVersion(unit, version); // a delete overwrites nothing; a version given is still checked
        if (await db.OrgUnits.CountAsync(u => u.ParentId == id, ct) is > 0 and var children)
            throw DomainException.Conflict("id", $"“{unit.Name}”下还有 {children} 个下级机构，不能删除");
        if (await db.People.CountAsync(p => p.OrgUnitId == id, ct) is > 0 and var people)
            throw DomainException.Conflict("id", $"“{unit.Name}”还有 {people} 名人员，请先调离或删除人员");
        if (await db.Posts.CountAsync(p => p.OrgUnitId == id, ct) is > 0 and var posts)
            throw DomainException.Conflict("id", $"“{unit.Name}”还有 {posts} 个岗位，请先删除岗位");
        if (await db.UserGrants.CountAsync(g => g.OrgUnitId == id, ct) is > 0 and var grants)
            throw DomainException.Conflict("id", $"还有 {grants} 项账号权限设在“{unit.Name}”上，请先调整这些账号");
        if (await db.Users.CountAsync(u => u.OrgUnitId == id, ct) is > 0 and var accounts)
            throw DomainException.Conflict("id", $"还有 {accounts} 个账号由“{unit.Name}”管理，请先调整这些账号");
        db.AgencySupervisions.RemoveRange(await db.AgencySupervisions.Where(s => s.UnitId == id).ToListAsync(ct));
        db.OrgUnits.Remove(unit);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Loads a unit the user may read; anything else is "not found", so ids of other units reveal nothing.</summary>
    public static async Task<OrgUnit> LoadVisibleAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct, string field = "id")
    {
        var unit = await db.OrgUnits.Include(u => u.Supervises).FirstOrDefaultAsync(u => u.Id == id, ct);
        // The resource in the URL is "not found"; a reference inside the body is a bad input of that field.
        if (unit is null || !scope.CanRead(unit.Path))
            throw new DomainException(field, field == "id" ? "机构不存在或不在您的权限范围内" : $"{FieldLabel(field)}不存在或不在您的权限范围内",
                field == "id" ? DomainErrorKind.NotFound : DomainErrorKind.Invalid);
        return unit;
    }

    private static string FieldLabel(string field) => field switch { "parentId" => "上级机构", "orgUnitId" => "所属机构", _ => "机构" };

    private static async Task<OrgUnit?> LoadParentAsync(AppDbContext db, AccessScope scope, int? parentId, CancellationToken ct) =>
        parentId is null ? null : await LoadVisibleAsync(db, scope, parentId.Value, ct, "parentId");

    private static async Task<string> NextPathAsync(AppDbContext db, OrgUnit? parent, CancellationToken ct)
    {
        var parentId = parent?.Id;
        var last = await db.OrgUnits.Where(u => u.ParentId == parentId).MaxAsync(u => (string?)u.Path, ct);
        return OrgPath.NextChild(parent?.Path ?? "", last);
    }

    private static async Task EnsureUniqueAsync(AppDbContext db, int? parentId, string name, int? exceptId, CancellationToken ct)
    {
        var siblings = await db.OrgUnits.Where(u => u.ParentId == parentId && u.Id != exceptId && u.Name == name).Select(u => u.Name).ToListAsync(ct);
        OrgRules.EnsureUniqueName(name, siblings);
    }

    private static async Task<List<OrgUnit>> LoadSupervisedAsync(AppDbContext db, AccessScope scope, List<int>? ids, CancellationToken ct)
    {
        if (ids is not { Count: > 0 }) return [];
        var units = await db.OrgUnits.Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var missing = ids.Except(units.Where(u => scope.CanRead(u.Path)).Select(u => u.Id)).ToList();
        if (missing.Count > 0) throw new DomainException("supervises", $"监督单位 {string.Join("、", missing)} 不存在或不在您的权限范围内");
        return units;
    }
}
