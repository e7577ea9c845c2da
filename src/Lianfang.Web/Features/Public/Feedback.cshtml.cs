using System.ComponentModel.DataAnnotations;
using Lianfang.Core.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Public;

/// <summary>The public feedback form a desk card's QR code opens: what is sent lands as a <see cref="Complaint"/>.</summary>
[AllowAnonymous]
[EnableRateLimiting(Startup.FeedbackRateLimit)]
public sealed class FeedbackModel(AppDbContext db, PublicLists published, Notices.NoticeOutbox notices, TimeProvider time) : PageModel
{
    public sealed class FeedbackInput
    {
        [Display(Name = "反映内容")] public string? Content { get; set; }
        [Display(Name = "姓名")] public string? ContactName { get; set; }
        [Display(Name = "联系方式")] public string? Contact { get; set; }
        public long? RiskPointId { get; set; }
    }

    public sealed record PointOption(long Id, string Description);

    [BindProperty] public FeedbackInput Input { get; set; } = new();
    public int Unit { get; private set; }
    public int? Person { get; private set; }
    public string UnitName { get; private set; } = "";
    public string? PersonName { get; private set; }
    public List<PointOption> Points { get; private set; } = [];
    public bool Received { get; private set; }
    public DateTime ReceivedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unit, int? person, CancellationToken ct) =>
        await LoadAsync(unit, person, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int unit, int? person, CancellationToken ct)
    {
        if (!await LoadAsync(unit, person, ct)) return NotFound();
        if (Input.RiskPointId is { } pid && Points.All(p => p.Id != pid))
            throw new DomainException("riskPointId", "所选风险点不在本次公示范围内");
        var complaint = new Complaint(ComplaintSource.PublicFeedback, Unit, Person, Input.RiskPointId, Input.Content, Input.ContactName, Input.Contact,
            time.UtcNow());
        db.Complaints.Add(complaint);
        var path = await db.OrgUnits.Where(u => u.Id == Unit).Select(u => u.Path).SingleAsync(ct);
        await notices.ToRolesAsync(path, [Core.Access.Role.PartyOffice], "complaint", "信访举报：公示页收到群众反映，待受理分办", "/Complaints?status=New", null, ct);
        await db.SaveChangesAsync(ct);
        notices.Wake();
        (Received, ReceivedAt) = (true, complaint.ReceivedAt);
        return Page();
    }

    /// <summary>Only units (and their people) that have published lists take feedback here; anything else is 404.</summary>
    private async Task<bool> LoadAsync(int unit, int? person, CancellationToken ct)
    {
        var u = await db.OrgUnits.AsNoTracking().Where(x => x.Id == unit).Select(x => new { x.Id, x.Name, x.Path }).FirstOrDefaultAsync(ct);
        if (u is null) return false;
        var lists = published.EverPublished(u.Path);
        if (person is { } p) lists = lists.Where(l => l.HolderPersonId == p);
        if (!await lists.AnyAsync(ct)) return false;
        (Unit, Person, UnitName) = (u.Id, person, u.Name);
        if (person is not null) PersonName = await db.People.Where(x => x.Id == person).Select(x => x.Name).FirstOrDefaultAsync(ct);
        var current = published.Current(u.Path, time.Today());
        if (person is { } holder) current = current.Where(l => l.HolderPersonId == holder);
        Points = await db.RiskPoints.AsNoTracking().Where(x => current.Select(l => l.Id).Contains(x.ListId))
            .OrderBy(x => x.ListId).ThenBy(x => x.Seq).Take(200).Select(x => new PointOption(x.Id, x.Description)).ToListAsync(ct);
        return true;
    }
}
