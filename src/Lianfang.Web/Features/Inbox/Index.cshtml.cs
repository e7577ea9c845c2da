using Lianfang.Web.Features.Review;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Inbox;

public sealed class IndexModel(Review.Inbox inbox, CurrentUser me) : PageModel
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
}
