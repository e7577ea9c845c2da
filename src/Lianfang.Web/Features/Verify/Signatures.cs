using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianfang.Web.Features.Verify;

/// <summary>What a printed verification code says: who signed what, when, and whether that signature still holds.</summary>
/// <param name="StatusText">what the verdict means for this kind of act (a review signature or a 公示)</param>
public sealed record VerifyResult(string Code, int ListId, string List, int Revision, string Stage, string Signer, string Role, DateTime At,
    string ContentHash, SignatureVerdict Verdict, Sm2Proof? Sm2, string StatusText);

/// <summary>
/// The 国密 proof of a signature: the exact UTF-8 statement signed, the SM2 signature (DER, base64) and the installation's
/// public key (PEM); <c>openssl dgst -sm3 -sigopt distid:1234567812345678 -verify pub.pem -signature sig.der statement.txt</c>
/// checks it offline (the ID is GM/T 0009's default, which OpenSSL 3.0 must be told).
/// </summary>
public sealed record Sm2Proof(string Statement, string Signature, string PublicKey, bool Verified);

/// <summary>Checks signatures against a list's history and its content now (<see cref="SignatureCheck"/>).</summary>
public sealed class Signatures(AppDbContext db)
{
    public async Task<VerifyResult?> VerifyAsync(string? code, CancellationToken ct)
    {
        var c = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(c) || c.Length > 16) return null;
        var signature = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.VerificationCode == c, ct);
        if (signature is null) return await PublicationAsync(c, ct) ?? await RowSignatureAsync(c, ct);
        var list = await db.RiskLists.AsNoTracking().FirstAsync(l => l.Id == signature.ListId, ct);
        var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == list.Id).ToListAsync(ct);
        var verdict = (await CheckAsync(list, points, ct))[signature.Id];
        return new VerifyResult(c, list.Id, await TitleAsync(list.Id, ct), signature.Revision, signature.StageName, signature.Actor,
            signature.RoleLabel, signature.At, signature.ContentHash, verdict, await ProofAsync(signature, ct),
            verdict.Label);
    }

    /// <summary>A 公示's code: what was published, by whom, and whether the list still reads so.</summary>
    private async Task<VerifyResult?> PublicationAsync(string code, CancellationToken ct)
    {
        var p = await db.Publications.AsNoTracking().FirstOrDefaultAsync(x => x.VerificationCode == code, ct);
        if (p is null) return null;
        var list = await db.RiskLists.AsNoTracking().FirstAsync(l => l.Id == p.ListId, ct);
        var points = await db.RiskPoints.AsNoTracking().Where(x => x.ListId == list.Id).ToListAsync(ct);
        var same = list.Revision == p.Revision && ListContent.Hash(list, points) == p.ContentHash;
        return new VerifyResult(code, list.Id, await TitleAsync(list.Id, ct), p.Revision, $"公示（{p.From:yyyy-MM-dd} 至 {p.Until:yyyy-MM-dd}）",
            p.Publisher ?? "", "公示决定人", p.PublishedAt, p.ContentHash, new SignatureVerdict(same ? SignatureStatus.Valid : SignatureStatus.Altered, []),
            await ProofAsync(p, ct),
            same ? "公示有效：清单现在的内容与公示时完全一致" : "公示真实，但清单在公示后已修改（重新打开或另行修改），公示的是当时的内容");
    }

    /// <summary>A row's signature (001 逐条逐栏签字): who signed which row, and whether the row still reads as signed.</summary>
    private async Task<VerifyResult?> RowSignatureAsync(string code, CancellationToken ct)
    {
        var r = await db.RowSignatures.AsNoTracking().FirstOrDefaultAsync(x => x.VerificationCode == code, ct);
        if (r is null) return null;
        var list = await db.RiskLists.AsNoTracking().FirstAsync(l => l.Id == r.ListId, ct);
        var point = await db.RiskPoints.AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.RiskPointId, ct);
        var holds = list.Revision == r.Revision && point is not null && r.Covers(point);
        return new VerifyResult(code, list.Id, await TitleAsync(list.Id, ct), r.Revision, point is null ? "逐条签字（该条已删除）" : $"逐条签字（第 {point.Seq} 条）",
            r.Signer, "责任人员", r.At, r.PointHash, new SignatureVerdict(holds ? SignatureStatus.Valid : SignatureStatus.Altered, []), null,
            holds ? "签字有效：这一条现在的内容与签字时完全一致" : "签字真实，但这一条在签字后已修改或删除，签字不覆盖现在的内容");
    }

    private async Task<string> TitleAsync(int listId, CancellationToken ct)
    {
        var title = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.Id == listId), ct)).Single();
        return $"{title.Campaign} · {title.Title}";
    }

    private async Task<Sm2Proof?> ProofAsync(ISignedStatement act, CancellationToken ct)
    {
        if (act is not { Statement: { } statement, StatementSignature: { } signature, SigningKeyId: { } keyId }) return null;
        var key = await db.SigningKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => k.PublicKeyPem).SingleAsync(ct);
        return new Sm2Proof(statement, signature, key, Sm2.Verify(key, statement, signature));
    }

    /// <summary>The verdict on every signature of the list, by review record id.</summary>
    public async Task<Dictionary<long, SignatureVerdict>> CheckAsync(RiskList list, IEnumerable<RiskPoint> points, CancellationToken ct)
    {
        var history = await db.Reviews.AsNoTracking().Include(r => r.Changes).Where(r => r.ListId == list.Id).OrderBy(r => r.Id).ToListAsync(ct);
        return Check(history, ListContent.Hash(list, points));
    }

    public static Dictionary<long, SignatureVerdict> Check(IReadOnlyList<ReviewRecord> history, string currentHash) =>
        history.Where(r => r.IsSignature).ToDictionary(r => r.Id, r => SignatureCheck.Check(history, r, currentHash));

    public static string Code(SignatureStatus s) => s switch { SignatureStatus.Valid => "valid", SignatureStatus.Amended => "amended", _ => "altered" };

    public static object Dto(SignedAct a) => new
    {
        revision = a.Revision, stage = a.Stage, signer = a.Signer, role = a.Role, at = a.At, verificationCode = a.VerificationCode, what = a.What,
        changes = a.Changes.Select(c => new
        {
            pointId = c.RiskPointId, seq = c.PointSeq, field = c.Field, before = c.Before, after = c.After, reason = c.Reason,
        }),
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/verify/{code}", async Task<Results<Ok<object>, ProblemHttpResult>> (string code, Signatures signatures, CancellationToken ct) =>
            await signatures.VerifyAsync(code, ct) is { } r
                ? TypedResults.Ok<object>(new
                {
                    code = r.Code, listId = r.ListId, list = r.List, revision = r.Revision, stage = r.Stage, signer = r.Signer, role = r.Role, at = r.At,
                    contentHash = r.ContentHash, status = Code(r.Verdict.Status), statusText = r.StatusText,
                    changesSince = r.Verdict.ChangesSince.Select(Dto),
                    sm2 = r.Sm2 is { } p ? new { statement = p.Statement, signature = p.Signature, publicKey = p.PublicKey, verified = p.Verified } : null,
                })
                : TypedResults.Problem(title: "校验码无效", detail: "没有这个签字：请核对表单上印的 10 位校验码", statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous().RequireRateLimiting(Startup.PublicRateLimit)
            .WithTags("签字校验")
            .WithSummary("校验表单上印的签字校验码或公示页上的公示校验码（无需登录）：" +
                "status 为 valid（内容与签字时一致）、amended（其后的修改均经后续环节签字）或 altered（有未经签字的修改）；" +
                "sm2 为国密签名（statement 签名原文、signature DER base64、publicKey PEM），" +
                "可用 openssl dgst -sm3 -sigopt distid:1234567812345678 -verify pub.pem -signature sig.der statement.txt 离线校验");
        app.MapGet("/api/v1/verify/public-key", async (Sm2 sm2, CancellationToken ct) =>
                TypedResults.Text((await sm2.CurrentAsync(ct)).PublicKeyPem, "application/x-pem-file"))
            .AllowAnonymous().RequireRateLimiting(Startup.PublicRateLimit)
            .WithTags("签字校验").WithSummary("本系统 SM2 签名公钥（PEM），用于离线校验签字");
    }
}
