using System.Diagnostics;

namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>
/// The OpenLDAP server that ./test.sh starts on 127.0.0.1 (scripts/slapd.sh) and names in LIANFANG_TEST_LDAP. Tests change
/// the directory with the OpenLDAP tools (ldapadd, ldapmodify) as its manager, as a directory's administrators would.
/// </summary>
public static class Slapd
{
    public const string Suffix = "dc=lianfang,dc=test";
    public const string People = "ou=people," + Suffix, Groups = "ou=groups," + Suffix;
    public const string ServiceDn = "cn=lianfang,ou=services," + Suffix, ServicePassword = "lianfang-svc-2026";
    public const string Password = "Directory-pass-2026";
    private const string Manager = "cn=admin," + Suffix, ManagerPassword = "slapd-test-admin";

    public static string Url =>
        Environment.GetEnvironmentVariable("LIANFANG_TEST_LDAP") is { Length: > 0 } url ? url
        : throw new InvalidOperationException(
            "The directory sign-in tests need OpenLDAP: run ./test.sh (it starts slapd on 127.0.0.1), " +
            "or start one with scripts/slapd.sh start DIR and set LIANFANG_TEST_LDAP to the URL it prints.");

    /// <summary>The same server over LDAPS (the next port), its certificate trusted through LDAPTLS_CACERT as ./test.sh sets it.</summary>
    public static string LdapsUrl(string host = "127.0.0.1")
    {
        if (Environment.GetEnvironmentVariable("LDAPTLS_CACERT") is not { Length: > 0 })
            throw new InvalidOperationException("The LDAPS test needs LDAPTLS_CACERT naming the test directory's certificate: run ./test.sh (DIR/cert.pem of scripts/slapd.sh).");
        return $"ldaps://{host}:{new Uri(Url).Port + 1}";
    }

    public static string UserDn(string uid) => $"uid={uid},{People}";
    public static string GroupDn(string cn) => $"cn={cn},{Groups}";

    /// <summary>A person in the directory with <see cref="Password"/>, in <paramref name="groups"/> (cns).</summary>
    public static async Task AddUserAsync(string uid, string? employeeNumber, params string[] groups)
    {
        string?[] lines = [$"dn: {UserDn(uid)}", "objectClass: inetOrgPerson", $"uid: {uid}", $"cn: 目录用户{uid}", $"sn: {uid}",
            $"displayName: 目录用户{uid}", employeeNumber is null ? null : $"employeeNumber: {employeeNumber}", $"userPassword: {Password}"];
        await RunAsync("ldapadd", string.Join("\n", lines.OfType<string>()) + "\n\n");
        foreach (var g in groups) await JoinAsync(uid, g);
    }

    public static Task JoinAsync(string uid, string group) => ModifyAsync(GroupDn(group), $"add: member\nmember: {UserDn(uid)}");

    public static Task LeaveAsync(string uid, string group) => ModifyAsync(GroupDn(group), $"delete: member\nmember: {UserDn(uid)}");

    /// <summary>Locks the account as an administrator does under the ppolicy overlay (a time of 00000101000000Z: until unlocked).</summary>
    public static Task LockAsync(string uid) => ModifyAsync(UserDn(uid), "add: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z");

    public static Task ModifyAsync(string dn, string change) => RunAsync("ldapmodify", $"dn: {dn}\nchangetype: modify\n{change}\n\n");

    private static async Task RunAsync(string tool, string ldif)
    {
        var start = new ProcessStartInfo(tool, ["-x", "-H", Url, "-D", Manager, "-w", ManagerPassword])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install ldap-utils)");
        await p.StandardInput.WriteAsync(ldif.Replace("\r", ""));
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{tool} failed ({p.ExitCode}): {error}{await output}\n{ldif}");
    }
}
