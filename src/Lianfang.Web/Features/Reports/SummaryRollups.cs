using System.Data;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Reports;
using Lianfang.Core.Review;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Lianfang.Web.Features.Review;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Reports;

internal sealed class SummaryRollupConfiguration : IEntityTypeConfiguration<SummaryRollup>
{
    public void Configure(EntityTypeBuilder<SummaryRollup> b)
    {
        b.HasKey(r => new { r.CampaignId, r.OrgUnitId, r.CategoryCode, r.LevelCode });
        b.Property(r => r.CategoryCode).HasMaxLength(64);
        b.Property(r => r.LevelCode).HasMaxLength(64);
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignerRollupConfiguration : IEntityTypeConfiguration<SignerRollup>
{
    public void Configure(EntityTypeBuilder<SignerRollup> b)
    {
        b.HasKey(r => new { r.CampaignId, r.OrgUnitId, r.UserId });
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps <see cref="SummaryRollup"/> in the transaction of every write that moves a list into or out of approval or changes
/// the points of such a list: each unit touched has its own figures counted again from its points (tens of points, not a
/// province's million) and the difference added to the subtree figures of the unit and every unit above it. Recounting
/// rather than adding up each act keeps it right whatever the write was; `verify-rollups` recounts everything.
/// <see cref="SignerRollup"/> (who signed a unit's counted lists) is counted again the same way, for the same units and for
/// those whose counted lists get a signature (a 表上签字 after approval).
/// </summary>
public static class SummaryRollups
{
    /// <summary>
    /// The units (campaign, org unit) whose figures the tracked changes may move, read before the save (a list's status
    /// before it) and resolved after it (rows added get their ids then).
    /// </summary>
    internal static List<Func<(int CampaignId, int OrgUnitId)>> Touched(ChangeTracker tracker)
    {
        static bool CountedBeforeOrAfter(EntityEntry<RiskList> e) =>
            SummaryRollup.Counts(e.Property(l => l.Status).OriginalValue) || SummaryRollup.Counts(e.Entity.Status);
        var touched = new List<Func<(int, int)>>();
        foreach (var e in tracker.Entries<RiskList>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (!CountedBeforeOrAfter(e)) continue;
            var list = e.Entity;
            touched.Add(() => (list.CampaignId, list.OrgUnitId));
        }
        foreach (var e in tracker.Entries<RiskPoint>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            // a point of a list counted neither before nor after this save moves no figure (a draft being written)
            if (e.Entity.List is { } l && tracker.Context.Entry(l) is { State: not EntityState.Detached } list && !CountedBeforeOrAfter(list)) continue;
            var point = e.Entity;
            touched.Add(() => (point.CampaignId, point.OrgUnitId));
        }
        return touched;
    }

    /// <summary>The lists that signatures are added to or taken from in the tracked changes: their units' signers may move.</summary>
    internal static List<int> SignedLists(ChangeTracker tracker) =>
        tracker.Entries<ReviewRecord>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && (e.Entity.VerificationCode is not null || e.Property(r => r.VerificationCode).OriginalValue is not null))
            .Select(e => e.Entity.ListId).Distinct().ToList();

    /// <summary>
    /// Counts the own figures of <paramref name="units"/> again and carries the difference up the tree, and counts their
    /// signers again with those of the units of <paramref name="signedLists"/>. Runs inside the write's transaction.
    /// </summary>
    public static async Task RefreshAsync(AppDbContext db, IEnumerable<(int CampaignId, int OrgUnitId)> units, IReadOnlyCollection<int> signedLists,
        CancellationToken ct)
    {
        var todo = units.Distinct().ToList();
        if (todo.Count == 0 && signedLists.Count == 0) return;
        // Rollups change one transaction at a time, each recount seeing every earlier write committed: PostgreSQL takes the
        // audit chain's lock (a write that changes a list holds it already), SQLite holds its write lock.
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppDbContext.WriteLock})", ct);
        await RefreshCellsAsync(db, todo, ct);
        var signerUnits = todo;
        if (signedLists.Count > 0)
        {
            // a signature on a list not counted moves nothing: the list's approval recounts its unit
            var signed = await CountedLists(db).Where(l => signedLists.Contains(l.Id))
                .Select(l => new { l.CampaignId, l.OrgUnitId }).ToListAsync(ct);
            signerUnits = todo.Union(signed.Select(l => (l.CampaignId, l.OrgUnitId))).ToList();
        }
        foreach (var campaign in signerUnits.GroupBy(t => t.CampaignId))
        {
            var ids = campaign.Select(t => t.OrgUnitId).Distinct().ToList();
            var counted = await CountSignersAsync(db, campaign.Key, ids, ct);
            var kept = await db.SignerRollups.Where(r => r.CampaignId == campaign.Key && ids.Contains(r.OrgUnitId)).ToListAsync(ct);
            db.SignerRollups.RemoveRange(kept.Where(r => !counted.Contains((r.OrgUnitId, r.UserId))));
            var have = kept.Select(r => (r.OrgUnitId, r.UserId)).ToHashSet();
            db.SignerRollups.AddRange(counted.Where(p => !have.Contains(p)).Select(p => new SignerRollup(campaign.Key, p.OrgUnitId, p.UserId)));
        }
        await db.SaveDerivedAsync(ct);
        // read afresh by the next refresh, never from a stale tracked copy
        foreach (var e in db.ChangeTracker.Entries<SummaryRollup>().ToList()) e.State = EntityState.Detached;
        foreach (var e in db.ChangeTracker.Entries<SignerRollup>().ToList()) e.State = EntityState.Detached;
    }

    private static async Task RefreshCellsAsync(AppDbContext db, List<(int CampaignId, int OrgUnitId)> todo, CancellationToken ct)
    {
        if (todo.Count == 0) return;
        var unitIds = todo.Select(t => t.OrgUnitId).Distinct().ToList();
        var paths = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var chainPaths = paths.Values.SelectMany(OrgPath.AncestorsOrSelf).Distinct().ToList();
        var idOf = await db.OrgUnits.AsNoTracking().Where(u => chainPaths.Contains(u.Path)).ToDictionaryAsync(u => u.Path, u => u.Id, ct);

        foreach (var campaign in todo.GroupBy(t => t.CampaignId))
        {
            var ids = campaign.Select(t => t.OrgUnitId).ToList();
            var counted = (await db.RiskPoints.AsNoTracking()
                    .Where(p => p.CampaignId == campaign.Key && ids.Contains(p.OrgUnitId)
                        && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published))
                    .GroupBy(p => new { p.OrgUnitId, p.CategoryCode, Level = p.ApprovedLevelCode ?? p.LevelCode })
                    .Select(g => new
                    {
                        g.Key.OrgUnitId, g.Key.CategoryCode, g.Key.Level,
                        Points = g.Count(), Measures = g.Sum(p => p.MeasureCount), Methods = g.Sum(p => p.SupervisionMethodCount),
                    })
                    .ToListAsync(ct))
                .ToLookup(c => c.OrgUnitId, c => (Key: (c.CategoryCode, c.Level), Tally: new Tally(c.Points, c.Measures, c.Methods)));
            var rowUnits = ids.SelectMany(id => OrgPath.AncestorsOrSelf(paths[id])).Distinct().Select(p => idOf[p]).ToList();
            var rows = await db.SummaryRollups.Where(r => r.CampaignId == campaign.Key && rowUnits.Contains(r.OrgUnitId))
                .ToDictionaryAsync(r => (r.OrgUnitId, r.CategoryCode, r.LevelCode), ct);
            SummaryRollup Row(int unit, (string Category, string Level) key)
            {
                if (rows.TryGetValue((unit, key.Category, key.Level), out var row)) return row;
                row = new SummaryRollup(campaign.Key, unit, key.Category, key.Level);
                db.SummaryRollups.Add(row);
                return rows[(unit, key.Category, key.Level)] = row;
            }
            foreach (var id in ids)
            {
                var now = counted[id].ToDictionary(c => c.Key, c => c.Tally);
                var kept = rows.Values.Where(r => r.OrgUnitId == id).ToDictionary(r => (r.CategoryCode, r.LevelCode), r => r.Own);
                foreach (var (key, change) in Rollups.Changes(kept, now))
                {
                    Row(id, key).SetOwn(now.GetValueOrDefault(key));
                    foreach (var path in OrgPath.AncestorsOrSelf(paths[id])) Row(idOf[path], key).AddToSubtree(change);
                }
            }
            foreach (var row in rows.Values.Where(r => r.IsEmpty))
            {
                var entry = db.Entry(row);
                if (entry.State == EntityState.Added) entry.State = EntityState.Detached;
                else db.SummaryRollups.Remove(row);
            }
        }
    }

