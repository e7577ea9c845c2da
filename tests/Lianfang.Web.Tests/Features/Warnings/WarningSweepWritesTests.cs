using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Supervision;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Warnings;

/// <summary>
/// The sweep writes its outcome in bulk statements, not through the change tracker: what it leaves must be exactly what
/// <see cref="Warning.Reconcile"/> makes of the warnings before and of what fires — what a sweep over no warnings at all finds.
/// </summary>
public abstract class WarningSweepWritesTests(AppFixture f)
{
    private sealed record Row(long Id, string Rule, string TargetType, long TargetId, int OrgUnitId, string Message, string Assignee,
        DateTime RaisedAt, DateTime LastSeenAt, DateTime? ClearedAt)
    {
        public static Row Of(Warning w) =>
            new(w.Id, w.Rule, w.TargetType, w.TargetId, w.OrgUnitId, w.Message, w.Assignee, w.RaisedAt, w.LastSeenAt, w.ClearedAt);
    }

    [Fact]
    public async Task A_sweep_after_warnings_stayed_cleared_changed_and_fired_anew_leaves_what_reconciling_them_one_by_one_would()
    {
        var s = await WrittenList.ApprovedAsync(f, "批量巡检");
        var path = await f.App.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == s.W.C).Select(u => u.Path).SingleAsync());
        Task<List<Warning>> WorldAsync() => f.App.WithDbAsync(db =>
            db.Warnings.AsNoTracking().Where(w => w.OrgUnit.Path.StartsWith(path)).OrderBy(w => w.Id).ToListAsync());
        await f.SweepAsync(s.W, WarningSweep.AllRules);
        var first = await WorldAsync();
        // the other people's lists are still drafts past the deadline: several warnings, whatever the day
        var active = first.Where(w => w.IsActive).ToList();
        Assert.True(active.Count >= 3);
        var (changed, refired) = (active[0], active[1]);
        var earlier = changed.RaisedAt.AddDays(-3);
        await f.App.WithDbAsync(async db =>
        {
            // one whose text and assignee moved since, one cleared before (its rule fires again), one whose rule fires no more
            await db.Warnings.Where(w => w.Id == changed.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.Message, "旧的提示").SetProperty(w => w.Assignee, "旧的经办人"));
            await db.Warnings.Where(w => w.Id == refired.Id).ExecuteUpdateAsync(u => u.SetProperty(w => w.ClearedAt, earlier));
            db.Warnings.Add(new Warning(new Fired(WarningRules.ImportantWithoutProject, "RiskPoint", 0, s.W.U1, "不再触发的提示", "某人"), earlier));
            return await db.SaveChangesAsync();
        });
        var before = await WorldAsync();

        await f.SweepAsync(s.W, WarningSweep.AllRules);
        var after = (await WorldAsync()).Select(Row.Of).ToList();

        // what a sweep finds with no warnings stored: the rules' firings now
        await f.App.WithDbAsync(db => db.Warnings.Where(w => w.OrgUnit.Path.StartsWith(path)).ExecuteDeleteAsync());
        await f.SweepAsync(s.W, WarningSweep.AllRules);
        var fresh = await WorldAsync();
        var firing = fresh.Select(w => new Fired(w.Rule, w.TargetType, w.TargetId, w.OrgUnitId, w.Message, w.Assignee)).ToList();
        Assert.Equal(firing.OrderBy(x => x.Rule).ThenBy(x => x.TargetId),
            after.Where(r => r.ClearedAt is null).Select(r => new Fired(r.Rule, r.TargetType, r.TargetId, r.OrgUnitId, r.Message, r.Assignee))
                .OrderBy(x => x.Rule).ThenBy(x => x.TargetId));

        // the same rows, field for field and time for time, as the tracked reconciliation gives
        var now = after.Max(r => r.LastSeenAt);
        var raised = Warning.Reconcile(before, firing, WarningSweep.AllRules.ToHashSet(), now);
        var expected = before.Select(Row.Of).Concat(raised.Select(Row.Of)).ToList();
        Assert.Equal(expected.Count, after.Count);
        for (var i = 0; i < after.Count; i++)
            Assert.Equal(i < before.Count ? expected[i] : expected[i] with { Id = after[i].Id }, after[i]);

        var refreshed = after.Single(r => r.Id == changed.Id);
        Assert.Equal((changed.RaisedAt, now, (DateTime?)null, changed.Message),
            (refreshed.RaisedAt, refreshed.LastSeenAt, refreshed.ClearedAt, refreshed.Message));
        Assert.Contains(after, r => r.Id > before[^1].Id && (r.Rule, r.TargetType, r.TargetId) == (refired.Rule, refired.TargetType, refired.TargetId)
            && r.RaisedAt == now && r.ClearedAt is null);
        Assert.Equal(earlier, after.Single(r => r.Id == refired.Id).ClearedAt);
        var gone = after.Single(r => r.TargetId == 0 && r.Rule == WarningRules.ImportantWithoutProject);
        Assert.Equal((earlier, now), (gone.LastSeenAt, gone.ClearedAt));
    }
}

[Collection("sqlite")] public sealed class WarningSweepWritesTests_Sqlite(SqliteFixture f) : WarningSweepWritesTests(f);
[Collection("postgres")] public sealed class WarningSweepWritesTests_Postgres(PostgresFixture f) : WarningSweepWritesTests(f);
