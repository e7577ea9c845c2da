using System.Security.Cryptography;
using Lianfang.Core.Access;
using Lianfang.Core.Supervision;

namespace Lianfang.Web.Features.Supervision;

public sealed record InspectionRequest(InspectionType? Type, int? OrgUnitId, int? PersonId, long[]? RiskPointIds, DateOnly? Date, string? Subject,
    string? Record, bool Planned = false);
public sealed record StartRequest(DateOnly? Date, string? Subject, string? Record);
public sealed record CorrectInspectionRequest(DateOnly? Date, string? Subject, string? Record, string? Reason);
public sealed record WithdrawInspectionRequest(string? Reason);
public sealed record RecordRequest(string? Record);
/// <param name="OwnerPersonId">the 整改责任人 as a person of the owner unit; else <paramref name="Owner"/>, matched to one person by name when it can be</param>
public sealed record RectificationInput(int? OwnerOrgUnitId, string? Owner, string? Task, DateOnly? Deadline, int? OwnerPersonId = null);
public sealed record FindingRequest(string? Description, long? RiskPointId, int? PersonId, RectificationInput? Rectification);
public sealed record ReportRequest(string? Report);
public sealed record VerifyRequest(bool Passed, string? Comment);
public sealed record DispositionRequest(int? PersonId, long? FindingId, int? Form, string? Measure, string? Reason, DateOnly? DecidedOn);

