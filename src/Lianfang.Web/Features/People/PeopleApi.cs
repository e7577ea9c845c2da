using System.Linq.Expressions;
using Lianfang.Core.Org;
using Lianfang.Web.Features.Org;

namespace Lianfang.Web.Features.People;

public sealed record PostDto(int Id, int OrgUnitId, string Name, PostTier Tier, string? Duties, string? IntegrityDuties, int Version);
public sealed record AssignmentDto(int PostId, string PostName, DateOnly From, DateOnly? To);
/// <param name="EmployeeNumber">工号, unique in the installation; a directory account finds its person by it</param>
public sealed record PersonDto(int Id, string Name, string? Title, int OrgUnitId, int? PostId, DateOnly? AppointedOn, int Version, string? EmployeeNumber);
public sealed record PersonDetailDto(int Id, string Name, string? Title, int OrgUnitId, int? PostId, DateOnly? AppointedOn, int Version,
    IReadOnlyList<AssignmentDto> Posts, string? EmployeeNumber);

public static class PeopleApi
{
    public static readonly Expression<Func<Post, PostDto>> PostToDto =
        p => new PostDto(p.Id, p.OrgUnitId, p.Name, p.Tier, p.Duties, p.IntegrityDuties, p.Version);

    public static readonly Expression<Func<Person, PersonDto>> PersonToDto = p => new PersonDto(p.Id, p.Name, p.Title, p.OrgUnitId,
        p.Assignments.Where(a => a.To == null).Select(a => (int?)a.PostId).FirstOrDefault(), p.AppointedOn, p.Version, p.EmployeeNumber);

    private static readonly Func<Post, PostDto> PostDtoOf = PostToDto.Compile();
    private static PostDto Dto(Post p) => PostDtoOf(p);

    private static PersonDetailDto Dto(Person p) => new(p.Id, p.Name, p.Title, p.OrgUnitId, p.CurrentAssignment?.PostId, p.AppointedOn, p.Version,
        p.Assignments.OrderByDescending(a => a.From).Select(a => new AssignmentDto(a.PostId, a.Post.Name, a.From, a.To)).ToList(), p.EmployeeNumber);

    public static void Map(RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts").WithTags("岗位");
        posts.MapGet("/{id:int}", async (int id, CurrentUser me, AppDbContext db, CancellationToken ct) =>
            Dto(await PeopleCommands.LoadPostAsync(db, await me.ScopeAsync(ct), id, ct))).ProducesProblem(404);
        posts.MapPost("/", async (SavePostRequest req, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var post = await PeopleCommands.CreatePostAsync(db, await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/posts/{post.Id}", Dto(post));
        }).WithSummary("新建岗位；tier 为 Leader（领导岗位）、Middle（中层岗位）、Other（其他岗位）").ProducesProblem(400).ProducesProblem(409);
        posts.MapPut("/{id:int}", async (int id, SavePostRequest req, CurrentUser me, AppDbContext db, CancellationToken ct) =>
            Dto(await PeopleCommands.UpdatePostAsync(db, await me.ScopeAsync(ct), id, req, ct))).ProducesProblem(400).ProducesProblem(409);
        posts.MapDelete("/{id:int}", async (int id, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            await PeopleCommands.DeletePostAsync(db, await me.ScopeAsync(ct), id, ct);
            return TypedResults.NoContent();
        }).ProducesProblem(409);

        var people = api.MapGroup("/people").WithTags("人员");
        people.MapGet("/{id:int}", async (int id, CurrentUser me, AppDbContext db, CancellationToken ct) =>
            Dto(await PeopleCommands.LoadPersonAsync(db, await me.ScopeAsync(ct), id, ct))).WithSummary("人员及其任职经历").ProducesProblem(404);
        people.MapPost("/", async (SavePersonRequest req, CurrentUser me, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var person = await PeopleCommands.CreatePersonAsync(db, await me.ScopeAsync(ct), req, time, ct);
            return TypedResults.Created($"/api/v1/people/{person.Id}", Dto(person));
        }).WithSummary("新建人员；postId 为其现任岗位，employeeNumber 为工号（全系统唯一，目录登录据此关联人员）").ProducesProblem(400);
        people.MapPut("/{id:int}",
            async (int id, SavePersonRequest req, CurrentUser me, AppDbContext db, Supervision.WarningSweep sweep, TimeProvider time, CancellationToken ct) =>
            Dto(await PeopleCommands.UpdatePersonAsync(db, await me.ScopeAsync(ct), id, req, sweep, time, ct)))
            .WithSummary("修改人员；换岗时给出新 postId 和任职时间 appointedOn；employeeNumber 不给则不变，给空串则清除").ProducesProblem(400).ProducesProblem(409);
        people.MapDelete("/{id:int}", async (int id, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            await PeopleCommands.DeletePersonAsync(db, await me.ScopeAsync(ct), id, ct);
            return TypedResults.NoContent();
        }).ProducesProblem(409);

        // an org unit's posts and people, under its address
        var units = api.MapGroup("/org-units").WithTags("组织机构");
        units.MapGet("/{id:int}/posts", async (int id, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            await OrgUnitCommands.LoadVisibleAsync(db, await me.ScopeAsync(ct), id, ct);
            return await db.Posts.AsNoTracking().Where(p => p.OrgUnitId == id).OrderBy(p => p.Tier).ThenBy(p => p.Name)
                .Select(PostToDto).ToListAsync(ct);
        }).WithTags("岗位").WithSummary("机构的岗位");

        units.MapGet("/{id:int}/people", async (int id, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            await OrgUnitCommands.LoadVisibleAsync(db, scope, id, ct);
            return await db.People.AsNoTracking().Visible(scope).Where(p => p.OrgUnitId == id).OrderBy(p => p.Name)
                .Select(PersonToDto).ToListAsync(ct);
        }).WithTags("人员").WithSummary("机构的人员");
    }
}
