using Lianfang.Core.Register;
using Lianfang.Web.Features.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.InternalRules;

/// <summary>制度登记: the 制度 units set up or revised in a campaign, which 附件9 counts.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, InternalRuleCommands commands) : PageModel
{
    public IReadOnlyList<Register.IndexModel.CampaignOption> Campaigns { get; private set; } = [];
    public int? CampaignId { get; private set; }
    public UnitSelect Units { get; private set; } = null!;
    public RuleChange? Change { get; private set; }
    public List<InternalRuleDto> Items { get; private set; } = [];
    /// <summary>Units of the campaign where the user may record a 制度.</summary>
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnPostImportAsync(int? campaignId, int? orgUnitId, IFormFile? file, CancellationToken ct)
    {
        await OnGetAsync(campaignId, orgUnitId, null, ct);
        try
        {
            var rules = await commands.ImportAsync(await me.ScopeAsync(ct), campaignId ?? 0, orgUnitId ?? 0, file, false, ct);
            TempData["Message"] = $"已导入 {rules.Count} 项制度";
            return Redirect($"/InternalRules?campaignId={campaignId}&orgUnitId={orgUnitId}");
        }
        catch (ValidationFailedException ex)
        {
            foreach (var e in ex.Errors) ModelState.AddModelError("", e.Row is null ? e.Message : $"{e.Sheet} 第 {e.Row} 行 {e.Column}：{e.Message}");
            return Page();
        }
    }

    public async Task OnGetAsync(int? campaignId, int? orgUnitId, RuleChange? change, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Campaigns = await RegisterQuery.Campaigns(db, scope).OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).Take(100)
            .Select(c => new Register.IndexModel.CampaignOption(c.Id, c.Year, c.Name, c.SchemeCode)).ToListAsync(ct);
        CampaignId = (Campaigns.FirstOrDefault(c => c.Id == campaignId) ?? Campaigns.FirstOrDefault())?.Id;
        Units = await UnitSelect.LoadAsync(db, scope, orgUnitId, true, ct);
        Change = change;
        if (CampaignId is not { } id) return;
        Items = await InternalRulesApi.ListAsync(db, commands, scope, id, orgUnitId, change, ct);
        var paths = await db.OrgUnits.InBusinessReach(scope).Select(u => u.Path).ToListAsync(ct);
        CanEdit = paths.Any(p => InternalRuleCommands.MayEdit(scope, p));
    }
}
