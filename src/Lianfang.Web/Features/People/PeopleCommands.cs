using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Web.Features.Org;

namespace Lianfang.Web.Features.People;

public sealed record SavePostRequest(int? OrgUnitId, string? Name, PostTier? Tier, string? Duties, string? IntegrityDuties, int? Version);
/// <param name="EmployeeNumber">工号, unique in the installation; on a change, null leaves it as it is and "" clears it</param>
public sealed record SavePersonRequest(string? Name, string? Title, int? OrgUnitId, int? PostId, DateOnly? AppointedOn, int? Version,
    string? EmployeeNumber = null);

/// <summary>Posts (岗位) and people (人员): shared by the API and the pages.</summary>
public static class PeopleCommands
{
    public static async Task<Post> CreatePostAsync(AppDbContext db, AccessScope scope, SavePostRequest req, CancellationToken ct)
    {
        var unit = await ManagedUnitAsync(db, scope, req.OrgUnitId, ct);
        var post = new Post(unit, req.Name!, req.Tier ?? throw new DomainException("tier", "岗位层面不能为空（Leader、Middle、Other）"),
            req.Duties, req.IntegrityDuties);
        await EnsureUniquePostAsync(db, unit.Id, post.Name, null, ct);
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        return post;
    }

    public static async Task<Post> UpdatePostAsync(AppDbContext db, AccessScope scope, int id, SavePostRequest req, CancellationToken ct)
    {
        var post = await LoadPostAsync(db, scope, id, ct);
        if (!scope.CanManageOrg(post.OrgUnit.Path)) throw DomainException.Forbidden($"无权修改岗位“{post.Name}”");
        db.ExpectVersion(post, req.Version);
        post.Update(req.Name!, req.Tier ?? post.Tier, req.Duties, req.IntegrityDuties);
        await EnsureUniquePostAsync(db, post.OrgUnitId, post.Name, post.Id, ct);
        await db.SaveChangesAsync(ct);
        return post;
    }