/// <summary>Inspections, findings, rectifications, dispositions and complaint handling, with who may do what.</summary>
public sealed class SupervisionCommands(
    AppDbContext db, CurrentUser me, WarningSweep sweep, Schemes.SchemeStore schemes, Notices.NoticeOutbox notices, TimeProvider time)
{
    /// <summary>
    /// Leaders inspect what they are in charge of (一岗双责); the party office, agency and commission supervise. No
    /// administrator: supervision is business content (三员分立).
    /// </summary>
    public static readonly Role[] Inspectors = [Role.DeptHead, Role.LeaderInCharge, Role.Principal, Role.PartyOffice, Role.Agency, Role.Commission];
    /// <summary>Dispositions (四种形态) are decided by the discipline side and recorded by the party office.</summary>
    public static readonly Role[] Disposers = [Role.PartyOffice, Role.Agency, Role.Commission];
    public const long MaxEvidenceBytes = 10 * 1024 * 1024;

    /// <summary>Whether the user inspects or supervises anywhere (menu entries, warnings in the inbox).</summary>
    public static bool Inspects(AccessScope scope) => scope.Grants.Any(g => Inspectors.Contains(g.Role));

    /// <summary>Inspections the user may see: where they inspect or supervise, and those that asked them personally.</summary>
    public IQueryable<Inspection> Visible(AccessScope scope)
    {
        var prefixes = scope.PrefixesFor(Inspectors);
        var mine = db.Inspections.AsNoTracking().Under(prefixes, i => i.OrgUnit.Path);
        return scope.PersonId is { } pid ? mine.Union(db.Inspections.AsNoTracking().Where(i => i.PersonId == pid)) : mine;
    }

    public IQueryable<Rectification> VisibleRectifications(AccessScope scope)
    {
        var prefixes = scope.PrefixesFor(Inspectors);
        var units = db.OrgUnits.Under(prefixes, u => u.Path).Select(u => u.Id);
        var me = scope.PersonId;
        // the 整改责任人 sees their own task, whatever their role
        return db.Rectifications.AsNoTracking()
            .Where(r => units.Contains(r.OwnerOrgUnitId) || units.Contains(r.Finding.OrgUnitId) || (me != null && r.OwnerPersonId == me));
    }

    public async Task<Inspection> CreateAsync(AccessScope scope, InspectionRequest req, CancellationToken ct)
    {
        var type = req.Type ?? throw new DomainException("type", "请选择检查方式（书面问询、个别谈话、实地走访抽查、立项监督）");
        var pointIds = (req.RiskPointIds ?? []).Distinct().ToList();
        var points = await db.RiskPoints.AsNoTracking().Visible(scope).Where(p => pointIds.Contains(p.Id))
            .Select(p => new { p.Id, p.OrgUnitId, Path = p.OrgUnit.Path }).ToListAsync(ct);
        var needsPlan = await NeedsPlanAsync(pointIds, ct);
        if (points.Count != pointIds.Count) throw new DomainException("riskPointIds", "所选风险点不存在或不在您的权限范围内");
        var unitId = req.OrgUnitId ?? points.FirstOrDefault()?.OrgUnitId ?? req.PersonId switch
        {
            { } pid => await db.People.Where(p => p.Id == pid).Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct),
            _ => null,
        } ?? throw new DomainException("orgUnitId", "请指定被检查的单位、人员或风险点");
        var unit = await db.OrgUnits.AsNoTracking().Visible(scope).Where(u => u.Id == unitId).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("orgUnitId", "被检查单位不存在或不在您的权限范围内");
        if (!CanInspect(scope, unit.Path)) throw DomainException.Forbidden("只有领导干部、党办、派驻机构和纪委监委可以开展监督检查");
        if (points.Any(p => !Core.Org.OrgPath.IsAncestorOrSelf(unit.Path, p.Path)))
            throw new DomainException("riskPointIds", "所选风险点须属于被检查单位");
        if (req.PersonId is { } person && !await db.People.Visible(scope).AnyAsync(p => p.Id == person, ct))
            throw new DomainException("personId", "被检查人员不存在或不在您的权限范围内");
        var (personId, name) = await InspectorAsync(ct);
        var inspection = new Inspection(type, unit.Id, req.PersonId, req.Date ?? time.Today(), scope.UserId, personId, name,
            req.Subject, req.Record, req.Planned, time.Today(), time.UtcNow());
        if (needsPlan is { } rule && inspection.Status != InspectionStatus.Planned) Inspection.EnsurePlan(inspection.Subject, rule);
        inspection.Targets.AddRange(pointIds.Select(id => new InspectionTarget(id)));
        db.Inspections.Add(inspection);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await NotifyInquiryAsync(inspection, unit.Path, "书面问询：请书面答复", ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        notices.Wake();
        await sweep.RunAsync([WarningRules.LeaderInspectionsShort, WarningRules.ImportantWithoutProject, WarningRules.SpotCheckDue,
            WarningRules.PointUnsupervised], ct);
        return inspection;
    }

    /// <summary>An open 书面问询 waits for the person asked, or for the unit's party office when it asks the unit.</summary>
    private async Task NotifyInquiryAsync(Inspection i, string unitPath, string title, CancellationToken ct)
    {
        if (i.Type != InspectionType.Written || i.Status != InspectionStatus.Open) return;
        var link = $"/Supervision/Inspection?id={i.Id}";
        if (i.PersonId is { } p) await notices.ToPeopleAsync([p], unitPath, "inquiry", title, link, i.InspectorName, ct);
        else await notices.ToRolesAsync(unitPath, [Role.PartyOffice], "inquiry", title, link, i.InspectorName, ct);
    }

    /// <summary>
    /// 催办: the inspector reminds whoever must act — the owner of an open 整改 task, or the person (else the unit's party
    /// office) asked in a 书面问询 not yet answered.
    /// </summary>
    public async Task RemindAsync(AccessScope scope, string kind, long id, CancellationToken ct)
    {
        var (_, name) = await InspectorAsync(ct);
        if (kind == "rectification")
        {
            var r = await LoadRectificationAsync(scope, id, ct);
            var inspection = await db.Findings.AsNoTracking().Where(f => f.Id == r.FindingId).Select(f => f.Inspection).SingleAsync(ct);
            if (!MayRun(scope, inspection, await db.OrgUnits.Where(u => u.Id == inspection.OrgUnitId).Select(u => u.Path).SingleAsync(ct)))
                throw DomainException.Forbidden("只有检查人可以催办整改");
            if (r.Status != RectificationStatus.Open) throw DomainException.Conflict("status", $"整改当前状态为“{Rectification.Label(r.Status)}”，无需催办");
            var link = $"/Supervision/Rectification?id={r.Id}";
            var title = $"催办：整改“{r.Task}”（期限 {r.Deadline:yyyy-MM-dd}）";
            var ownerPath = await db.OrgUnits.Where(u => u.Id == r.OwnerOrgUnitId).Select(u => u.Path).SingleAsync(ct);
            if (r.OwnerPersonId is { } owner) await notices.ToPeopleAsync([owner], ownerPath, "reminder", title, link, name, ct);
            else await notices.ToRolesAsync(ownerPath, [Role.DeptHead, Role.PartyOffice], "reminder", title, link, name, ct);
        }
        else if (kind == "inquiry")
        {
            var i = await LoadForInspectorAsync(scope, id, ct);
            if (i.Type != InspectionType.Written || i.Status != InspectionStatus.Open) throw DomainException.Conflict("status", "只有待答复的书面问询可以催办");
            await NotifyInquiryAsync(i, await db.OrgUnits.Where(u => u.Id == i.OrgUnitId).Select(u => u.Path).SingleAsync(ct),
                $"催办：书面问询“{i.Subject}”请尽快答复", ct);
        }
        else throw new DomainException("kind", "可催办 rectification（整改）或 inquiry（书面问询）");
        await db.SaveChangesAsync(ct);
        notices.Wake();
    }

    /// <summary>
    /// InspectionReport (000): an inspection of a point of the levels the rule names (重要) has a plan (监督检查方案) before
    /// it is carried out; its record is the report. Returns the rule's wording when it applies.
    /// </summary>
    private async Task<string?> NeedsPlanAsync(IReadOnlyCollection<long> pointIds, CancellationToken ct)
    {
        if (pointIds.Count == 0) return null;
        var points = await db.RiskPoints.AsNoTracking().Where(p => pointIds.Contains(p.Id))
            .Select(p => new { p.List.SchemeCode, Level = p.ApprovedLevelCode ?? p.LevelCode }).Distinct().ToListAsync(ct);
        foreach (var p in points)
            if (await schemes.FindAsync(p.SchemeCode, ct) is { } scheme
                && Core.Schemes.RuleKinds.RuleList(scheme, Core.Schemes.RuleKinds.InspectionReport, "levels").Contains(p.Level))
                return $"{scheme.Level(p.Level)?.Name ?? p.Level}风险点";
        return null;
    }

    public async Task<Inspection> StartAsync(AccessScope scope, long id, StartRequest req, CancellationToken ct)
    {
        var i = await LoadForInspectorAsync(scope, id, ct);
        var needsPlan = await NeedsPlanAsync(await db.InspectionTargets.Where(t => t.InspectionId == id).Select(t => t.RiskPointId).ToListAsync(ct), ct);
        i.Start(req.Date ?? time.Today(), req.Subject, req.Record, time.Today(), time.UtcNow());
        if (needsPlan is { } rule) Inspection.EnsurePlan(i.Subject, rule);
        await NotifyInquiryAsync(i, await db.OrgUnits.Where(u => u.Id == i.OrgUnitId).Select(u => u.Path).SingleAsync(ct), "书面问询：请书面答复", ct);
        await db.SaveChangesAsync(ct);
        notices.Wake();
        await sweep.RunAsync([WarningRules.SpotCheckDue, WarningRules.PointUnsupervised], ct);
        return i;
    }

    /// <summary>The inspector corrects what was recorded (date, 检查事项, record), saying why; the audit trail keeps before and after.</summary>
    public async Task<Inspection> CorrectAsync(AccessScope scope, long id, CorrectInspectionRequest req, CancellationToken ct)
    {
        var i = await LoadForInspectorAsync(scope, id, ct);
        i.Correct(req.Date ?? i.Date, req.Subject ?? i.Subject, req.Record ?? i.Record, req.Reason, time.Today());
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([WarningRules.LeaderInspectionsShort, WarningRules.SpotCheckDue, WarningRules.PointUnsupervised], ct);
        return i;
    }

    /// <summary>The inspector withdraws an inspection recorded by mistake (none of its findings set for rectification).</summary>
    public async Task<Inspection> WithdrawAsync(AccessScope scope, long id, string? reason, CancellationToken ct)
    {
        var i = await LoadForInspectorAsync(scope, id, ct);
        i.Withdraw(await me.DisplayNameAsync(ct), reason, await db.Findings.AnyAsync(f => f.InspectionId == id, ct), time.UtcNow());
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([WarningRules.LeaderInspectionsShort, WarningRules.ImportantWithoutProject, WarningRules.SpotCheckDue,
            WarningRules.PointUnsupervised, WarningRules.IntegrityTalkDue, WarningRules.FollowUpDue], ct);
        return i;
    }

    /// <summary>The written reply (by the unit or person asked) or the 立项监督 report (by the inspector).</summary>
    public async Task<Inspection> CompleteAsync(AccessScope scope, long id, string? record, CancellationToken ct)
    {
        var i = await LoadAsync(scope, id, ct);
        var path = await db.OrgUnits.Where(u => u.Id == i.OrgUnitId).Select(u => u.Path).SingleAsync(ct);
        if (!MayComplete(scope, i, path)) throw DomainException.Forbidden(i.Type == InspectionType.Written ? "书面回复由被问询的单位或本人填写" : "只有检查人可以登记检查结果");
        i.Complete(record, time.UtcNow());
        await db.SaveChangesAsync(ct);
        return i;
    }

    public async Task<Finding> AddFindingAsync(AccessScope scope, long inspectionId, FindingRequest req, CancellationToken ct)
    {
        var i = await LoadForInspectorAsync(scope, inspectionId, ct);
        if (req.RiskPointId is { } rp)
        {
            var unitPath = await db.OrgUnits.Where(u => u.Id == i.OrgUnitId).Select(u => u.Path).SingleAsync(ct);
            var pointPath = await db.RiskPoints.Where(p => p.Id == rp).Select(p => p.OrgUnit.Path).FirstOrDefaultAsync(ct);
            if (pointPath is null || !Core.Org.OrgPath.IsAncestorOrSelf(unitPath, pointPath)) throw new DomainException("riskPointId", "风险点须属于被检查单位");
        }
        var finding = new Finding(i, req.Description, req.RiskPointId, req.PersonId ?? i.PersonId, time.UtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Findings.Add(finding);
        await db.SaveChangesAsync(ct);
        if (req.Rectification is { } r)
        {
            var owner = r.OwnerOrgUnitId ?? i.OrgUnitId;
            var ownerPath = await db.OrgUnits.Visible(scope).Where(u => u.Id == owner).Select(u => u.Path).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("rectification.ownerOrgUnitId", "整改责任单位不在您的权限范围内");
            var (personId, ownerName) = await OwnerAsync(ownerPath, r, ct);
            var rectification = new Rectification(finding, owner, ownerName, r.Task,
                r.Deadline ?? throw new DomainException("deadline", "请填写整改期限"), time.Today(), personId);
            db.Rectifications.Add(rectification);
            await db.SaveChangesAsync(ct);
            var title = $"整改任务：{rectification.Task}（期限 {rectification.Deadline:yyyy-MM-dd}）";
            if (personId is { } p)
                await notices.ToPeopleAsync([p], ownerPath, "rectification", title, $"/Supervision/Rectification?id={rectification.Id}", i.InspectorName, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        notices.Wake();
        await sweep.RunAsync([WarningRules.RectificationOverdue, WarningRules.RectificationDueSoon], ct);
        return finding;
    }

    /// <summary>The 整改责任人 is a person of the owner unit: the one chosen, else the one person of the unit bearing the name typed.
    /// A name that matches nobody, or several, is refused: work must reach someone who can find it in 我的待办.</summary>
    private async Task<(int? PersonId, string? Name)> OwnerAsync(string ownerPath, RectificationInput r, CancellationToken ct)
    {
        var (lo, hi) = Core.Org.OrgPath.SubtreeBounds(ownerPath);
        var people = db.People.AsNoTracking().Where(p => string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0);
        if (r.OwnerPersonId is { } id)
            return (id, await people.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("rectification.ownerPersonId", "整改责任人须是整改责任单位的人员"));
        var name = r.Owner?.Trim();
        if (string.IsNullOrEmpty(name)) throw new DomainException("rectification.ownerPersonId", "请选择整改责任人");
        var named = await people.Where(p => p.Name == name).Select(p => p.Id).OrderBy(id => id).Take(2).ToListAsync(ct);
        return named.Count switch
        {
            1 => (named[0], name),
            0 => throw new DomainException("rectification.owner", $"整改责任单位没有名为“{name}”的人员，请从人员名单中选择整改责任人"),
            _ => throw new DomainException("rectification.owner", $"整改责任单位有多名“{name}”，请从人员名单中选择整改责任人"),
        };
    }

    public async Task<EvidenceFile> AddEvidenceAsync(AccessScope scope, long rectificationId, IFormFile? file, CancellationToken ct)
    {
        var r = await LoadRectificationAsync(scope, rectificationId, ct);
        await EnsureOwnerAsync(scope, r, ct);
        if (r.Status != RectificationStatus.Open) throw DomainException.Conflict("status", $"整改当前状态为“{Rectification.Label(r.Status)}”，不能再上传材料");
        var bytes = await Evidence.ReadAsync(file, MaxEvidenceBytes, ct);
        var e = new EvidenceFile(Path.GetFileName(file!.FileName), bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), scope.UserId, time.UtcNow());
        r.Evidence.Add(e);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.EvidenceBlobs.Add(new EvidenceBlob { Id = e.Id, Bytes = bytes });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return e;
    }

    public async Task<Rectification> SubmitAsync(AccessScope scope, long id, string? report, CancellationToken ct)
    {
        var r = await LoadRectificationAsync(scope, id, ct);
        await EnsureOwnerAsync(scope, r, ct);
        r.Submit(report, time.UtcNow());
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([WarningRules.RectificationOverdue, WarningRules.RectificationDueSoon], ct);
        return r;
    }

    /// <summary>The inspector who found it (or the agency/commission above) checks the fix.</summary>
    public async Task<Rectification> VerifyAsync(AccessScope scope, long id, VerifyRequest req, CancellationToken ct)
    {
        var r = await LoadRectificationAsync(scope, id, ct);
        var inspection = await db.Inspections.AsNoTracking()
            .Where(i => i.Id == r.Finding.InspectionId)
            .Select(i => new { i.InspectorUserId, i.OrgUnit.Path })
            .SingleAsync(ct);
        if (!MayVerify(scope, inspection.InspectorUserId, inspection.Path)) throw DomainException.Forbidden("整改由发现问题的检查人或派驻机构、纪委监委验收");
        r.Verify(req.Passed, req.Comment, await DisplayNameAsync(ct), time.UtcNow());
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([WarningRules.RectificationOverdue, WarningRules.RectificationDueSoon], ct);
        return r;
    }

    public async Task<Disposition> AddDispositionAsync(AccessScope scope, DispositionRequest req, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Visible(scope)
            .Where(p => p.Id == req.PersonId)
            .Select(p => new { p.Id, p.OrgUnit.Path })
            .FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("personId", "人员不存在或不在您的权限范围内");
        if (!MayDispose(scope, person.Path)) throw DomainException.Forbidden("四种形态处置由党办、派驻机构或纪委监委登记");
        if (req.FindingId is { } fid && !await db.Findings.AnyAsync(f => f.Id == fid && f.PersonId == person.Id, ct))
            throw new DomainException("findingId", "所选问题不是关于该人员的");
        var d = new Disposition(person.Id, req.FindingId, req.Form ?? 0, req.Measure, req.Reason, req.DecidedOn ?? time.Today(),
            await DisplayNameAsync(ct), time.Today(), time.UtcNow());
        db.Dispositions.Add(d);
        await db.SaveChangesAsync(ct);
        return d;
    }

    /// <summary>Whoever may record dispositions for the person withdraws one recorded by mistake, saying why.</summary>
    public async Task<Disposition> WithdrawDispositionAsync(AccessScope scope, long id, string? reason, CancellationToken ct)
    {
        var d = await db.Dispositions.FirstOrDefaultAsync(x => x.Id == id, ct);
        var path = d is null ? null : await db.People.Visible(scope).Where(p => p.Id == d.PersonId).Select(p => p.OrgUnit.Path).FirstOrDefaultAsync(ct);
        if (d is null || path is null || !MayDispose(scope, path)) throw DomainException.NotFound("id", "处置记录不存在或不在您的权限范围内");
        d.Withdraw(await DisplayNameAsync(ct), reason, time.UtcNow());
        await db.SaveChangesAsync(ct);
        return d;
    }

    public sealed record DispositionSubject(int Id, string Name, bool CanRecord);

    /// <summary>Whose disposition record the user may open: their own, or anyone's where they record dispositions.</summary>
    public async Task<DispositionSubject?> DispositionSubjectAsync(AccessScope scope, int personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Visible(scope)
            .Where(p => p.Id == personId)
            .Select(p => new { p.Id, p.Name, p.OrgUnit.Path })
            .FirstOrDefaultAsync(ct);
        if (person is null) return null;
        var canRecord = MayDispose(scope, person.Path);
        return canRecord || scope.PersonId == personId ? new DispositionSubject(person.Id, person.Name, canRecord) : null;
    }

    public async Task<Inspection> LoadAsync(AccessScope scope, long id, CancellationToken ct)
    {
        var found = await Visible(scope).AnyAsync(i => i.Id == id, ct);
        if (!found) throw DomainException.NotFound("id", "检查记录不存在或不在您的权限范围内");
        return await db.Inspections.Include(i => i.Targets).SingleAsync(i => i.Id == id, ct);
    }

    private async Task<Inspection> LoadForInspectorAsync(AccessScope scope, long id, CancellationToken ct)
    {
        var i = await LoadAsync(scope, id, ct);
        var path = await db.OrgUnits.Where(u => u.Id == i.OrgUnitId).Select(u => u.Path).SingleAsync(ct);
        if (!MayRun(scope, i, path)) throw DomainException.Forbidden("只有检查人或派驻机构、纪委监委可以办理");
        return i;
    }

    public async Task<Rectification> LoadRectificationAsync(AccessScope scope, long id, CancellationToken ct)
    {
        if (!await VisibleRectifications(scope).AnyAsync(r => r.Id == id, ct)) throw DomainException.NotFound("id", "整改任务不存在或不在您的权限范围内");
        return await db.Rectifications.Include(r => r.Finding).Include(r => r.Evidence).SingleAsync(r => r.Id == id, ct);
    }

    /// <summary>The owner unit's head, party office or principal reports on the rectification.</summary>
    private async Task EnsureOwnerAsync(AccessScope scope, Rectification r, CancellationToken ct)
    {
        var path = await db.OrgUnits.Where(u => u.Id == r.OwnerOrgUnitId).Select(u => u.Path).SingleAsync(ct);
        if (!MayReport(scope, path) && (r.OwnerPersonId is null || scope.PersonId != r.OwnerPersonId))
            throw DomainException.Forbidden("整改情况由整改责任人或责任单位（处室负责人、党办或主要负责人）报送");
    }

    public static bool MayReport(AccessScope scope, string ownerPath) => scope.HasRoleOver(ownerPath, Role.DeptHead, Role.PartyOffice, Role.Principal);

    public static bool MayVerify(AccessScope scope, int inspectorUserId, string inspectionPath) =>
        inspectorUserId == scope.UserId || scope.HasRoleOver(inspectionPath, Role.Agency, Role.Commission);

    public static bool CanInspect(AccessScope scope, string path) => scope.HasRoleOver(path, Inspectors);
    /// <summary>The inspector, or the agency or commission above the unit, carries the inspection on (starts it, records findings).</summary>
    public static bool MayRun(AccessScope scope, Inspection i, string unitPath) =>
        i.InspectorUserId == scope.UserId || scope.HasRoleOver(unitPath, Role.Agency, Role.Commission);

    /// <summary>A written inquiry is answered by the person asked (or the unit); a 立项监督 report comes from whoever runs it.</summary>
    public static bool MayComplete(AccessScope scope, Inspection i, string unitPath) => i.Type == InspectionType.Written
        ? i.PersonId is { } p ? scope.PersonId == p : scope.HasRoleOver(unitPath, Role.DeptHead, Role.PartyOffice, Role.Principal)
        : MayRun(scope, i, unitPath);

    public static bool MayDispose(AccessScope scope, string path) => scope.HasRoleOver(path, Disposers);

    private async Task<(int? PersonId, string Name)> InspectorAsync(CancellationToken ct)
    {
        var id = me.UserId ?? 0;
        var u = await db.Users.Where(x => x.Id == id).Select(x => new { x.PersonId, x.DisplayName, x.UserName,
            Person = db.People.Where(p => p.Id == x.PersonId).Select(p => p.Name).FirstOrDefault() }).SingleAsync(ct);
        return (u.PersonId, u.Person ?? u.DisplayName ?? u.UserName!);
    }

    private async Task<string> DisplayNameAsync(CancellationToken ct) => (await InspectorAsync(ct)).Name;
}
