using Lianfang.Core.Review;
using Lianfang.Web.Features.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Verify;

/// <summary>Anyone holding a printed form checks its verification code here, without logging in.</summary>
[AllowAnonymous]
[EnableRateLimiting(Startup.PublicRateLimit)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Check(string List, string Stage, string Signer, DateTime At, string Hash, bool StillMatches);

    public string? Code { get; private set; }
    public Check? Result { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        Code = string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
        if (Code is null) return;
        var signature = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.VerificationCode == Code, ct);
        if (signature is null) return;
        var list = await db.RiskLists.AsNoTracking().FirstAsync(l => l.Id == signature.ListId, ct);
        var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == list.Id).ToListAsync(ct);
        var title = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.Id == list.Id), ct)).Single();
        Result = new Check($"{title.Campaign} · {title.Title}", signature.StageName, $"{signature.Actor}（{signature.RoleLabel}）", signature.At,
            signature.ContentHash, ListContent.Hash(list, points) == signature.ContentHash);
    }
}
