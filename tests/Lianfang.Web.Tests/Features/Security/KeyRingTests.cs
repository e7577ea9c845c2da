using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lianfang.Web.Infrastructure;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Lianfang.Web.Tests.Features.Security;

/// <summary>An app whose key rings are encrypted at rest with a certificate of the installation.</summary>
public abstract class KeyRingFixture(Db db) : AppFixture(db)
{
    public string Dir { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lianfang-keyring-" + Guid.NewGuid().ToString("N"))).FullName;
    public string Certificate => Path.Combine(Dir, "keys.pfx");
    public string IntegrityKeys => Path.Combine(Dir, "integrity-keys");
    public const string CertificatePassword = "Keyring-pfx-2026";

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            if (!File.Exists(Certificate))
            {
                using var rsa = RSA.Create(2048);
                var request = new CertificateRequest("CN=Lianfang key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
                File.WriteAllBytes(Certificate, cert.Export(X509ContentType.Pfx, CertificatePassword));
            }
            return new()
            {
                [KeyRings.CertificatePathSetting] = Certificate, [KeyRings.CertificatePasswordSetting] = CertificatePassword,
                ["Lianfang:IntegrityKeysPath"] = IntegrityKeys,
            };
        }
    }
}

public sealed class KeyRingSqliteFixture() : KeyRingFixture(Db.Sqlite);
public sealed class KeyRingPostgresFixture() : KeyRingFixture(Db.Postgres);

/// <summary>
/// 等保 confidentiality of stored keys: the keys behind sign-in cookies and tokens (in the database) and behind the sealed
/// 廉政档案 (in their own directory) are written encrypted with the certificate, and open again with it alone.
/// </summary>
public abstract class KeyRingTests(KeyRingFixture f)
{
    [Fact]
    public async Task Both_key_rings_are_encrypted_at_rest_and_open_with_the_certificate()
    {
        var w = await World.CreateAsync(f, "密钥环");
        await (await f.As(w.Users["staff"])).Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "Income", content = "年收入 123456 元" })
            .Expect(HttpStatusCode.Created);

        var tokenKeys = await f.App.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        var fileKeys = Directory.GetFiles(f.IntegrityKeys, "*.xml").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(tokenKeys);
        Assert.NotEmpty(fileKeys);
        foreach (var xml in tokenKeys.Concat(fileKeys))
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml); // the plain form's element
        }

        // the sealed entry opens with a fresh key ring given only the directory and the certificate
        var sealedText = await f.App.WithDbAsync(db => db.IntegrityFileEntries.Where(e => e.PersonId == w.X1).Select(e => e.Sealed).FirstAsync());
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [KeyRings.CertificatePathSetting] = f.Certificate, [KeyRings.CertificatePasswordSetting] = KeyRingFixture.CertificatePassword,
        }).Build();
        var reopened = DataProtectionProvider.Create(new DirectoryInfo(f.IntegrityKeys), b => b.SetApplicationName("Lianfang.IntegrityFiles").ProtectKeysAtRest(config))
            .CreateProtector("Lianfang.IntegrityFile.v1");
        Assert.Equal("年收入 123456 元", reopened.Unprotect(sealedText));
    }
}

public sealed class KeyRingTests_Sqlite(KeyRingSqliteFixture f) : KeyRingTests(f), IClassFixture<KeyRingSqliteFixture>;
public sealed class KeyRingTests_Postgres(KeyRingPostgresFixture f) : KeyRingTests(f), IClassFixture<KeyRingPostgresFixture>;