    /// <summary>The lists the 汇总表 counts: approved or published (<see cref="SummaryRollup.Counts"/>, as SQL).</summary>
    private static IQueryable<RiskList> CountedLists(AppDbContext db) =>
        db.RiskLists.Where(l => l.Status == ListStatus.Approved || l.Status == ListStatus.Published);

    /// <summary>The signers of a campaign's counted lists, of some units or all.</summary>
    private static async Task<HashSet<(int OrgUnitId, int UserId)>> CountSignersAsync(AppDbContext db, int campaignId, List<int>? units, CancellationToken ct)
    {
        var lists = CountedLists(db).Where(l => l.CampaignId == campaignId);
        if (units is not null) lists = lists.Where(l => units.Contains(l.OrgUnitId));
        return (await Signers.Of(db, lists).ToListAsync(ct)).Select(p => (p.OrgUnitId, p.UserId)).ToHashSet();
    }

    /// <summary>Every rollup row of a campaign as its points say it should be.</summary>
    private static async Task<Dictionary<RollupKey, RollupFigures>> CountAsync(AppDbContext db, int campaignId, CancellationToken ct)
    {
        var own = await db.RiskPoints.AsNoTracking()
            .Where(p => p.CampaignId == campaignId && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published))
            .GroupBy(p => new { p.OrgUnit.Path, p.CategoryCode, Level = p.ApprovedLevelCode ?? p.LevelCode })
            .Select(g => new
            {
                g.Key.Path, g.Key.CategoryCode, g.Key.Level,
                Points = g.Count(), Measures = g.Sum(p => p.MeasureCount), Methods = g.Sum(p => p.SupervisionMethodCount),
            })
            .ToListAsync(ct);
        return Rollups.Expand(own.Select(o => (new RollupKey(campaignId, o.Path, o.CategoryCode, o.Level), new Tally(o.Points, o.Measures, o.Methods))));
    }

    private static async Task<Dictionary<RollupKey, RollupFigures>> KeptAsync(AppDbContext db, int campaignId, CancellationToken ct) =>
        (await db.SummaryRollups.AsNoTracking().Where(r => r.CampaignId == campaignId)
            .Join(db.OrgUnits, r => r.OrgUnitId, u => u.Id, (r, u) => new { Row = r, u.Path }).ToListAsync(ct))
        .ToDictionary(x => new RollupKey(campaignId, x.Path, x.Row.CategoryCode, x.Row.LevelCode), x => new RollupFigures(x.Row.Own, x.Row.Subtree));

    /// <summary>
    /// Recounts every campaign (or one) from its points and signatures and returns each row the tables hold differently:
    /// the figures, and the signers.
    /// </summary>
    public static async Task<(int Rows, List<RollupDifference> Differences, List<SignerDifference> Signers)> VerifyAsync(
        AppDbContext db, CancellationToken ct, int? campaignId = null)
    {
        var campaigns = campaignId is { } only ? [only] : await db.Campaigns.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var rows = 0;
        var differences = new List<RollupDifference>();
        var signers = new List<SignerDifference>();
        foreach (var c in campaigns)
        {
            // one snapshot for the kept rows and the points, so a write landing meanwhile shows no difference
            await using var tx = await db.Database.BeginTransactionAsync(db.IsPostgres ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, ct);
            var kept = await KeptAsync(db, c, ct);
            differences.AddRange(Rollups.Compare(kept, await CountAsync(db, c, ct)));
            rows += kept.Count;
            var keptSigners = (await db.SignerRollups.AsNoTracking().Where(r => r.CampaignId == c).Select(r => new { r.OrgUnitId, r.UserId }).ToListAsync(ct))
                .Select(r => (r.OrgUnitId, r.UserId)).ToHashSet();
            var counted = await CountSignersAsync(db, c, null, ct);
            rows += keptSigners.Count;
            var differing = keptSigners.Except(counted).Select(p => (Pair: p, Kept: true))
                .Concat(counted.Except(keptSigners).Select(p => (Pair: p, Kept: false))).ToList();
            if (differing.Count == 0) continue;
            var ids = differing.Select(d => d.Pair.OrgUnitId).Distinct().ToList();
            var paths = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
            signers.AddRange(differing.Select(d => new SignerDifference(c, paths[d.Pair.OrgUnitId], d.Pair.UserId, d.Kept))
                .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.UserId));
        }
        return (rows, differences, signers);
    }

    /// <summary>
    /// Writes every rollup row anew from the points and signatures, in one transaction (a rebuild cut short leaves the table as it was);
    /// returns the rows written. For a table just created, tallies counted after the fact, or `verify-rollups --rebuild`.
    /// </summary>
    public static async Task<int> RebuildAsync(AppDbContext db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppDbContext.WriteLock})", ct);
        await db.SummaryRollups.ExecuteDeleteAsync(ct);
        await db.SignerRollups.ExecuteDeleteAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var idOf = campaigns.Count == 0 ? [] : await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Path, u => u.Id, ct);
        var bulk = new BulkWriter(db);
        var written = 0;
        foreach (var c in campaigns)
        {
            var rows = (await CountAsync(db, c, ct)).Select(kv =>
            {
                var row = new SummaryRollup(c, idOf[kv.Key.Path], kv.Key.CategoryCode, kv.Key.LevelCode);
                row.SetOwn(kv.Value.Own);
                row.AddToSubtree(kv.Value.Subtree);
                return row;
            }).ToList();
            await bulk.WriteAsync(rows, ct);
            var signers = (await CountSignersAsync(db, c, null, ct)).Select(p => new SignerRollup(c, p.OrgUnitId, p.UserId)).ToList();
            await bulk.WriteAsync(signers, ct);
            written += rows.Count + signers.Count;
        }
        await bulk.FinishAsync(ct, resetSequences: false);
        await tx.CommitAsync(ct);
        return written;
    }

    /// <summary>
    /// Approved points but no rollup rows, or signed approved lists but no signer rows: a table created by its migration and
    /// not yet filled (or a fill cut short).
    /// </summary>
    public static async Task<bool> UnfilledAsync(AppDbContext db, CancellationToken ct) =>
        (!await db.SummaryRollups.AnyAsync(ct)
            && await db.RiskPoints.AnyAsync(p => p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published, ct))
        || (!await db.SignerRollups.AnyAsync(ct) && await Signers.Of(db, CountedLists(db)).AnyAsync(ct));
}
