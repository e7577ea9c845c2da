using Lianfang.Core.Supervision;

namespace Lianfang.Web.Features.Supervision;

public sealed record InspectionDto(long Id, InspectionType Type, InspectionStatus Status, int OrgUnitId, string OrgUnit, int? PersonId, DateOnly Date,
    string Inspector, string? Subject, string? Record, long[] RiskPointIds);
public sealed record RectificationDto(long Id, long FindingId, string Finding, int OwnerOrgUnitId, string OwnerOrgUnit, string Owner,
    int? OwnerPersonId, string Task, DateOnly Deadline, RectificationStatus Status, bool Overdue, string? Report, string? VerificationComment,
    int Reopened, EvidenceDto[] Evidence);
public sealed record EvidenceDto(long Id, string FileName, long Size, string Sha256, DateTime UploadedAt);

public static class SupervisionApi
{
    public static InspectionDto Dto(Inspection i, string unit) => new(i.Id, i.Type, i.Status, i.OrgUnitId, unit, i.PersonId, i.Date, i.InspectorName,
        i.Subject, i.Record, i.Targets.Select(t => t.RiskPointId).ToArray());

    public static RectificationDto Dto(Rectification r, string unit, DateOnly today) => new(
        r.Id, r.FindingId, r.Finding.Description, r.OwnerOrgUnitId, unit, r.Owner, r.OwnerPersonId,
        r.Task, r.Deadline, r.Status, r.IsOverdue(today), r.Report, r.VerificationComment, r.Reopened,
        r.Evidence.Select(e => new EvidenceDto(e.Id, e.FileName, e.Size, e.Sha256, e.UploadedAt)).ToArray());

