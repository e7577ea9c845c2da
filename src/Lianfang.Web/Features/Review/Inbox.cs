using Lianfang.Core.Access;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Lists;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Review;

/// <summary>待办: lists waiting at a stage the user decides, and the user's own lists to write or fix.</summary>
public sealed class Inbox(AppDbContext db, SchemeStore schemes, IConfiguration config, Reviewers reviewers)
{
    public sealed record Item(ListTitles.Row List, string Task, int DaysLeft)
    {
        public bool Overdue => DaysLeft < 0;
    }

    private List<Item>? _loaded;
    private List<Supervision.WarningDto>? _warnings;

    /// <summary>Active warnings where the user inspects or supervises: the notifications of the inbox.</summary>
    public async Task<List<Supervision.WarningDto>> WarningsAsync(AccessScope scope, CancellationToken ct)
    {
        if (_warnings is not null) return _warnings;
        if (!scope.IsAuthenticated || !Supervision.SupervisionCommands.Inspects(scope)) return _warnings = [];
        return _warnings = (await Supervision.SupervisionApi.VisibleWarnings(db, scope).Where(w => w.ClearedAt == null)
                .OrderByDescending(w => w.RaisedAt).Take(20).Select(w => new { w, Unit = w.OrgUnit.Name }).ToListAsync(ct))
            .Select(x => new Supervision.WarningDto(x.w.Id, x.w.Rule, Core.Supervision.WarningRules.Label(x.w.Rule), x.w.TargetType, x.w.TargetId,
                x.w.OrgUnitId, x.Unit, x.w.Message, x.w.Assignee, x.w.RaisedAt)).ToList();
    }

    /// <summary>001's department lists being signed row by row whose rows name the user and wait for their signature.</summary>
    private async Task<List<(int ListId, int Rows)>> RowsToSignAsync(AccessScope scope, CancellationToken ct)
    {
        if (scope.PersonId is not { } me) return [];
        var person = await db.People.AsNoTracking().Where(p => p.Id == me).Select(p => new { p.Name, p.OrgUnitId }).FirstOrDefaultAsync(ct);
        if (person is null) return [];
        var lists = await db.RiskLists.Include(l => l.OrgUnit).AsNoTracking()
            .Where(l => l.OrgUnitId == person.OrgUnitId && l.Scope == ListScope.Department && l.Campaign.Status == CampaignStatus.Open
                && (l.Status == ListStatus.Draft || l.Status == ListStatus.Returned)).OrderBy(l => l.Id).Take(20).ToListAsync(ct);
        var result = new List<(int, int)>();
        foreach (var list in lists)
        {
            if (await schemes.FindAsync(list.SchemeCode, ct) is not { } scheme || !ReviewCommands.RowsSigned(scheme, list)) continue;
            var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == list.Id).ToListAsync(ct);
            var signed = await db.RowSignatures.AsNoTracking().Where(r => r.ListId == list.Id && r.Revision == list.Revision && r.PersonId == me).ToListAsync(ct);
            var pending = points.Count(p => (p.Responsible.Persons ?? []).Contains(person.Name) && !signed.Any(r => r.Covers(p)));
            if (pending > 0) result.Add((list.Id, pending));
        }
        return result;
    }

    /// <summary>Items whose campaign deadline is this close (or past) are reminded of on the home page and marked in the inbox.</summary>
    public int ReminderDays => config.GetValue("Lianfang:ReminderDays", 7);

    /// <summary>The caller's 待办, loaded once per request (the layout's count and the page share it).</summary>
    public async Task<List<Item>> LoadAsync(AccessScope scope, CancellationToken ct) => _loaded ??= await QueryAsync(scope, ct);

    private async Task<List<Item>> QueryAsync(AccessScope scope, CancellationToken ct)
    {
        if (!scope.IsAuthenticated) return [];
        var inReview = db.RiskLists.AsNoTracking().Where(l => l.Status == ListStatus.InReview && l.Campaign.Status == CampaignStatus.Open);
        // Beyond what the user reads: lists their department's colleagues, or a department paired with one they head, wait with.
        var myUnit = scope.PersonId is { } me ? db.People.Where(p => p.Id == me).Select(p => p.OrgUnitId) : db.People.Where(_ => false).Select(p => p.OrgUnitId);
        var headed = db.OrgUnits.Under(scope.PrefixesFor(Core.Access.Role.DeptHead), u => u.Path).Select(u => u.Id);
        var pairedTo = db.PeerPairs.Where(p => headed.Contains(p.PeerOrgUnitId));
        var waiting = await inReview.Visible(scope)
            .Union(inReview.Where(l => myUnit.Contains(l.OrgUnitId) || pairedTo.Any(p => p.CampaignId == l.CampaignId && p.OrgUnitId == l.OrgUnitId)))
            .Select(l => new { l.Id, l.SchemeCode, l.Scope, l.Stage, l.HolderPersonId, l.CampaignId, l.OrgUnitId, Path = l.OrgUnit.Path })
            .Take(2000).ToListAsync(ct);
        var mine = new Dictionary<int, string>();
        foreach (var l in waiting)
        {
            var scheme = await schemes.FindAsync(l.SchemeCode, ct);
            var stage = scheme is null ? null : Workflow.StageOf(scheme, l.Scope, l.Stage);
            if (stage is not null && await reviewers.CanActAsync(scope, new Reviewers.ListRef(l.CampaignId, l.OrgUnitId, l.Path, l.Scope, l.HolderPersonId), stage, ct))
                mine[l.Id] = $"审核：{stage.Name}";
        }
        if (scope.PersonId is { } pid)
            foreach (var l in await db.RiskLists.AsNoTracking().Where(l => l.HolderPersonId == pid && l.Campaign.Status == CampaignStatus.Open
                         && (l.Status == ListStatus.Draft || l.Status == ListStatus.Returned)).Select(l => new { l.Id, l.Status }).ToListAsync(ct))
                mine[l.Id] = l.Status == ListStatus.Returned ? "已退回，请修改后重新提交" : "填写并提交本人清单";
        var invited = await db.ReviewInvitations.Where(i => i.UserId == scope.UserId)
            .Join(db.RiskLists, i => i.ListId, l => l.Id, (i, l) => new { i, l })
            .Where(x => x.l.Status == ListStatus.InReview && x.l.Revision == x.i.Revision && x.l.Stage == x.i.StageCode
                && !db.Reviews.Any(r => r.ListId == x.l.Id && r.UserId == scope.UserId && r.Decision == Decision.Comment
                    && r.Revision == x.l.Revision && r.StageCode == x.l.Stage))
            .Select(x => x.l.Id).Take(500).ToListAsync(ct);
        foreach (var id in invited) mine[id] = "帮查：请提出意见";
        foreach (var (id, n) in await RowsToSignAsync(scope, ct)) mine[id] = $"逐条签字：{n} 条待您签字";
        if (mine.Count == 0) return [];
        var ids = mine.Keys.ToList();
        var rows = await ListTitles.QueryAsync(db, db.RiskLists.Where(l => ids.Contains(l.Id)), ct);
        var today = Clock.Today.DayNumber;
        return rows.OrderBy(r => r.Deadline).Select(r => new Item(r, mine[r.Id], r.Deadline.DayNumber - today)).ToList();
    }
}
