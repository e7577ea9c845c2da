using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Review;

/// <summary>
/// 逐条逐栏签字 (001 注2): a responsible person named in a row of a department's list signs that row, binding the row's
/// content. The department's list is submitted only when every named person has signed every row naming them.
/// </summary>
public sealed class RowSignature
{
    private RowSignature() { Signer = PointHash = ""; }

    public RowSignature(RiskList list, RiskPoint point, int personId, string signer, int userId, DateTime now)
    {
        list.EnsureEditable();
        ListId = list.Id;
        Revision = list.Revision;
        RiskPointId = point.Id;
        PersonId = personId;
        Signer = signer;
        UserId = userId;
        At = now;
        PointHash = ListContent.PointHash(point);
        VerificationCode = ReviewRecord.NewCode();
    }

    public long Id { get; private set; }
    public int ListId { get; private set; }
    public int Revision { get; private set; }
    public long RiskPointId { get; private set; }
    public int PersonId { get; private set; }
    public string Signer { get; private set; }
    public int UserId { get; private set; }
    public DateTime At { get; private set; }
    /// <summary>The row as signed: a row changed since is no longer covered.</summary>
    public string PointHash { get; private set; }
    /// <summary>Printed beside the signer in the row and checked at /Verify (none on signatures made before codes were kept).</summary>
    public string? VerificationCode { get; private set; }

    /// <summary>Whether the scheme has a list of this kind signed row by row (001 注2: a department's list).</summary>
    public static bool Required(Scheme scheme, RiskList list) => list.Scope == ListScope.Department && scheme.Has(RuleKinds.RowSignatures);

    public bool Covers(RiskPoint point) => point.Id == RiskPointId && ListContent.PointHash(point) == PointHash;

    /// <summary>
    /// Rows still missing a signature: each name in 责任人员 must be a person of the department (by name) who has signed
    /// the row as it stands. Returns the problems in words, by row.
    /// </summary>
    public static IReadOnlyList<string> Missing(
        IEnumerable<RiskPoint> points, IReadOnlyCollection<RowSignature> signatures, IReadOnlyDictionary<string, int> peopleByName)
    {
        var problems = new List<string>();
        foreach (var p in points.OrderBy(p => p.Seq))
        {
            var names = p.Responsible.Persons ?? [];
            if (names.Count == 0) { problems.Add($"第 {p.Seq} 条没有写明责任人员"); continue; }
            foreach (var name in names)
            {
                if (!peopleByName.TryGetValue(name, out var person)) problems.Add($"第 {p.Seq} 条的责任人员“{name}”不是本处室（单位）人员");
                else if (!signatures.Any(s => s.PersonId == person && s.Covers(p))) problems.Add($"第 {p.Seq} 条待“{name}”签字");
            }
        }
        return problems;
    }
}
