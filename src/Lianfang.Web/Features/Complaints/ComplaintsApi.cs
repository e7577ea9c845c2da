using Lianfang.Core.Access;
using Lianfang.Core.Supervision;

namespace Lianfang.Web.Features.Complaints;

public sealed record ComplaintDto(long Id, ComplaintSource Source, int OrgUnitId, string OrgUnit, int? PersonId, string? Person, long? RiskPointId,
    string Content, string? ContactName, string? Contact, ComplaintStatus Status, DateTime ReceivedAt, int Version);

public static class ComplaintsApi
{
    /// <summary>
    /// Who reads complaints: the party office and principal of the unit, the agency supervising it, the commission
    /// above it — not the people of the unit, whom a complaint may name, and not administrators, who keep accounts and
    /// the tree but must not learn who reported whom (DESIGN §1; docs/user-manual.md 信访举报).
    /// </summary>
    public static readonly Role[] Readers = [Role.PartyOffice, Role.Principal, Role.Agency, Role.Commission];

    public static bool MayRead(AccessScope scope) => scope.Grants.Any(g => Readers.Contains(g.Role));

    public static IQueryable<Complaint> Readable(AppDbContext db, AccessScope scope)
    {
        return db.Complaints.AsNoTracking().Under(scope.PrefixesFor(Readers), c => c.OrgUnit.Path);
    }

    public static IQueryable<ComplaintDto> Dtos(AppDbContext db, IQueryable<Complaint> q) =>
        q.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Select(c => new ComplaintDto(c.Id, c.Source, c.OrgUnitId, c.OrgUnit.Name,
            c.PersonId, db.People.Where(p => p.Id == c.PersonId).Select(p => p.Name).FirstOrDefault(), c.RiskPointId,
            c.Content, c.ContactName, c.Contact, c.Status, c.ReceivedAt, c.Version));

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/complaints", async (int? page, int? pageSize, ComplaintStatus? status, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var q = Readable(db, await me.ScopeAsync(ct));
            if (status is { } s) q = q.Where(c => c.Status == s);
            var size = Math.Clamp(pageSize ?? 50, 1, 200);
            return new Paged<ComplaintDto>(await q.CountAsync(ct),
                await Dtos(db, q).Skip((Math.Max(page ?? 1, 1) - 1) * size).Take(size).ToListAsync(ct));
        }).WithTags("信访举报").WithSummary("信访举报与群众反映（公示桌卡扫码反馈等），本单位党办、主要负责人、派驻机构和纪委监委可见");
}
