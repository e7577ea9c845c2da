using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Public;

/// <summary>Published lists as the public (and a desk card) shows them: only approved content, only within its period.</summary>
public sealed class PublicLists(AppDbContext db, SchemeStore schemes, IConfiguration config)
{
    /// <param name="Code">the 公示's verification code (国密-signed), printed for anyone to check what was published</param>
    public sealed record Card(ListTitles.Row List, string? PersonTitle, int? PersonId, Scheme? Scheme, List<RiskPoint> Points, string Commitment,
        DateOnly From, DateOnly Until, string? Code);

    /// <summary>Lists under the unit at <paramref name="path"/> whose current revision is published today.</summary>
    public IQueryable<RiskList> Current(string path, DateOnly today)
    {
        return db.RiskLists.AsNoTracking().Under([path], l => l.OrgUnit.Path).Where(l => l.Status == ListStatus.Published
            && db.Publications.Any(p => p.ListId == l.Id && p.Revision == l.Revision && p.From <= today && p.Until >= today));
    }

    /// <summary>Lists under the unit that have ever been published (a desk card's QR code outlives its period).</summary>
    public IQueryable<RiskList> EverPublished(string path)
    {
        return db.RiskLists.AsNoTracking().Under([path], l => l.OrgUnit.Path).Where(l => db.Publications.Any(p => p.ListId == l.Id));
    }

    public async Task<List<Card>> CardsAsync(IQueryable<RiskList> lists, CancellationToken ct)
    {
        var rows = await ListTitles.QueryAsync(db, lists, ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var points = (await db.RiskPoints.AsNoTracking().Where(p => ids.Contains(p.ListId)).OrderBy(p => p.Seq).ToListAsync(ct)).ToLookup(p => p.ListId);
        var meta = await db.RiskLists.AsNoTracking().Where(l => ids.Contains(l.Id))
            .Select(l => new
            {
                l.Id, l.SchemeCode, l.Commitment, l.HolderPersonId,
                Title = db.People.Where(p => p.Id == l.HolderPersonId).Select(p => p.Title).FirstOrDefault(),
                Publication = db.Publications.Where(p => p.ListId == l.Id && p.Revision == l.Revision).OrderByDescending(p => p.Id)
                    .Select(p => new { p.From, p.Until, p.VerificationCode }).FirstOrDefault(),
            }).ToDictionaryAsync(l => l.Id, ct);
        var cards = new List<Card>();
        foreach (var r in rows)
        {
            var m = meta[r.Id];
            cards.Add(new Card(r, m.Title, m.HolderPersonId, await schemes.FindAsync(m.SchemeCode, ct), points[r.Id].ToList(),
                m.Commitment ?? Core.Review.Publication.DefaultCommitment, m.Publication?.From ?? default, m.Publication?.Until ?? default,
                m.Publication?.VerificationCode));
        }
        return cards;
    }

    /// <summary>The address printed in QR codes: the configured public base URL (behind a proxy), else this request's host.</summary>
    public string FeedbackUrl(HttpRequest request, int orgUnitId, int? personId)
    {
        var baseUrl = config["Lianfang:PublicBaseUrl"] is { Length: > 0 } b ? b.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
        return $"{baseUrl}/public/feedback?unit={orgUnitId}" + (personId is { } p ? $"&person={p}" : "");
    }
}
