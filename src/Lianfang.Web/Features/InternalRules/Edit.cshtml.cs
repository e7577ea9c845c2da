using Lianfang.Core.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.InternalRules;

public sealed class EditModel(AppDbContext db, CurrentUser me, InternalRuleCommands commands) : PageModel
{
    public sealed class RuleInput
    {
        public int? OrgUnitId { get; set; }
        public string? Name { get; set; }
        public RuleChange? Change { get; set; } = RuleChange.New;
        public DateOnly? AdoptedOn { get; set; }
        public string? DocumentNumber { get; set; }
        public string? Remarks { get; set; }
        public List<long> RiskPointIds { get; set; } = [];
        public int? Version { get; set; }
    }

    public sealed record PointOption(long Id, string Unit, string Description, string Level);

    [BindProperty] public RuleInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public int CampaignId { get; private set; }
    public string Campaign { get; private set; } = "";
    /// <summary>Units of the campaign where the user may record a 制度.</summary>
    public List<UnitSelect.Option> Units { get; private set; } = [];
    /// <summary>The campaign's points the user can read, to tick the ones the 制度 answers.</summary>
    public List<PointOption> Points { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? campaignId, int? orgUnitId, CancellationToken ct)
    {
        Id = id;
        if (id is { } rid)
        {
            var r = await commands.LoadAsync(await me.ScopeAsync(ct), rid, ct);
            Input = new RuleInput
            {
                OrgUnitId = r.OrgUnitId, Name = r.Name, Change = r.Change, AdoptedOn = r.AdoptedOn, DocumentNumber = r.DocumentNumber,
                Remarks = r.Remarks, RiskPointIds = [.. r.Points.Select(p => p.RiskPointId)], Version = r.Version,
            };
            campaignId = r.CampaignId;
        }
        else Input.OrgUnitId = orgUnitId;
        if (campaignId is not { } cid) return NotFound();
        await LoadAsync(cid, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int campaignId, CancellationToken ct)
    {
        Id = id;
        await LoadAsync(campaignId, ct);
        var i = Input;
        var req = new InternalRuleRequest(campaignId, i.OrgUnitId, i.Name, i.Change, i.AdoptedOn, i.DocumentNumber, i.Remarks, i.RiskPointIds, i.Version);
        var scope = await me.ScopeAsync(ct);
        var r = id is { } rid ? await commands.UpdateAsync(scope, rid, req, ct) : await commands.CreateAsync(scope, req, ct);
        TempData["Message"] = $"已保存制度“{r.Name}”";
        return Redirect($"/InternalRules?campaignId={campaignId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int campaignId, int? version, CancellationToken ct)
    {
        await commands.DeleteAsync(await me.ScopeAsync(ct), id, version, ct);
        TempData["Message"] = "已删除制度登记";
        return Redirect($"/InternalRules?campaignId={campaignId}");
    }

    private async Task LoadAsync(int campaignId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var campaign = await Register.RegisterQuery.Campaigns(db, scope)
            .Where(c => c.Id == campaignId)
            .Select(c => new { c.Id, c.Name, c.SchemeCode, c.RootOrgUnitId })
            .FirstOrDefaultAsync(ct) ?? throw DomainException.NotFound("campaignId", "排查不存在或不在您的权限范围内");
        (CampaignId, Campaign) = (campaign.Id, campaign.Name);
        var root = await db.OrgUnits.Where(u => u.Id == campaign.RootOrgUnitId).Select(u => u.Path).FirstAsync(ct);
        Units = [.. (await UnitSelect.LoadAsync(db, scope, null, false, ct)).Units];
        var editable = (await db.OrgUnits.InBusinessReach(scope).Under([root], u => u.Path).Select(u => new { u.Id, u.Path }).ToListAsync(ct))
            .Where(u => InternalRuleCommands.MayEdit(scope, u.Path)).Select(u => u.Id).ToHashSet();
        Units = [.. Units.Where(u => editable.Contains(u.Id))];
        // the points the chosen unit's rule may answer: its own and its departments'
        Input.OrgUnitId ??= Units.FirstOrDefault()?.Id;
        var unitPath = await db.OrgUnits.Where(u => u.Id == Input.OrgUnitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? root;
        Points = await db.RiskPoints.AsNoTracking().Visible(scope).Under([unitPath], p => p.OrgUnit.Path).Where(p => p.CampaignId == campaignId)
            .OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.ListId).ThenBy(p => p.Seq).Take(1000)
            .Select(p => new PointOption(p.Id, p.OrgUnit.Name, p.Description, p.ApprovedLevelCode ?? p.LevelCode)).ToListAsync(ct);
    }
}
