using Lianfang.Core.Register;

namespace Lianfang.Web.Data;

/// <summary>
/// Counts the 汇总表 tallies of points written before they were kept on the point (the PointTallies migration marks
/// those with -1). Runs after migrating, a batch at a time, with the same rule as <see cref="RiskPoint.Tally"/>.
/// </summary>
public static class PointTallies
{
    /// <returns>how many points were counted</returns>
    public static async Task<int> BackfillAsync(AppDbContext db, CancellationToken ct)
    {
        var counted = 0;
        while (true)
        {
            var batch = await db.RiskPoints.AsNoTracking().Where(p => p.MeasureCount < 0).OrderBy(p => p.Id).Take(5000).ToListAsync(ct);
            if (batch.Count == 0) return counted;
            counted += batch.Count;
            foreach (var p in batch) p.Tally();
            // Derived figures, not an edit: no audit event and no new version. Points with the same tallies are updated
            // together, so a batch is a handful of statements.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var g in batch.GroupBy(p => (p.MeasureCount, p.SupervisionMethodCount)))
            {
                var ids = g.Select(p => p.Id).ToList();
                await db.RiskPoints.Where(x => ids.Contains(x.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.MeasureCount, g.Key.MeasureCount).SetProperty(x => x.SupervisionMethodCount, g.Key.SupervisionMethodCount), ct);
            }
            await tx.CommitAsync(ct);
        }
    }
}
