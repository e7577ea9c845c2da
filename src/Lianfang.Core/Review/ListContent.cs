using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lianfang.Core.Register;

namespace Lianfang.Core.Review;

/// <summary>
/// The canonical content of a list — what a signature binds. Ids, versions and timestamps are left out, so the
/// same content always gives the same hash and any change of a word, level or measure gives another.
/// </summary>
public static class ListContent
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Canonical(RiskList list, IEnumerable<RiskPoint> points) => JsonSerializer.Serialize(new
    {
        list.CampaignId, list.SchemeCode, Scope = list.Scope.ToString(), list.OrgUnitId, list.PostId, list.HolderPersonId, list.Commitment,
        Points = points.OrderBy(p => p.Seq).Select(Row),
    }, Options);

    // A point rated on the matrix (004) also signs its likelihood and harm, one whose three elements were weighed (000)
    // that too; other points keep the row they always had, so signatures made before these existed still verify.
    private static object Row(RiskPoint p) => p.Likelihood is null && p.Harm is null && !p.ElementsChecked ? BaseRow(p)
        : new { Row = BaseRow(p), p.Likelihood, p.Harm, Elements = p.ElementsChecked };

    private static object BaseRow(RiskPoint p) => new
    {
        p.Seq, p.CategoryCode, p.Description, p.Manifestation, p.LevelCode, p.ApprovedLevelCode, p.PostId,
        Sources = p.Sources, Measures = p.Measures.Select(m => new { m.Text, m.Kind, m.Phase, m.Owner, Due = m.Due?.ToString("yyyy-MM-dd") }),
        Supervision = new { p.Supervision.Basis, p.Supervision.Focus, Methods = p.Supervision.Methods ?? [] },
        Responsible = new { p.Responsible.Leader, p.Responsible.Department, Persons = p.Responsible.Persons ?? [] },
        p.PowerId, p.FlowStepKey,
    };

    /// <summary>The hash of one row, as a 逐条逐栏 signature binds it.</summary>
    public static string PointHash(RiskPoint point) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Row(point), Options))));

    public static string Hash(RiskList list, IEnumerable<RiskPoint> points) => HashOf(Canonical(list, points));

    /// <summary>The SHA-256 of content already made canonical (a signature hashes and seals the same text).</summary>
    public static string HashOf(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}
