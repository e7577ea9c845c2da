using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Web.Features.Register;

namespace Lianfang.Web.Features.InternalRules;

public sealed record InternalRuleRequest(int? CampaignId, int? OrgUnitId, string? Name, RuleChange? Change, DateOnly? AdoptedOn, string? DocumentNumber,
    string? Remarks, List<long>? RiskPointIds, int? Version)
{
    public InternalRuleFields Fields => new(Name, Change, AdoptedOn, DocumentNumber, Remarks);
}

/// <summary>制度 set up or revised in a campaign: who keeps them, and which risk points they may answer.</summary>
public sealed class InternalRuleCommands(AppDbContext db, RegisterCommands register, TimeProvider time)
{
    private const string Keepers = "制度由本单位党办、主要负责人或处室负责人登记";

    /// <summary>As the 职权目录: the unit's party office, its principal, and a department head for their department.</summary>
    public static bool MayEdit(AccessScope scope, string path) => scope.HasRoleOver(path, Role.PartyOffice, Role.Principal, Role.DeptHead);

    public IQueryable<InternalRule> Visible(AccessScope scope)
    {
        var units = db.OrgUnits.InBusinessReach(scope).Select(u => u.Id);
        return db.InternalRules.AsNoTracking().Where(r => units.Contains(r.OrgUnitId));
    }

    public async Task<InternalRule> LoadAsync(AccessScope scope, int id, CancellationToken ct)
    {
        if (!await Visible(scope).AnyAsync(r => r.Id == id, ct)) throw DomainException.NotFound("id", "制度不存在或不在您的权限范围内");
        return await db.InternalRules.Include(r => r.OrgUnit).Include(r => r.Points).SingleAsync(r => r.Id == id, ct);
    }

    public async Task<InternalRule> CreateAsync(AccessScope scope, InternalRuleRequest req, CancellationToken ct)
    {
        var (campaign, unit) = await KeptUnitAsync(scope, req.CampaignId ?? throw new DomainException("campaignId", "请选择排查"), req.OrgUnitId, ct);
        var rule = new InternalRule(campaign.Id, unit.Id, req.Fields, time.Today());
        rule.SetPoints(await PointsAsync(scope, campaign.Id, unit.Path, req.RiskPointIds, ct));
        db.InternalRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task<InternalRule> UpdateAsync(AccessScope scope, int id, InternalRuleRequest req, CancellationToken ct)
    {
        var rule = await EditableAsync(scope, id, ct);
        db.ExpectVersion(rule, req.Version);
        rule.Update(req.Fields, time.Today());
        rule.SetPoints(await PointsAsync(scope, rule.CampaignId, rule.OrgUnit.Path, req.RiskPointIds, ct));
        db.Touch(rule); // a change of points alone is still an edit of the rule: new version, in the trail
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task DeleteAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        var rule = await EditableAsync(scope, id, ct);
        if (version is not null) db.ExpectVersion(rule, version);
        db.InternalRules.Remove(rule);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records the 制度 of a Word or Excel list (<see cref="InternalRuleForm"/>) for a unit in a campaign: a row's 单位（处室）
    /// names the unit or a department below it; all or nothing, every problem named by its row and column.
    /// </summary>
    public async Task<List<InternalRule>> ImportAsync(AccessScope scope, int campaignId, int orgUnitId, IFormFile? file, bool dryRun, CancellationToken ct)
    {
        var (campaign, unit) = await KeptUnitAsync(scope, campaignId, orgUnitId, ct);
        if (file is null) throw new DomainException("file", "请选择要导入的 Word（.docx）或 Excel（.xlsx）文件");
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        var parse = InternalRuleForm.Parse(Office.OfficeFile.ReadGrids(file.FileName, stream), time.Today());
        var errors = parse.Issues.Select(i => new FieldError(i.Column, i.Message, i.Row, i.Sheet, i.Column)).ToList();
        if (parse.Items.Count == 0 && errors.Count == 0) errors.Add(new FieldError("file", "文件中找不到制度表格：表头须有“制度名称”和“新建或修订”两列"));
        var units = await db.OrgUnits.AsNoTracking().Under([unit.Path], u => u.Path).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var rules = new List<InternalRule>();
        foreach (var p in parse.Items)
        {
            var at = p.Unit is null ? units.First(u => u.Id == unit.Id) : units.FirstOrDefault(u => u.Name == p.Unit);
            if (at is null) errors.Add(new FieldError("单位", $"“{p.Unit}”不是“{unit.Name}”或其下属处室", p.Row, p.Sheet, "单位"));
            else if (!MayEdit(scope, at.Path)) errors.Add(new FieldError("单位", $"您不能登记“{at.Name}”的制度", p.Row, p.Sheet, "单位"));
            else rules.Add(new InternalRule(campaign.Id, at.Id, p.Fields, time.Today()));
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors, $"文件有 {errors.Count} 处问题，未导入任何制度", StatusCodes.Status422UnprocessableEntity);
        if (dryRun) return rules;
        db.InternalRules.AddRange(rules);
        await db.SaveChangesAsync(ct);
        return rules;
    }

    /// <summary>
    /// The points a rule may answer: the campaign's points of the unit and the departments below it that the caller
    /// can read. Any other id is named and nothing is saved.
    /// </summary>
    private async Task<List<long>> PointsAsync(AccessScope scope, int campaignId, string unitPath, List<long>? ids, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count == 0) return [];
        var found = await db.RiskPoints.AsNoTracking().Visible(scope).Under([unitPath], p => p.OrgUnit.Path)
            .Where(p => p.CampaignId == campaignId && wanted.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var missing = wanted.Except(found).ToList();
        if (missing.Count > 0)
            throw new DomainException("riskPointIds", $"风险点 {string.Join("、", missing.Take(5))} 不是本单位（含下属处室）本次排查的风险点，或不在您的权限范围内");
        return wanted;
    }

    private sealed record UnitRef(int Id, string Path, string Name);

    /// <summary>The open campaign and a unit of it whose 制度 the caller keeps.</summary>
    private async Task<(Campaign Campaign, UnitRef Unit)> KeptUnitAsync(AccessScope scope, int campaignId, int? orgUnitId, CancellationToken ct)
    {
        var campaign = await register.LoadCampaignAsync(scope, campaignId, ct);
        var unit = await db.OrgUnits.InBusinessReach(scope).Where(u => u.Id == orgUnitId).Select(u => new UnitRef(u.Id, u.Path, u.Name)).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
        var root = await db.OrgUnits.Where(u => u.Id == campaign.RootOrgUnitId).Select(u => u.Path).FirstAsync(ct);
        if (!OrgPath.IsAncestorOrSelf(root, unit.Path)) throw new DomainException("orgUnitId", $"“{unit.Name}”不在本次排查的范围内");
        if (!MayEdit(scope, unit.Path)) throw DomainException.Forbidden(Keepers);
        Open(campaign);
        return (campaign, unit);
    }

    private async Task<InternalRule> EditableAsync(AccessScope scope, int id, CancellationToken ct)
    {
        var rule = await LoadAsync(scope, id, ct);
        if (!MayEdit(scope, rule.OrgUnit.Path)) throw DomainException.Forbidden(Keepers);
        Open(await register.LoadCampaignAsync(scope, rule.CampaignId, ct));
        return rule;
    }

    /// <summary>A closed campaign's 汇总表 is history: its 制度 no longer change.</summary>
    private static void Open(Campaign campaign)
    {
        if (campaign.Status == CampaignStatus.Closed) throw DomainException.Conflict("campaignId", $"排查“{campaign.Name}”已结束，其制度登记不能再修改");
    }
}
