using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;

namespace Lianfang.Web.Features.Account;

public enum DirectoryVerdict { Succeeded, WrongPassword, Locked, PasswordExpired, Unavailable }

/// <summary>A directory entry that proved its password: its DN, 工号, names and the DNs and cns of its groups.</summary>
public sealed record DirectoryUser(string Dn, string? PersonKey, string? DisplayName, string? Email, IReadOnlyList<string> GroupDns)
{
    /// <summary>Whether the user is in <paramref name="group"/>, given as a DN or as a cn alone.</summary>
    public bool IsMember(string group)
    {
        var wanted = Ldap.NormalizeDn(group);
        var byName = !group.Contains('='); // a cn alone
        return GroupDns.Any(dn => Ldap.NormalizeDn(dn) == wanted
            || (byName && string.Equals(Ldap.FirstValue(dn), group.Trim(), StringComparison.OrdinalIgnoreCase)));
    }
}

public sealed record DirectoryCheck(DirectoryVerdict Verdict, DirectoryUser? User = null);

/// <summary>
/// Asks the directory (LDAP v3, System.DirectoryServices.Protocols; libldap on Linux) whether a name and password are
/// right: the service account finds the user's entry and groups, then the user's own DN binds with the password typed.
/// Only the bind decides; a password is never read or compared here.
/// </summary>
public sealed class LdapDirectory(DirectoryOptions options, ILogger<LdapDirectory> log)
{
    // OpenLDAP ppolicy, 389/FreeIPA and Active Directory each keep "locked or disabled" in their own attribute
    private static readonly string[] LockAttributes = ["pwdAccountLockedTime", "nsAccountLock", "userAccountControl"];

    public Task<DirectoryCheck> CheckAsync(string userName, string password, CancellationToken ct) => Task.Run(() => Check(userName, password), ct);

    /// <summary>Connects and binds as the service account, for the start-up log and the 安全策略 page: null when it works, else why not.</summary>
    public Task<string?> ProbeAsync(CancellationToken ct) => Task.Run(() =>
    {
        try
        {
            using var conn = Connect();
            BindService(conn);
            return (string?)null;
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or TimeoutException)
        {
            return Describe(e);
        }
    }, ct);

    private DirectoryCheck Check(string userName, string password)
    {
        // an empty password is an unauthenticated bind, which many servers answer with success
        if (userName.Length == 0 || password.Length == 0) return new(DirectoryVerdict.WrongPassword);
        var timeout = TimeSpan.FromSeconds(options.Timeout);
        try
        {
            using var conn = Connect();
            BindService(conn);
            var filter = options.UserFilter.Replace("{0}", Ldap.Escape(userName));
            string[] attributes = [.. new[] { options.PersonAttribute, options.DisplayNameAttribute, options.EmailAttribute, "cn", "memberOf" }
                .Concat(LockAttributes).OfType<string>().Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
            var search = new SearchRequest(options.BaseDn, filter, SearchScope.Subtree, attributes) { SizeLimit = 2 };
            SearchResponse found;
            try
            {
                found = (SearchResponse)conn.SendRequest(search, timeout);
            }
            catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.SizeLimitExceeded)
            {
                log.LogWarning("Directory sign-in: {Filter} matched more than one entry; refused", filter);
                return new(DirectoryVerdict.WrongPassword); // the filter does not name one person
            }
            if (found.Entries.Count != 1)
            {
                if (found.Entries.Count > 1) log.LogWarning("Directory sign-in: {Filter} matched more than one entry; refused", filter);
                return new(DirectoryVerdict.WrongPassword); // no such user answers as a wrong password does
            }
            var entry = found.Entries[0];
            var groups = new List<string>(Ldap.Values(entry, "memberOf"));
            var groupFilter = options.GroupFilter.Replace("{0}", Ldap.Escape(entry.DistinguishedName));
            var groupBase = string.IsNullOrWhiteSpace(options.GroupBaseDn) ? options.BaseDn : options.GroupBaseDn;
            var inGroups = (SearchResponse)conn.SendRequest(new SearchRequest(groupBase, groupFilter, SearchScope.Subtree, "cn"), timeout);
            groups.AddRange(inGroups.Entries.Cast<SearchResultEntry>().Select(g => g.DistinguishedName));

            try
            {
                conn.Bind(new NetworkCredential(entry.DistinguishedName, password));
            }
            catch (LdapException e) when (e.ErrorCode == 49) // invalidCredentials: also what a locked account gets
            {
                var said = e.ServerErrorMessage ?? "";
                // Active Directory names the reason in the message: 775 locked, 533 disabled, 701 expired; 532 and 773 the password
                if (said.Contains("data 532") || said.Contains("data 773")) return new(DirectoryVerdict.PasswordExpired);
                if (said.Contains("data 775") || said.Contains("data 533") || said.Contains("data 701") || Locked(entry))
                    return new(DirectoryVerdict.Locked);
                return new(DirectoryVerdict.WrongPassword);
            }
            var personKey = string.IsNullOrWhiteSpace(options.PersonAttribute) ? null : Ldap.Values(entry, options.PersonAttribute).FirstOrDefault();
            var display = Ldap.Values(entry, options.DisplayNameAttribute).FirstOrDefault() ?? Ldap.Values(entry, "cn").FirstOrDefault();
            var email = string.IsNullOrWhiteSpace(options.EmailAttribute) ? null : Ldap.Values(entry, options.EmailAttribute).FirstOrDefault();
            return new(DirectoryVerdict.Succeeded, new DirectoryUser(entry.DistinguishedName, personKey?.Trim(), display?.Trim(), email?.Trim(),
                groups.Distinct(StringComparer.OrdinalIgnoreCase).ToList()));
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or TimeoutException)
        {
            log.LogError("Directory sign-in of {UserName}: the directory at {Url} did not answer as expected: {Reason}", userName, options.Url, Describe(e));
            return new(DirectoryVerdict.Unavailable);
        }
    }

