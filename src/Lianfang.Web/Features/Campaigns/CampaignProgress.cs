using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Campaigns;

/// <summary>The progress board of a campaign, over the lists the caller may see.</summary>
public sealed class CampaignProgress(AppDbContext db, SchemeStore schemes, Reviewers reviewers, TimeProvider time)
{
    public const int LateShown = 200;

    public sealed record StageRow(string Code, string Name, string Actor, int Count);
    public sealed record LateRow(ListTitles.Row List, string StageName, string WhoActs);
    /// <summary>A list in review that nobody can take further, and what is missing.</summary>
    public sealed record StuckRow(ListTitles.Row List, string StageName, string Why);
    public sealed record Board(
        Campaign Campaign, int DaysLeft, List<ProgressRow> Units, List<StageRow> Stages, List<LateRow> Late, int LateTotal, List<StuckRow> Stuck)
    {
        public int Total => Units.Sum(u => u.Total);
        public int Done => Units.Sum(u => u.Done);
        public int Percent => Total == 0 ? 0 : Done * 100 / Total;
    }

    public async Task<Board> LoadAsync(AccessScope scope, Campaign campaign, CancellationToken ct)
    {
        var today = time.Today();
        var pastDeadline = today > campaign.Deadline;
        var lists = db.RiskLists.AsNoTracking().Visible(scope).Where(l => l.CampaignId == campaign.Id);
        var counts = await lists.GroupBy(l => new { l.OrgUnit.Path, l.Status }).Select(g => new { g.Key.Path, g.Key.Status, N = g.Count() }).ToListAsync(ct);

        var root = await db.OrgUnits.AsNoTracking()
            .Where(u => u.Id == campaign.RootOrgUnitId)
            .Select(u => new Progress.UnitRef(u.Id, u.Name, u.Path))
            .SingleAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().Under([root.Path], u => u.Path).Where(u => u.Kind == OrgUnitKind.Unit)
            .Select(u => new Progress.UnitRef(u.Id, u.Name, u.Path)).ToListAsync(ct);
        var rows = Progress.RollUp(counts.Select(c => (c.Path, c.Status, c.N)), units, root, pastDeadline);

        var scheme = await schemes.FindAsync(campaign.SchemeCode, ct);
        var stageOrder = scheme?.ListKinds.SelectMany(k => k.Stages).Append(Workflow.Oversight).DistinctBy(s => s.Code).ToList() ?? [];
        var stageDefs = stageOrder.ToDictionary(s => s.Code);
        var stages = (await lists.Where(l => l.Status == ListStatus.InReview).GroupBy(l => l.Stage).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
            .Select(g => stageDefs.TryGetValue(g.Key ?? "", out var d)
                ? new StageRow(d.Code, d.Name, Workflow.ActorLabel(d.Actor), g.N) : new StageRow(g.Key ?? "", g.Key ?? "", "", g.N))
            .OrderBy(s => stageOrder.FindIndex(d => d.Code == s.Code)).ToList();

        var late = new List<LateRow>();
        var lateTotal = rows.Sum(r => r.Late);
        if (pastDeadline && lateTotal > 0)
        {
            var open = lists.Where(l => l.Status == ListStatus.Draft || l.Status == ListStatus.InReview || l.Status == ListStatus.Returned);
            foreach (var l in await ListTitles.QueryAsync(db, open.OrderBy(l => l.OrgUnit.Path).Take(LateShown), ct))
            {
                var stage = l.Stage is null ? null : stageDefs.GetValueOrDefault(l.Stage);
                late.Add(new LateRow(l, stage?.Name ?? l.Status.Label(), l.Status == ListStatus.InReview && stage is not null
                    ? Workflow.ActorLabel(stage.Actor)
                    : l.Holder is not null ? $"{l.Holder}（本人填写）" : $"{l.Unit}（填写）"));
            }
        }
        // lists waiting at a stage nobody can decide (a 004 unit list at 分管校领导意见 where nobody holds the role)
        var stuck = new List<StuckRow>();
        if (scheme is not null)
        {
            var waiting = await lists.Where(l => l.Status == ListStatus.InReview).Include(l => l.OrgUnit).OrderBy(l => l.Id).Take(LateShown).ToListAsync(ct);
            var why = new Dictionary<int, (string Stage, string Why)>();
            foreach (var l in waiting)
                if (Workflow.CurrentStage(scheme, l) is { } stage && await reviewers.NobodyAsync(l, stage, ct) is { } reason) why[l.Id] = (stage.Name, reason);
            if (why.Count > 0)
            {
                var ids = why.Keys.ToList();
                stuck = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => ids.Contains(l.Id)), ct))
                    .Select(r => new StuckRow(r, why[r.Id].Stage, why[r.Id].Why))
                    .ToList();
            }
        }
        return new Board(campaign, campaign.Deadline.DayNumber - today.DayNumber, rows, stages, late, lateTotal, stuck);
    }
}
