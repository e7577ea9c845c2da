using Lianfang.Core.Access;
using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Notices;
using Lianfang.Web.Features.Supervision;

namespace Lianfang.Web.Features.Complaints;

public sealed record PetitionRequest(int? OrgUnitId, int? PersonId, long? RiskPointId, string? Content, string? ContactName, string? Contact);
public sealed record TriageRequest(ComplaintStatus? Status, string? Note, int? Version = null);

/// <summary>信访举报 registered by the party office, agency or commission, and their triage; shared by the API and the page.</summary>
public sealed class ComplaintCommands(AppDbContext db, WarningSweep sweep, NoticeOutbox notices, TimeProvider time)
{
    public async Task<Complaint> AddPetitionAsync(AccessScope scope, PetitionRequest req, CancellationToken ct)
    {
        var unit = await db.OrgUnits.AsNoTracking().Visible(scope).Where(u => u.Id == req.OrgUnitId).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
        if (!scope.HasRoleOver(unit.Path, ComplaintQueries.Readers)) throw DomainException.Forbidden("信访举报由党办、派驻机构或纪委监委登记");
        var c = new Complaint(ComplaintSource.Petition, unit.Id, req.PersonId, req.RiskPointId, req.Content, req.ContactName, req.Contact, time.UtcNow());
        db.Complaints.Add(c);
        await notices.ToRolesAsync(unit.Path, [Role.PartyOffice], "complaint", "信访举报：新的信访件待受理分办", "/Complaints?status=New", null, ct);
        await db.SaveChangesAsync(ct);
        notices.Wake();
        await sweep.RunAsync([WarningRules.ComplaintsConcentrated], ct);
        return c;
    }

    public async Task<Complaint> TriageAsync(AccessScope scope, long id, TriageRequest req, CancellationToken ct)
    {
        var c = await ComplaintQueries.Readable(db, scope).AsTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw DomainException.NotFound("id", "信访件不存在或不在您的权限范围内");
        db.ExpectVersion(c, req.Version);
        c.Triage(req.Status ?? throw new DomainException("status", "请选择处理状态"), req.Note);
        await db.SaveChangesAsync(ct);
        return c;
    }
}
