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

    /// <summary>Loaded once per file: both key rings (and every app built in one process) share it.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string?), X509Certificate2> Loaded = new();

    private static X509Certificate2 Certificate(IConfiguration config) =>
        Loaded.GetOrAdd((config[CertificatePathSetting]!, config[CertificatePasswordSetting]), key => Load(key.Item1, key.Item2));

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"密钥保护证书不存在：{path}（{CertificatePathSetting}）");
        var cert = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        if (!cert.HasPrivateKey) throw new InvalidOperationException($"密钥保护证书 {path} 不含私钥，无法解密已保存的密钥");
        return cert;
    }
}
