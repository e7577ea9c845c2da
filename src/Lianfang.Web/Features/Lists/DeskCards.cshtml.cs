using Lianfang.Core.Register;
using Lianfang.Web.Features.Public;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Lists;

/// <summary>桌卡: one printable card per person whose own list is published — points, measures, 公开承诺 and a QR code to the feedback form.</summary>
public sealed class DeskCardsModel(AppDbContext db, CurrentUser me, PublicLists published) : PageModel
{
    public const int MaxCards = 500;

    public List<PublicLists.Card> Cards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? listId, int? campaignId, int? orgUnitId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        // Another unit's list or unit is not found, as everywhere else, rather than an empty sheet.
        if (listId is { } lid && !await db.RiskLists.Visible(scope).AnyAsync(l => l.Id == lid, ct)) return NotFound();
        if (orgUnitId is { } uid && !await db.OrgUnits.InBusinessReach(scope).AnyAsync(x => x.Id == uid, ct)) return NotFound();
        var lists = db.RiskLists.Visible(scope).Where(l => l.Status == ListStatus.Published && l.HolderPersonId != null);
        if (listId is { } id) lists = lists.Where(l => l.Id == id);
        if (campaignId is { } c) lists = lists.Where(l => l.CampaignId == c);
        if (orgUnitId is { } u)
        {
            var path = await db.OrgUnits.Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct) ?? "~";
            lists = lists.Under([path], l => l.OrgUnit.Path);
        }
        Cards = await published.CardsAsync(lists.OrderBy(l => l.OrgUnit.Path).ThenBy(l => l.Id).Take(MaxCards), ct);
        return Page();
    }

    public string FeedbackUrl(PublicLists.Card c) => published.FeedbackUrl(Request, c.List.OrgUnitId, c.PersonId);
}