    public static async Task DeletePostAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var post = await LoadPostAsync(db, scope, id, ct);
        if (!scope.CanManageOrg(post.OrgUnit.Path)) throw DomainException.Forbidden($"无权删除岗位“{post.Name}”");
        if (await db.PostAssignments.AnyAsync(a => a.PostId == id, ct))
            throw DomainException.Conflict("id", $"岗位“{post.Name}”有人员任职记录，不能删除（任职历史需要保留）");
        db.Posts.Remove(post);
        await db.SaveChangesAsync(ct);
    }

    public static async Task<Person> CreatePersonAsync(AppDbContext db, AccessScope scope, SavePersonRequest req, TimeProvider time, CancellationToken ct)
    {
        var unit = await ManagedUnitAsync(db, scope, req.OrgUnitId, ct);
        var person = new Person(unit, req.Name!, req.Title, req.AppointedOn);
        await SetEmployeeNumberAsync(db, person, req.EmployeeNumber, ct);
        if (req.PostId is { } postId)
        {
            var post = await LoadPostAsync(db, scope, postId, ct, "postId");
            if (post.OrgUnitId != unit.Id) throw new DomainException("postId", $"岗位“{post.Name}”不属于“{unit.Name}”");
            person.AssignPost(post, req.AppointedOn ?? time.Today(), time.UtcNow());
        }
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>Edits a person; a different post (possibly in another unit) is a new appointment from the given date.</summary>
    public static async Task<Person> UpdatePersonAsync(AppDbContext db, AccessScope scope, int id, SavePersonRequest req, Supervision.WarningSweep sweep,
        TimeProvider time, CancellationToken ct)
    {
        var postBefore = (await LoadPersonAsync(db, scope, id, ct)).CurrentAssignment?.PostId;
        var person = await LoadPersonAsync(db, scope, id, ct);
        if (!scope.CanManageOrg(person.OrgUnit.Path)) throw DomainException.Forbidden($"无权修改人员“{person.Name}”");
        db.ExpectVersion(person, req.Version);
        person.Update(req.Name!, req.Title, req.AppointedOn ?? person.AppointedOn);
        if (req.EmployeeNumber is not null) await SetEmployeeNumberAsync(db, person, req.EmployeeNumber, ct);
        if (req.PostId is { } postId && postId != person.CurrentAssignment?.PostId)
        {
            var post = await LoadPostAsync(db, scope, postId, ct, "postId");
            if (!scope.CanManageOrg(post.OrgUnit.Path)) throw DomainException.Forbidden($"无权把人员调入“{post.OrgUnit.Name}”");
            person.AssignPost(post, req.AppointedOn ?? time.Today(), time.UtcNow());
        }
        else if (req.PostId is null && req.OrgUnitId is { } unitId && unitId != person.OrgUnitId)
            throw new DomainException("postId", "调动到其他机构时请同时指定新岗位");
        await db.SaveChangesAsync(ct);
        // A new post flags the person's risk points for re-review the same day.
        if (person.CurrentAssignment?.PostId != postBefore)
            await sweep.RunAsync([Core.Supervision.WarningRules.PostChangeUnreviewed], ct, person.OrgUnit.Path);
        return person;
    }

    public static async Task DeletePersonAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var person = await LoadPersonAsync(db, scope, id, ct);
        if (!scope.CanManageOrg(person.OrgUnit.Path)) throw DomainException.Forbidden($"无权删除人员“{person.Name}”");
        if (await db.Users.AnyAsync(u => u.PersonId == id, ct))
            throw DomainException.Conflict("id", $"“{person.Name}”关联了登录账号，请先解除账号关联");
        // a person with a record of their own stays (the record names them); one who left is ended in their post instead
        var kept = new List<string>();
        if (await db.RiskLists.CountAsync(l => l.HolderPersonId == id, ct) is > 0 and var lists) kept.Add($"本人清单 {lists} 份");
        if (await db.IntegrityFileEntries.AnyAsync(e => e.PersonId == id, ct)) kept.Add("廉政档案");
        if (await db.Dispositions.AnyAsync(d => d.PersonId == id, ct)) kept.Add("处置记录");
        if (await db.Findings.AnyAsync(x => x.PersonId == id, ct) || await db.Rectifications.AnyAsync(r => r.OwnerPersonId == id, ct)) kept.Add("监督检查和整改记录");
        if (kept.Count > 0)
            throw DomainException.Conflict("id", $"“{person.Name}”有{string.Join("、", kept)}，人员记录须保留，不能删除；调离或退休请结束其任职");
        db.People.Remove(person);
        await db.SaveChangesAsync(ct);
    }

    public static async Task<Post> LoadPostAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct, string field = "id") =>
        await db.Posts.Include(p => p.OrgUnit).Visible(scope).FirstOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new DomainException(field, "岗位不存在或不在您的权限范围内", field == "id" ? DomainErrorKind.NotFound : DomainErrorKind.Invalid);

    public static async Task<Person> LoadPersonAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct) =>
        await db.People.Include(p => p.OrgUnit).Include(p => p.Assignments).ThenInclude(a => a.Post)
            .Visible(scope).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct)
        ?? throw DomainException.NotFound("id", "人员不存在或不在您的权限范围内");

    private static async Task<OrgUnit> ManagedUnitAsync(AppDbContext db, AccessScope scope, int? unitId, CancellationToken ct)
    {
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope,
            unitId ?? throw new DomainException("orgUnitId", "所属机构不能为空"), ct, "orgUnitId");
        if (!scope.CanManageOrg(unit.Path)) throw DomainException.Forbidden($"无权在“{unit.Name}”中维护岗位和人员");
        return unit;
    }

    /// <summary>工号 is unique in the whole installation; the holder is not named, since they may lie outside the caller's scope.</summary>
    private static async Task SetEmployeeNumberAsync(AppDbContext db, Person person, string? number, CancellationToken ct)
    {
        person.SetEmployeeNumber(number);
        if (person.EmployeeNumber is { } n && await db.People.AnyAsync(p => p.EmployeeNumber == n && p.Id != person.Id, ct))
            throw DomainException.Conflict("employeeNumber", $"工号“{n}”已被其他人员使用");
    }

    private static async Task EnsureUniquePostAsync(AppDbContext db, int unitId, string name, int? exceptId, CancellationToken ct)
    {
        if (await db.Posts.AnyAsync(p => p.OrgUnitId == unitId && p.Name == name && p.Id != exceptId, ct))
            throw DomainException.Conflict("name", $"该机构已有名为“{name}”的岗位");
    }
}
