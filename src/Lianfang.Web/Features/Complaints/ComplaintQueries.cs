using Lianfang.Core.Access;
using Lianfang.Core.Supervision;

namespace Lianfang.Web.Features.Complaints;

/// <summary>Who reads complaints and the complaints they read, for the API, the page and the menu.</summary>
public static class ComplaintQueries
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
}
