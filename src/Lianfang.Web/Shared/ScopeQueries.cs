using System.Linq.Expressions;
using Lianfang.Core.Access;
using Lianfang.Core.Org;

namespace Lianfang.Web.Shared;

/// <summary>Scope filters for queries, so list pages and API lists show only what the user may read.</summary>
public static class ScopeQueries
{
    // Org structure (units, posts, people) is read by business reach and by the units' administrators; lists and points
    // only by business reach: an administrator reads no business content (三员分立).
    public static IQueryable<OrgUnit> Visible(this IQueryable<OrgUnit> q, AccessScope s) =>
        s.ReadsWholeOrg ? q : q.Where(OrgPathIn<OrgUnit>(s, u => u.Path, null));

    public static IQueryable<Post> Visible(this IQueryable<Post> q, AccessScope s) =>
        s.ReadsWholeOrg ? q : q.Where(OrgPathIn<Post>(s, p => p.OrgUnit.Path, null));

    /// <summary>People in scope, and always the user's own person record.</summary>
    public static IQueryable<Person> Visible(this IQueryable<Person> q, AccessScope s) =>
        s.ReadsWholeOrg ? q : q.Where(OrgPathIn<Person>(s, p => p.OrgUnit.Path, s.PersonId is { } pid ? p => p.Id == pid : null));

    /// <summary>Units whose business content (powers, lists, supervision) the user reads: not an administrator's units as such.</summary>
    public static IQueryable<OrgUnit> InBusinessReach(this IQueryable<OrgUnit> q, AccessScope s) => q.Where(PathIn<OrgUnit>(s, u => u.Path, null));

    /// <summary>The units an administrator holds one of <paramref name="roles"/> over: every unit for one of the whole system.</summary>
    public static IQueryable<OrgUnit> HeldBy(this IQueryable<OrgUnit> q, AccessScope s, params Role[] roles) =>
        roles.Any(s.HoldsSystemWide) ? q : q.Under(s.PrefixesFor(roles), u => u.Path);

    /// <summary>Lists in scope; a staff member (who reads only their own unit) sees only their own lists.</summary>
    public static IQueryable<Lianfang.Core.Register.RiskList> Visible(this IQueryable<Lianfang.Core.Register.RiskList> q, AccessScope s) =>
        q.Where(PathIn<Lianfang.Core.Register.RiskList>(s, l => l.OrgUnit.Path, s.PersonId is { } pid ? l => l.HolderPersonId == pid : null, exact: false));

    public static IQueryable<Lianfang.Core.Register.RiskPoint> Visible(this IQueryable<Lianfang.Core.Register.RiskPoint> q, AccessScope s) =>
        q.Where(PathIn<Lianfang.Core.Register.RiskPoint>(s, p => p.OrgUnit.Path,
            s.PersonId is { } pid ? p => p.List.HolderPersonId == pid : null, exact: false));

    /// <summary>Rows whose org path lies in any of the subtrees at <paramref name="prefixes"/>.</summary>
    public static IQueryable<T> Under<T>(this IQueryable<T> q, IEnumerable<string> prefixes, Expression<Func<T, string>> path) =>
        q.Where(PathIn(prefixes.Select(OrgPath.SubtreeBounds), [], path, null));

    /// <summary>Rows whose org path lies in [<paramref name="lo"/>, <paramref name="hi"/>): neighbouring subtrees in one range.</summary>
    public static IQueryable<T> Between<T>(this IQueryable<T> q, string lo, string hi, Expression<Func<T, string>> path) =>
        q.Where(PathIn([(lo, hi)], [], path, null));

    /// <summary>Rows of exactly the unit at <paramref name="unitPath"/>, not its subtree.</summary>
    public static IQueryable<T> At<T>(this IQueryable<T> q, string unitPath, Expression<Func<T, string>> path) =>
        q.Where(PathIn([], [unitPath], path, null));

    private static Expression<Func<T, bool>> PathIn<T>(AccessScope s, Expression<Func<T, string>> path, Expression<Func<T, bool>>? orElse, bool exact = true) =>
        PathIn(s.ReadablePrefixes.Select(OrgPath.SubtreeBounds), exact ? s.ReadableExact : [], path, orElse);

    private static Expression<Func<T, bool>> OrgPathIn<T>(AccessScope s, Expression<Func<T, string>> path, Expression<Func<T, bool>>? orElse) =>
        PathIn(s.OrgPrefixes.Select(OrgPath.SubtreeBounds), s.OrgExact, path, orElse);

    /// <summary>Builds "path in any of the ranges (subtrees as byte ranges) or equals one of the exact units".</summary>
    private static Expression<Func<T, bool>> PathIn<T>(IEnumerable<(string Lo, string Hi)> ranges, IEnumerable<string> exact,
        Expression<Func<T, string>> path, Expression<Func<T, bool>>? orElse)
    {
        var x = path.Parameters[0];
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        Expression Cmp(string bound) => Expression.Call(compare, path.Body, Expression.Constant(bound));
        var zero = Expression.Constant(0);
        Expression body = Expression.Constant(false);
        foreach (var (lo, hi) in ranges)
        {
            body = Expression.OrElse(body, Expression.AndAlso(
                Expression.GreaterThanOrEqual(Cmp(lo), zero), Expression.LessThan(Cmp(hi), zero)));
        }
        foreach (var unit in exact)
            body = Expression.OrElse(body, Expression.Equal(path.Body, Expression.Constant(unit)));
        if (orElse is not null)
            body = Expression.OrElse(body, new ParameterReplacer(orElse.Parameters[0], x).Visit(orElse.Body));
        return Expression.Lambda<Func<T, bool>>(body, x);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
