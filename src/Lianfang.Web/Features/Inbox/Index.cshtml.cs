using Lianfang.Web.Features.Review;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Inbox;

public sealed class IndexModel(Review.Inbox inbox, CurrentUser me) : PageModel
{
    public List<Review.Inbox.Item> Items { get; private set; } = [];
    public int ReminderDays => inbox.ReminderDays;

    public async Task OnGetAsync(CancellationToken ct) => Items = await inbox.LoadAsync(await me.ScopeAsync(ct), ct);
}
