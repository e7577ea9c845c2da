using Lianfang.Web.Features.Review;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Inbox;

public sealed class IndexModel(InboxQueries inbox, CurrentUser me, ReviewCommands reviews) : PageModel
{
    public List<InboxQueries.Item> Items { get; private set; } = [];
    public int ReminderDays => inbox.ReminderDays;

    public List<Warnings.WarningDto> Warnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Items = await inbox.LoadAsync(scope, ct);
        Warnings = await inbox.WarningsAsync(scope, ct);
        // the party office organises the helpers' stages (代表帮查、群众评议): offer it the helpers to invite in a batch
        if (scope.Grants.Any(g => g.Role == Core.Access.Role.PartyOffice)
            && Items.FirstOrDefault(i => i.Kind == "review" && i.Task.StartsWith("审核：") && i.ListId is not null) is { ListId: { } first })
            Helpers = await reviews.HelpersForAsync(scope, first, ct);
    }

    /// <summary>Helper accounts the user may invite to the lists of the inbox's helper stages (批量邀请帮查).</summary>
    public List<HelperOption> Helpers { get; private set; } = [];

    /// <summary>批量邀请帮查: one helper invited to the ticked lists waiting at a helpers' stage.</summary>
    public async Task<IActionResult> OnPostInviteAsync(List<int>? listIds, string? userName, CancellationToken ct)
    {
        await OnGetAsync(ct);
        var results = await reviews.InviteManyAsync(await me.ScopeAsync(ct), listIds, userName, ct);
        var failed = results.Where(r => !r.Done).ToList();
        TempData["Message"] = $"已邀请 {results.Count(r => r.Done)} 份清单的帮查"
            + (failed.Count == 0 ? "" : $"；{failed.Count} 份未能邀请：{string.Join("；", failed.Select(f => f.Error))}");
        return Redirect("/Inbox");
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
