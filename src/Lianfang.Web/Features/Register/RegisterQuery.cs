using System.Linq.Expressions;
using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Web.Features.Register;

/// <param name="Approved">only approved and published lists' points: what the 汇总表 counts, so its figures lead here</param>
public sealed record RegisterFilter(
    int? CampaignId = null, int? OrgUnitId = null, int? ListId = null, string? Q = null, string? CategoryCode = null,
    string? LevelCode = null, PostTier? Tier = null, ListStatus? Status = null, string? Sort = null, int? PowerId = null, bool Approved = false);

/// <summary>The register: risk points in scope, filtered, searched and sorted. One query for pages and API.</summary>
public static class RegisterQuery
{
    /// <summary>Campaigns over a unit the user reads, or holding a list the user reads (a staff member's own).</summary>
    public static IQueryable<Campaign> Campaigns(AppDbContext db, AccessScope scope)
    {
        var units = db.OrgUnits.InBusinessReach(scope).Select(u => u.Id);
        var lists = db.RiskLists.Visible(scope).Select(l => l.CampaignId);
        return db.Campaigns.AsNoTracking().Where(c => units.Contains(c.RootOrgUnitId) || lists.Contains(c.Id));
    }

    public static async Task<IQueryable<RiskPoint>> PointsAsync(AppDbContext db, ReadCache cache, AccessScope scope, RegisterFilter f, Scheme? scheme,
        CancellationToken ct)
    {
        var q = db.RiskPoints.AsNoTracking().Visible(scope);
        if (f.CampaignId is { } c) q = q.Where(p => p.CampaignId == c);
        if (f.ListId is { } l) q = q.Where(p => p.ListId == l);
        if (f.OrgUnitId is { } unitId)
        {
            // a unit's path changes only when the tree is rearranged: kept across requests, not asked on every page
            var path = await cache.GetAsync($"unit-path:{unitId}",
                async () => await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "~");
            q = q.Under([path], p => p.OrgUnit.Path);
        }
        if (!string.IsNullOrWhiteSpace(f.CategoryCode)) q = q.Where(p => p.CategoryCode == f.CategoryCode);
        if (f.PowerId is { } power) q = q.Where(p => p.PowerId == power);
        if (!string.IsNullOrWhiteSpace(f.LevelCode)) q = q.Where(p => (p.ApprovedLevelCode ?? p.LevelCode) == f.LevelCode);
        if (f.Tier is { } tier) q = q.Where(p => p.Post != null && p.Post.Tier == tier);
        if (f.Status is { } status) q = q.Where(p => p.List.Status == status);
        if (f.Approved) q = q.Where(p => p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published);
        if (CleanSearch(f.Q) is { Length: > 0 } text)
        {
            // hits newest first unless asked otherwise: the index gives them in id order, with no sort over every hit
            q = Search(db, q, text);
            if (string.IsNullOrEmpty(f.Sort)) return Sort(q, "recent", scheme);
        }
        return Sort(q, f.Sort, scheme);
    }

    /// <summary>
    /// How many points <paramref name="query"/> (the filter's) selects — a text search counted up to
    /// <see cref="Pager.SearchCountCap"/> — kept across requests until a write (<see cref="ReadCache"/>): paging through a
    /// register, or coming back to it, counts once. The user is in the key: the same filter counts what each one reads.
    /// </summary>
    public static Task<Counted> CountAsync(ReadCache cache, AccessScope scope, RegisterFilter f, IQueryable<RiskPoint> query, CancellationToken ct) =>
        cache.GetAsync($"register-count:{scope.UserId}:{f with { Sort = null }}", async () =>
        {
            var (total, capped) = CleanSearch(f.Q) is { Length: > 0 } ? await Pager.CountAsync(query, ct) : (await query.CountAsync(ct), false);
            return new Counted(total, capped);
        });

    public sealed record Counted(int Total, bool Capped);

    /// <summary>
    /// The search text without control characters: a NUL ends FTS5's query string early ("unterminated string",
    /// a 500) and PostgreSQL refuses it in text; a search box gives one line, so nothing a user typed is lost.
    /// </summary>
    private static string? CleanSearch(string? q) => q is null ? null : string.Concat(q.Where(c => !char.IsControl(c))).Trim();

    /// <summary>Chinese substring search over description, 表现形式 and measures: FTS5 trigram on SQLite, pg_trgm on PostgreSQL.</summary>
    private static IQueryable<RiskPoint> Search(AppDbContext db, IQueryable<RiskPoint> q, string text)
    {
        if (db.IsPostgres) return q.Where(p => EF.Functions.ILike(p.SearchText, "%" + Escape(text) + "%", "\\"));
        if (text.Length >= 3)
        {
            var phrase = "\"" + text.Replace("\"", "\"\"") + "\"";
            var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM RiskPointsFts WHERE RiskPointsFts MATCH {phrase}");
            return q.Where(p => ids.Contains(p.Id));
        }
        return q.Where(p => EF.Functions.Like(p.SearchText, "%" + Escape(text) + "%", "\\")); // trigrams need 3 characters
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static IQueryable<RiskPoint> Sort(IQueryable<RiskPoint> q, string? sort, Scheme? scheme) => sort switch
    {
        "category" => q.OrderBy(p => p.CategoryCode).ThenBy(p => p.OrgUnit.Path).ThenBy(p => p.ListId).ThenBy(p => p.Seq),
        "level" when scheme is not null => q.OrderBy(LevelRank(scheme)).ThenBy(p => p.OrgUnit.Path).ThenBy(p => p.ListId).ThenBy(p => p.Seq),
        "recent" => q.OrderByDescending(p => p.Id),
        _ => q.OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.ListId).ThenBy(p => p.Seq),
    };

    /// <summary>The scheme's order of levels as a CASE expression, so sorting by level works inside the database.</summary>
    private static Expression<Func<RiskPoint, int>> LevelRank(Scheme scheme)
    {
        var p = Expression.Parameter(typeof(RiskPoint), "p");
        Expression level = Expression.Coalesce(
            Expression.Property(p, nameof(RiskPoint.ApprovedLevelCode)), Expression.Property(p, nameof(RiskPoint.LevelCode)));
        Expression body = Expression.Constant(99);
        foreach (var l in scheme.Levels.OrderByDescending(l => l.Rank))
            body = Expression.Condition(Expression.Equal(level, Expression.Constant(l.Code)), Expression.Constant(l.Rank), body);
        return Expression.Lambda<Func<RiskPoint, int>>(body, p);
    }
}
