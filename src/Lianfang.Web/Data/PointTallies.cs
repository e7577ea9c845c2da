using Lianfang.Core.Register;

namespace Lianfang.Web.Data;

/// <summary>
/// Counts the 汇总表 tallies of points written before they were kept on the point (the PointTallies migration marks
/// those with -1). Runs after migrating, a batch at a time, with the same rule as <see cref="RiskPoint.Tally"/>.
/// </summary>
public static class PointTallies
{
    public static async Task BackfillAsync(AppDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var batch = await db.RiskPoints.Where(p => p.MeasureCount < 0).OrderBy(p => p.Id).Take(2000).ToListAsync(ct);
            if (batch.Count == 0) return;
            foreach (var p in batch) p.Tally();
            // Derived figures, not an edit: no audit event and no new version.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var p in batch)
                await db.RiskPoints.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.MeasureCount, p.MeasureCount).SetProperty(x => x.SupervisionMethodCount, p.SupervisionMethodCount)
                    .SetProperty(x => x.NewSystemCount, p.NewSystemCount).SetProperty(x => x.RevisedSystemCount, p.RevisedSystemCount), ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