    public static void Map(RouteGroupBuilder api)
    {
        var ins = api.MapGroup("/inspections").WithTags("监督检查");
        ins.MapPost("", async (InspectionRequest req, CurrentUser me, SupervisionCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var i = await cmd.CreateAsync(await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/inspections/{i.Id}", new { id = i.Id, status = i.Status });
        }).WithSummary("开展（或计划）监督检查：type 为 Written 书面问询、Talk 个别谈话、SiteVisit 实地走访抽查、Project 立项监督").ProducesProblem(400).ProducesProblem(403);
        ins.MapGet("", async (int? orgUnitId, int? year, InspectionType? type, int? page, int? pageSize,
            CurrentUser me, SupervisionCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var q = cmd.Visible(await me.ScopeAsync(ct));
            if (year is { } y) q = q.Where(i => i.Date >= new DateOnly(y, 1, 1) && i.Date <= new DateOnly(y, 12, 31));
            if (type is { } t) q = q.Where(i => i.Type == t);
            if (orgUnitId is { } u) q = q.Where(i => i.OrgUnitId == u);
            var size = Math.Clamp(pageSize ?? 50, 1, 200);
            var items = await q.OrderByDescending(i => i.Date).ThenByDescending(i => i.Id).Skip((Math.Max(page ?? 1, 1) - 1) * size).Take(size)
                .Select(i => new { i, Unit = i.OrgUnit.Name, Targets = i.Targets.Select(t => t.RiskPointId).ToArray() }).ToListAsync(ct);
            return new Paged<InspectionDto>(await q.CountAsync(ct), items.Select(x => new InspectionDto(x.i.Id, x.i.Type, x.i.Status, x.i.OrgUnitId, x.Unit,
                x.i.PersonId, x.i.Date, x.i.InspectorName, x.i.Subject, x.i.Record, x.Targets)).ToList());
        }).WithSummary("监督检查记录（本人可见范围）");
        ins.MapGet("/{id:long}", async (long id, CurrentUser me, SupervisionCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var i = await cmd.LoadAsync(await me.ScopeAsync(ct), id, ct);
            return Dto(i, await db.OrgUnits.Where(u => u.Id == i.OrgUnitId).Select(u => u.Name).SingleAsync(ct));
        }).ProducesProblem(404);
        ins.MapPost("/{id:long}/start", async (long id, StartRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
            new { id, status = (await cmd.StartAsync(await me.ScopeAsync(ct), id, req, ct)).Status })
            .WithSummary("实施计划中的检查").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        ins.MapPost("/{id:long}/complete", async (long id, RecordRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
            new { id, status = (await cmd.CompleteAsync(await me.ScopeAsync(ct), id, req.Record, ct)).Status })
            .WithSummary("登记书面回复（被问询单位或本人）或立项监督报告（检查人）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        ins.MapPut("/{id:long}", async (long id, CorrectInspectionRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
            {
                var i = await cmd.CorrectAsync(await me.ScopeAsync(ct), id, req, ct);
                return new { id = i.Id, i.Date, i.Subject, i.Record, i.ChangeReason };
            })
            .WithSummary("更正检查记录（检查人）：date、subject、record，reason 必填，更正前后记入审计日志")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        ins.MapPost("/{id:long}/withdraw", async (long id, WithdrawInspectionRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
            {
                var i = await cmd.WithdrawAsync(await me.ScopeAsync(ct), id, req.Reason, ct);
                return new { id = i.Id, withdrawnAt = i.WithdrawnAt, reason = i.ChangeReason };
            })
            .WithSummary("撤销误登记的检查（检查人，尚未登记问题时），reason 必填；撤销后不再计入一岗双责、抽查、谈话等")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        ins.MapPost("/{id:long}/remind", async (long id, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
            {
                await cmd.RemindAsync(await me.ScopeAsync(ct), "inquiry", id, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("催办书面问询（检查人）：通知被问询人（或被问询单位党办），进入其待办并发邮件/推送").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        ins.MapPost("/{id:long}/findings", async (long id, FindingRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
        {
            var f = await cmd.AddFindingAsync(await me.ScopeAsync(ct), id, req, ct);
            return TypedResults.Created($"/api/v1/inspections/{id}", new { id = f.Id });
        }).WithSummary("登记发现的问题，可同时下达整改（责任单位、责任人、要求、期限）").ProducesProblem(400).ProducesProblem(403);

        var rect = api.MapGroup("/rectifications").WithTags("监督检查");
        rect.MapGet("", async (int? orgUnitId, RectificationStatus? status, bool? overdue, int? page, int? pageSize,
            CurrentUser me, SupervisionCommands cmd, TimeProvider time, CancellationToken ct) =>
        {
            var q = cmd.VisibleRectifications(await me.ScopeAsync(ct));
            if (status is { } s) q = q.Where(r => r.Status == s);
            if (orgUnitId is { } u) q = q.Where(r => r.OwnerOrgUnitId == u);
            var today = time.Today();
            if (overdue == true) q = q.Where(r => r.Status != RectificationStatus.Verified && r.Deadline < today);
            var size = Math.Clamp(pageSize ?? 50, 1, 200);
            var rows = await q.OrderBy(r => r.Status).ThenBy(r => r.Deadline).Skip((Math.Max(page ?? 1, 1) - 1) * size).Take(size)
                .Include(r => r.Finding).Include(r => r.Evidence).Select(r => new { r, Unit = r.OwnerOrgUnit.Name }).ToListAsync(ct);
            return new Paged<RectificationDto>(await q.CountAsync(ct), rows.Select(x => Dto(x.r, x.Unit, today)).ToList());
        }).WithSummary("整改任务（可筛选逾期）");
        rect.MapGet("/{id:long}", async (long id, CurrentUser me, SupervisionCommands cmd, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var r = await cmd.LoadRectificationAsync(await me.ScopeAsync(ct), id, ct);
            return Dto(r, await db.OrgUnits.Where(u => u.Id == r.OwnerOrgUnitId).Select(u => u.Name).SingleAsync(ct), time.Today());
        }).ProducesProblem(404);
        rect.MapPost("/{id:long}/evidence", async (long id, IFormFile? file, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
        {
            var e = await cmd.AddEvidenceAsync(await me.ScopeAsync(ct), id, file, ct);
            return TypedResults.Created($"/api/v1/rectifications/{id}/evidence/{e.Id}", new EvidenceDto(e.Id, e.FileName, e.Size, e.Sha256, e.UploadedAt));
        }).DisableAntiforgery().WithSummary($"上传整改佐证材料（{Evidence.Allowed}，≤10 MB），记录 SHA-256").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        rect.MapGet("/{id:long}/evidence/{fileId:long}",
            async (long id, long fileId, CurrentUser me, SupervisionCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var r = await cmd.LoadRectificationAsync(await me.ScopeAsync(ct), id, ct);
            var file = r.Evidence.FirstOrDefault(e => e.Id == fileId) ?? throw DomainException.NotFound("fileId", "文件不存在");
            var bytes = await db.EvidenceBlobs.Where(b => b.Id == fileId).Select(b => b.Bytes).SingleAsync(ct);
            return Results.File(bytes, "application/octet-stream", file.FileName);
        }).WithSummary("下载佐证材料").ProducesProblem(404);
        rect.MapPost("/{id:long}/remind", async (long id, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
            {
                await cmd.RemindAsync(await me.ScopeAsync(ct), "rectification", id, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("催办整改（检查人）：通知整改责任人（未指定人员时为责任单位负责人和党办）").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        rect.MapPost("/{id:long}/submit", async (long id, ReportRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
            new { id, status = (await cmd.SubmitAsync(await me.ScopeAsync(ct), id, req.Report, ct)).Status })
            .WithSummary("报送整改情况（须已上传佐证）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        rect.MapPost("/{id:long}/verify", async (long id, VerifyRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
        {
            var r = await cmd.VerifyAsync(await me.ScopeAsync(ct), id, req, ct);
            return new { id, status = r.Status, reopened = r.Reopened };
        }).WithSummary("验收整改：passed=false 时退回重新整改（须写明原因）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

        api.MapPost("/dispositions", async (DispositionRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
        {
            var d = await cmd.AddDispositionAsync(await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/people/{d.PersonId}/dispositions", new { id = d.Id });
        }).WithTags("监督检查").WithSummary("登记四种形态处置（form 1–4，measure 须为该形态允许的方式），记入本人廉政档案").ProducesProblem(400).ProducesProblem(403);
        api.MapPost("/dispositions/{id:long}/withdraw",
            async (long id, WithdrawInspectionRequest req, CurrentUser me, SupervisionCommands cmd, CancellationToken ct) =>
            {
                var d = await cmd.WithdrawDispositionAsync(await me.ScopeAsync(ct), id, req.Reason, ct);
                return new { id = d.Id, withdrawnAt = d.WithdrawnAt, reason = d.WithdrawReason };
            })
            .WithSummary("撤销误登记的四种形态处置（党办、派驻机构、纪委监委），reason 必填；撤销后不再列入廉政档案，审计日志保留").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/people/{id:int}/dispositions", async (int id, CurrentUser me, AppDbContext db, SupervisionCommands cmd, CancellationToken ct) =>
        {
            _ = await cmd.DispositionSubjectAsync(await me.ScopeAsync(ct), id, ct) ?? throw DomainException.NotFound("id", "人员不存在或不在您的权限范围内");
            return await db.Dispositions.AsNoTracking().Where(d => d.PersonId == id).OrderByDescending(d => d.DecidedOn)
                .Select(d => new { d.Id, d.Form, formName = Disposition.FormLabel(d.Form), d.Measure, d.Reason, d.DecidedOn, d.FindingId, d.RecordedBy })
                .ToListAsync(ct);
        }).WithTags("监督检查").WithSummary("本人的四种形态处置记录（本人、党办、派驻机构、纪委监委可见）");

        api.MapGet("/scorecard", async (int? orgUnitId, int? year, CurrentUser me, Scorecard scorecard, TimeProvider time, CancellationToken ct) =>
            await scorecard.LoadAsync(await me.ScopeAsync(ct), orgUnitId, year ?? time.Today().Year, ct))
            .WithTags("监督检查").WithSummary("一岗双责检查情况：每位责任领导对分管风险点的年度检查次数");
    }
}
