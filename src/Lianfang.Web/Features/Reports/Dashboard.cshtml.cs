using System.Text.Json;
using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Campaigns;
using Lianfang.Web.Features.Forms;
using Lianfang.Web.Features.Supervision;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Reports;

/// <summary>驾驶舱: a campaign over the caller's scope at a glance — progress by unit, category × level, warnings, filings, rectifications.</summary>
public sealed class DashboardModel(AppDbContext db, CurrentUser me, Register.RegisterCommands register, CampaignProgress progress, ExportForms export,
    SupervisionCommands supervision, Inbox.InboxQueries inbox, Schemes.SchemeStore schemes, Office.OfficeRenderer renderer, ReadCache cache,
    TimeProvider time) : PageModel
{
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetCompareAsync(int campaignId, CancellationToken ct)
    {
        var f = await ReportsApi.CompareAsync(db, export, renderer, schemes, await me.ScopeAsync(ct), null, campaignId, "xlsx", ct);
        return File(f.Content, f.ContentType, f.FileName);
    }

    public sealed record Option(int Id, string Label);

    public List<Option> Campaigns { get; private set; } = [];
    public int? CampaignId { get; private set; }
    public string? Title { get; private set; }
    public int Lists { get; private set; }
    public int Done { get; private set; }
    public int Points { get; private set; }
    public int Filings { get; private set; }
    public int Overdue { get; private set; }
    public int ActiveWarnings { get; private set; }
    public int? MyPoints { get; private set; }
    public int? MyInspections { get; private set; }
    public int MyTasks { get; private set; }
    /// <summary>The latest annual grade of each unit on the board (the tiles of the 考核 map).</summary>
    public List<(string Unit, string? Grade, int? Year)> Grades { get; private set; } = [];
    /// <summary>The chart data, as JSON in a non-executed script element the dashboard script reads (CSP allows no inline script).</summary>
    public string Data { get; private set; } = "{}";

    public async Task OnGetAsync(int? campaignId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Campaigns = await Register.RegisterQuery.Campaigns(db, scope).OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).Take(50)
            .Select(c => new Option(c.Id, c.Year + " · " + c.Name)).ToListAsync(ct);
        MyTasks = (await inbox.LoadAsync(scope, ct)).Count;
        if (scope.PersonId is { } pid)
        {
            MyPoints = await db.RiskPoints.CountAsync(p => p.List.HolderPersonId == pid, ct);
            MyInspections = await db.Inspections.CountAsync(i => i.PersonId == pid, ct);
        }
        CampaignId = campaignId ?? Campaigns.FirstOrDefault()?.Id;
        var today = time.Today();
        Overdue = await supervision.VisibleRectifications(scope).CountAsync(r => r.Status != RectificationStatus.Verified && r.Deadline < today, ct);
        var warnings = await Warnings.WarningQueries.Visible(db, scope).Where(w => w.ClearedAt == null).GroupBy(w => w.Rule)
            .Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        ActiveWarnings = warnings.Sum(w => w.N);
        if (CampaignId is not { } id) return;

        var campaign = await register.LoadCampaignAsync(scope, id, ct);
        Title = campaign.Name;
        var board = await progress.LoadAsync(scope, campaign, ct);
        (Lists, Done) = (board.Total, board.Done);
        Filings = await Features.Filings.FilingQueries.Query(db, scope, null, id).CountAsync(ct);
        var unitIds = board.Units.Select(u => u.OrgUnitId).ToList();
        var latest = (await db.Assessments.AsNoTracking().Where(a => unitIds.Contains(a.OrgUnitId) && a.Kind == Core.Assessments.AssessmentKind.Annual)
                .Select(a => new { a.OrgUnitId, a.Year, a.Grade, a.AssessedAt }).ToListAsync(ct))
            .GroupBy(a => a.OrgUnitId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Year).ThenByDescending(a => a.AssessedAt).First());
        Grades = board.Units.Select(u => (u.Unit, latest.GetValueOrDefault(u.OrgUnitId)?.Grade, latest.GetValueOrDefault(u.OrgUnitId)?.Year)).ToList();
        // The campaign's 汇总表 when the user reads its root; else the points they read (a staff member's own), by category × level.
        var cells = await db.OrgUnits.InBusinessReach(scope).AnyAsync(u => u.Id == campaign.RootOrgUnitId, ct)
            ? (await ReportsApi.SummaryAsync(db, export, scope, null, id, ct)).ByCategoryAndLevel
            : await (await Register.RegisterQuery.PointsAsync(db, cache, scope, new(CampaignId: id), null, ct))
                .GroupBy(p => new { p.CategoryCode, Level = p.ApprovedLevelCode ?? p.LevelCode })
                .Select(g => new CellCount(g.Key.CategoryCode, g.Key.Level, g.Count())).ToListAsync(ct);
        Points = cells.Sum(c => c.Count);
        var scheme = await schemes.GetAsync(campaign.SchemeCode, ct);
        Data = JsonSerializer.Serialize(new
        {
            units = board.Units.Select(u => u.Unit),
            status = new[]
            {
                new { name = "填写中", data = board.Units.Select(u => u.Draft + u.Returned) },
                new { name = "审核中", data = board.Units.Select(u => u.InReview) },
                new { name = "已审定", data = board.Units.Select(u => u.Approved + u.Published) },
            },
            categories = scheme.Categories.Select(c => c.Name),
            levels = scheme.Levels.OrderBy(l => l.Rank).Select(l => l.Name),
            heat = cells.Where(c => c.Count > 0).Select(c => new[]
            {
                scheme.Levels.OrderBy(l => l.Rank).ToList().FindIndex(l => l.Code == c.LevelCode),
                scheme.Categories.ToList().FindIndex(x => x.Code == c.CategoryCode), c.Count,
            }),
            warnings = warnings.Select(w => new { name = WarningRules.Label(w.Key), value = w.N }),
        });
    }
}
