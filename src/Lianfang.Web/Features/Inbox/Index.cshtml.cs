using Lianfang.Web.Features.Review;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Inbox;

public sealed class IndexModel(Review.Inbox inbox, CurrentUser me, ReviewCommands reviews) : PageModel
{
    public List<Review.Inbox.Item> Items { get; private set; } = [];
    public int ReminderDays => inbox.ReminderDays;

    public List<Supervision.WarningDto> Warnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Items = await inbox.LoadAsync(scope, ct);
        Warnings = await inbox.WarningsAsync(scope, ct);
    }

    /// <summary>批量审核 from the inbox: the lists ticked are approved (or returned) at the stages they wait at.</summary>
    public async Task<IActionResult> OnPostBatchAsync(List<int>? listIds, string? decision, string? comment, CancellationToken ct)
    {
        await OnGetAsync(ct);
        var results = await reviews.ReviewManyAsync(await me.ScopeAsync(ct), new BatchReviewRequest(listIds, decision, comment), ct);
        var done = results.Count(r => r.Done);
        var failed = results.Where(r => !r.Done).ToList();
        TempData["Message"] = $"{(decision == "return" ? "已退回" : "已通过并签字")} {done} 份清单"
            + (failed.Count == 0 ? "" : $"；{failed.Count} 份未能处理，请逐份办理：{string.Join("；", failed.Select(f => f.Error))}");
        return Redirect("/Inbox");
    }
}
