using Lianfang.Core.Forms;
using Lianfang.Core.Org;
using Lianfang.Core.Reports;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Office;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Forms;

/// <summary>汇总表 of a unit's subtree in a campaign, on screen and as Word, Excel or PDF.</summary>
public sealed class SummaryModel(AppDbContext db, CurrentUser me, RegisterCommands register, ExportForms export, PdfConverter pdf) : PageModel
{
    public int CampaignId { get; private set; }
    public string Campaign { get; private set; } = "";
    public OrgUnit Unit { get; private set; } = null!;
    public Scheme Scheme { get; private set; } = null!;
    public SummaryTable Table { get; private set; } = null!;
    public FormDef Form { get; private set; } = null!;
    public IReadOnlyList<UnitSelect.Option> Units { get; private set; } = [];
    public bool PdfAvailable => pdf.Available;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int campaignId, int? orgUnitId, string? format, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var campaign = await register.LoadCampaignAsync(scope, campaignId, ct);
        // A unit the user cannot see is not found; as a bad reference it would render a page that has nothing to show.
        if (orgUnitId is { } uid && !await db.OrgUnits.InBusinessReach(scope).AnyAsync(u => u.Id == uid, ct)) return NotFound();
        if (format is not null)
        {
            try
            {
                var file = await export.SummaryAsync(scope, orgUnitId, campaignId, format, ct);
                return File(file.Content, file.ContentType, file.FileName);
            }
            catch (PdfUnavailableException e) { Problem = e.Message; Response.StatusCode = 501; }
        }
        CampaignId = campaignId;
        Campaign = campaign.Name;
        (Unit, Scheme, Table) = await export.SummaryTableAsync(scope, orgUnitId, campaignId, ct);
        Form = FormCatalog.Summary(Scheme);
        var root = await db.OrgUnits.Where(u => u.Id == campaign.RootOrgUnitId).Select(u => u.Path).FirstAsync(ct);
        Units = (await UnitSelect.LoadAsync(db, scope, Unit.Id, false, ct)).Units;
        var inCampaign = await db.OrgUnits.Under([root], u => u.Path).Select(u => u.Id).ToListAsync(ct);
        Units = Units.Where(u => inCampaign.Contains(u.Id)).ToList();
        return Page();
    }
}
