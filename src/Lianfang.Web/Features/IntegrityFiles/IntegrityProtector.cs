using Microsoft.AspNetCore.DataProtection;

namespace Lianfang.Web.Features.IntegrityFiles;

/// <summary>
/// Seals 廉政档案 content with ASP.NET Core Data Protection under a key ring of its own, kept in a directory outside the
/// database (<c>Lianfang:IntegrityKeysPath</c>), so a copy of the database file alone reveals nothing.
/// </summary>
public sealed class IntegrityProtector
{
    private readonly IDataProtector _protector;

    public IntegrityProtector(IConfiguration config, IWebHostEnvironment env)
    {
        var path = config["Lianfang:IntegrityKeysPath"] is { Length: > 0 } p ? p : Path.Combine(env.ContentRootPath, "data", "keys");
        var dir = Directory.CreateDirectory(Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path));
        _protector = DataProtectionProvider.Create(dir, b => b.SetApplicationName("Lianfang.IntegrityFiles").ProtectKeysAtRest(config))
            .CreateProtector("Lianfang.IntegrityFile.v1");
    }

    public string Seal(string plain) => _protector.Protect(plain);
    public string Open(string sealedText) => _protector.Unprotect(sealedText);
}
