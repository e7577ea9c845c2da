using Lianfang.Core.Register;
using Lianfang.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Infrastructure;

public static class ListStates
{
    /// <summary>
    /// Sets lists approved as the end of their review leaves them, for tests of figures that count approved content only
    /// (the 汇总表), with the 汇总表 rollups the review keeps in the same transaction; the review itself, with its
    /// signatures, is tested in Features/Review.
    /// </summary>
    public static Task ApproveAsync(this AppFixture f, params int[] lists) => f.App.WithDbAsync(async db =>
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.RiskLists.Where(l => lists.Contains(l.Id)).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, ListStatus.Approved));
        var units = await db.RiskLists.Where(l => lists.Contains(l.Id)).Select(l => new { l.CampaignId, l.OrgUnitId }).ToListAsync();
        await SummaryRollups.RefreshAsync(db, units.Select(u => (u.CampaignId, u.OrgUnitId)), [], default);
        await tx.CommitAsync();
        return 0;
    });
}
