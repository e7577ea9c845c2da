using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Supervision;

public sealed class RectificationModel(AppDbContext db, CurrentUser me, SupervisionCommands commands, TimeProvider time) : PageModel
{
    public RectificationDto Item { get; private set; } = null!;
    public long InspectionId { get; private set; }
    public bool IsOwner { get; private set; }
    public bool IsVerifier { get; private set; }

    public Task OnGetAsync(long id, CancellationToken ct) => LoadAsync(id, ct);

    public async Task<IActionResult> OnGetFileAsync(long id, long fileId, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var file = Item.Evidence.FirstOrDefault(e => e.Id == fileId);
        if (file is null) return NotFound();
        var bytes = await db.EvidenceBlobs.Where(b => b.Id == fileId).Select(b => b.Bytes).SingleAsync(ct);
        return File(bytes, "application/octet-stream", file.FileName);
    }

    public async Task<IActionResult> OnPostUploadAsync(long id, IFormFile? file, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var e = await commands.AddEvidenceAsync(await me.ScopeAsync(ct), id, file, ct);
        TempData["Message"] = $"已上传“{e.FileName}”";
        return Redirect($"/Supervision/Rectification?id={id}");
    }

    public async Task<IActionResult> OnPostSubmitAsync(long id, string? report, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await commands.SubmitAsync(await me.ScopeAsync(ct), id, report, ct);
        TempData["Message"] = "整改情况已报送，等待验收";
        return Redirect($"/Supervision/Rectification?id={id}");
    }

    public async Task<IActionResult> OnPostVerifyAsync(long id, bool passed, string? comment, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await commands.VerifyAsync(await me.ScopeAsync(ct), id, new VerifyRequest(passed, comment), ct);
        TempData["Message"] = passed ? "整改已验收" : "验收未通过，已退回整改";
        return Redirect($"/Supervision/Rectification?id={id}");
    }

    private async Task LoadAsync(long id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var r = await commands.LoadRectificationAsync(scope, id, ct);
        var owner = await db.OrgUnits.AsNoTracking().Where(u => u.Id == r.OwnerOrgUnitId).Select(u => new { u.Name, u.Path }).SingleAsync(ct);
        Item = SupervisionApi.Dto(r, owner.Name, time.Today());
        var inspection = await db.Inspections.AsNoTracking()
            .Where(i => i.Id == r.Finding.InspectionId)
            .Select(i => new { i.Id, i.InspectorUserId, i.OrgUnit.Path })
            .SingleAsync(ct);
        InspectionId = inspection.Id;
        IsOwner = SupervisionCommands.MayReport(scope, owner.Path) || (r.OwnerPersonId is { } p && p == scope.PersonId);
        IsVerifier = SupervisionCommands.MayVerify(scope, inspection.InspectorUserId, inspection.Path);
    }
}
