using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Lianfang.Web.Infrastructure;

/// <summary>
/// The Data Protection key rings (sign-in cookies and tokens in the database; 廉政档案 in their own directory) encrypted at
/// rest with a certificate of the installation (等保: confidentiality of stored keys). Without a certificate configured
/// the keys lie in plain XML, which the app warns about outside development.
/// </summary>
public static class KeyRings
{
    public const string CertificatePathSetting = "Lianfang:DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "Lianfang:DataProtection:CertificatePassword";

    public static bool Configured(IConfiguration config) => !string.IsNullOrEmpty(config[CertificatePathSetting]);

    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration config)
    {
        if (!Configured(config)) return builder;
        var cert = Certificate(config);
        // the same certificate decrypts: keys written by any node of the installation open on every other one
        return builder.ProtectKeysWithCertificate(cert).UnprotectKeysWithAnyCertificate(cert);
    }

    private static X509Certificate2 Certificate(IConfiguration config)
    {
        var path = config[CertificatePathSetting]!;
        if (!File.Exists(path)) throw new InvalidOperationException($"密钥保护证书不存在：{path}（{CertificatePathSetting}）");
        var cert = X509CertificateLoader.LoadPkcs12FromFile(path, config[CertificatePasswordSetting]);
        if (!cert.HasPrivateKey) throw new InvalidOperationException($"密钥保护证书 {path} 不含私钥，无法解密已保存的密钥");
        return cert;
    }
}