    /// <summary>An entry the directory itself keeps locked or disabled.</summary>
    private static bool Locked(SearchResultEntry entry) =>
        Ldap.Values(entry, "pwdAccountLockedTime").Any()
        || Ldap.Values(entry, "nsAccountLock").Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase))
        || Ldap.Values(entry, "userAccountControl").Any(v => int.TryParse(v, out var flags) && (flags & 2) != 0);

    private LdapConnection Connect()
    {
        var url = options.Address;
        var conn = new LdapConnection(new LdapDirectoryIdentifier(url.Host, options.Port), null, AuthType.Basic)
        {
            Timeout = TimeSpan.FromSeconds(options.Timeout),
        };
        conn.SessionOptions.ProtocolVersion = 3;
        conn.SessionOptions.ReferralChasing = ReferralChasingOptions.None; // a referral to another server would hang a sign-in
        if (options.Secure) conn.SessionOptions.SecureSocketLayer = true;
        return conn;
    }

    private void BindService(LdapConnection conn)
    {
        if (string.IsNullOrWhiteSpace(options.BindDn))
        {
            conn.AuthType = AuthType.Anonymous;
            conn.Bind();
            conn.AuthType = AuthType.Basic;
        }
        else conn.Bind(new NetworkCredential(options.BindDn, options.BindPassword));
    }

    private static string Describe(Exception e) => e switch
    {
        LdapException { ErrorCode: 49 } => "服务账号（BindDn/BindPassword）无法登录目录",
        LdapException l => $"LDAP {l.ErrorCode}: {l.Message}{(string.IsNullOrEmpty(l.ServerErrorMessage) ? "" : $" ({l.ServerErrorMessage})")}",
        DirectoryOperationException d => $"LDAP {(int?)d.Response?.ResultCode} {d.Response?.ResultCode}: {d.Message}",
        _ => e.Message,
    };
}

/// <summary>Small LDAP text rules.</summary>
public static class Ldap
{
    /// <summary>A value placed in a search filter, escaped as RFC 4515 asks, so a name cannot widen the filter.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
            sb.Append(c switch { '\\' => @"\5c", '*' => @"\2a", '(' => @"\28", ')' => @"\29", '\0' => @"\00", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>A DN to compare: lower case, no spaces around the separators.</summary>
    public static string NormalizeDn(string dn)
    {
        var parts = dn.Split(',').Select(rdn => string.Join("=", rdn.Split('=').Select(p => p.Trim())));
        return string.Join(",", parts).ToLowerInvariant();
    }

    /// <summary>The value of a DN's first part (the cn of <c>cn=finance,ou=groups,…</c>).</summary>
    public static string FirstValue(string dn)
    {
        var first = dn.Split(',')[0];
        var eq = first.IndexOf('=');
        return eq < 0 ? first.Trim() : first[(eq + 1)..].Trim();
    }

    /// <summary>An attribute's values as text, whatever case the server spells its name in.</summary>
    public static IEnumerable<string> Values(SearchResultEntry entry, string? attribute)
    {
        if (string.IsNullOrEmpty(attribute)) yield break;
        foreach (string name in entry.Attributes.AttributeNames)
        {
            if (!string.Equals(name, attribute, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var v in entry.Attributes[name].GetValues(typeof(string)))
                if (v is string s && s.Length > 0) yield return s;
        }
    }
}
