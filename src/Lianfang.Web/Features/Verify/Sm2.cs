using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Lianfang.Web.Features.Verify;

/// <summary>
/// The installation's SM2 signing key (国密, GB/T 32918 over the SM2 curve, SM3 digest, the default user ID
/// 1234567812345678). The private key is kept in the database sealed by Data Protection (whose key ring the
/// installation's certificate may encrypt in turn) and never leaves the server; the public key is published.
/// </summary>
public sealed class SigningKey
{
    public int Id { get; set; }
    public string PublicKeyPem { get; set; } = "";
    /// <summary>PKCS#8 private key, sealed by Data Protection.</summary>
    public string SealedPrivateKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> b)
    {
        b.Property(k => k.PublicKeyPem).HasMaxLength(1000);
    }
}

public sealed class Sm2(AppDbContext db, IDataProtectionProvider protection, IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Lianfang.SigningKey.v1");
    /// <summary>The key opened for this request: a batch of approvals signs with one read of it.</summary>
    private (int Id, ECPrivateKeyParameters Key)? _open;

    /// <summary>SM3 of UTF-8 text, lower-case hex.</summary>
    public static string Sm3(string text)
    {
        var digest = new SM3Digest();
        var bytes = Encoding.UTF8.GetBytes(text);
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return Convert.ToHexStringLower(result);
    }

    /// <summary>Signs <paramref name="statement"/> (its UTF-8 bytes) with the current key: (signature DER base64, key id).</summary>
    public async Task<(string Signature, int KeyId)> SignAsync(string statement, CancellationToken ct)
    {
        if (_open is null)
        {
            var key = await CurrentAsync(ct);
            _open = (key.Id, (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(_protector.Unprotect(Convert.FromBase64String(key.SealedPrivateKey))));
        }
        var (keyId, priv) = _open.Value;
        var signer = new SM2Signer(); // SM3, DER-encoded (r, s), the default ID that OpenSSL uses too
        signer.Init(true, new ParametersWithRandom(priv, new SecureRandom()));
        var bytes = Encoding.UTF8.GetBytes(statement);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return (Convert.ToBase64String(signer.GenerateSignature()), keyId);
    }

    /// <summary>Seals an act (a signature, a 公示) over the list's canonical content: its statement, signed with the current key.</summary>
    public async Task SealAsync(Lianfang.Core.Review.ISignedStatement act, string canonicalContent, CancellationToken ct)
    {
        var statement = act.StatementText(Sm3(canonicalContent));
        var (signature, keyId) = await SignAsync(statement, ct);
        act.Seal(statement, signature, keyId);
    }

    /// <summary>Whether <paramref name="signature"/> is the key's SM2 signature of <paramref name="statement"/>.</summary>
    public static bool Verify(string publicKeyPem, string statement, string signature)
    {
        try
        {
            var pub = (ECPublicKeyParameters)new PemReader(new StringReader(publicKeyPem)).ReadObject();
            var verifier = new SM2Signer();
            verifier.Init(false, pub);
            var bytes = Encoding.UTF8.GetBytes(statement);
            verifier.BlockUpdate(bytes, 0, bytes.Length);
            return verifier.VerifySignature(Convert.FromBase64String(signature));
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or IOException or CryptoException) { return false; }
    }

    /// <summary>The newest key, made on first use (in a context of its own: the caller's may hold a decision not yet saved).</summary>
    public async Task<SigningKey> CurrentAsync(CancellationToken ct)
    {
        if (await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.Id).FirstOrDefaultAsync(ct) is { } key) return key;
        using var scope = scopes.CreateScope();
        var own = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // the named curve, so the published key names sm2p256v1 (OpenSSL then reads it as an SM2 key)
        var curve = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(curve, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        using var pem = new StringWriter();
        var writer = new PemWriter(pem);
        writer.WriteObject(pair.Public);
        writer.Writer.Flush();
        key = new SigningKey
        {
            PublicKeyPem = pem.ToString(), CreatedAt = time.UtcNow(),
            SealedPrivateKey = Convert.ToBase64String(_protector.Protect(PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded())),
        };
        own.SigningKeys.Add(key);
        await own.SaveChangesAsync(ct);
        return key;
    }
}
