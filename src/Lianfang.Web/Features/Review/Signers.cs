using Lianfang.Core.Register;

namespace Lianfang.Web.Features.Review;

/// <summary>A unit and an account that signed one of its lists.</summary>
public sealed class SignerPair
{
    public int OrgUnitId { get; init; }
    public int UserId { get; init; }
}

public static class Signers
{
    /// <summary>
    /// Who signed <paramref name="lists"/>, as distinct (unit, account) pairs: what the 汇总表's signer rollup keeps for a
    /// campaign's counted lists, and what the 汇总表 reads from the signatures for a caller who reads only some of them.
    /// </summary>
    public static IQueryable<SignerPair> Of(AppDbContext db, IQueryable<RiskList> lists) =>
        (from r in db.Reviews
         where r.VerificationCode != null
         join l in lists on r.ListId equals l.Id
         select new SignerPair { OrgUnitId = l.OrgUnitId, UserId = r.UserId }).Distinct();
}
