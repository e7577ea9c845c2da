using Lianfang.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Infrastructure;

public static class ListStates
{
    /// <summary>
    /// Sets lists approved as the end of their review leaves them, for tests of figures that count approved content only
    /// (the 汇总表); the review itself, with its signatures, is tested in Features/Review.
    /// </summary>
    public static Task ApproveAsync(this AppFixture f, params int[] lists) => f.App.WithDbAsync(db =>
        db.RiskLists.Where(l => lists.Contains(l.Id)).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, ListStatus.Approved)));
}
