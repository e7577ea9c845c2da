using System.Text.Json;
using Lianfang.Core.Audit;
using Lianfang.Core.Org;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Lianfang.Web.Data;

/// <summary>Turns tracked changes into before/after records for the audit trail, leaving secrets out.</summary>
internal static class AuditCapture
{
    private static readonly HashSet<string> SecretProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Version", "NormalizedUserName", "NormalizedEmail", "SealedPrivateKey"];

    /// <summary>
    /// Business content the audit administrator must not read through the trail (三员分立): what a petition says and who
    /// sent it, a 四种形态 disposition's measure and reason, a 廉政档案 entry. The trail keeps that the field changed.
    /// </summary>
    private static readonly Dictionary<Type, HashSet<string>> ConfidentialProperties = new()
    {
        [typeof(Lianfang.Core.Supervision.Complaint)] = ["Content", "ContactName", "Contact", "Note"],
        [typeof(Lianfang.Core.Supervision.Disposition)] = ["Measure", "Reason"], // why it was withdrawn is the trail's business
        [typeof(Lianfang.Core.Files.IntegrityFileEntry)] = ["Sealed"],
    };
    public const string Withheld = "（保密内容，不记入审计日志）";

    internal sealed class Pending(EntityEntry entry, string action, Dictionary<string, object?[]> changes)
    {
        public EntityEntry Entry { get; } = entry;
        public string Action { get; } = action;
        public string EntityType { get; } = entry.Metadata.ClrType.Name;

        public string EntityId() => string.Join(",", Entry.Metadata.FindPrimaryKey()!.Properties
            .Select(p => Entry.Property(p.Name).CurrentValue?.ToString()));

        public string ChangesJson()
        {
            // Generated keys are known only after the save: fill the "after" side of inserts now.
            if (Action == "Insert")
                foreach (var p in Entry.Properties.Where(p => p.Metadata.IsPrimaryKey() || p.Metadata.IsForeignKey()))
                    if (changes.ContainsKey(p.Metadata.Name)) changes[p.Metadata.Name] = [null, p.CurrentValue];
            return JsonSerializer.Serialize(changes, JsonOptions);
        }
    }

    /// <summary>Chinese kept as it is, so the trail reads on its own.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static List<Pending> Capture(ChangeTracker tracker)
    {
        var result = new List<Pending>();
        foreach (var e in tracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            // Warnings are derived by the sweep from audited data; auditing each refresh would only repeat it.
            // The 汇总表 rollups are counted from audited lists and points, like the tallies on a point.
            if (e.Entity is AuditEvent or DataProtectionKey or Lianfang.Core.Supervision.Warning or Lianfang.Core.Reports.SummaryRollup) continue;
            var changes = Changes(e, e.State);
            if (e.State == EntityState.Modified && changes.Count == 0) continue;
            var action = e.State switch { EntityState.Added => "Insert", EntityState.Deleted => "Delete", _ => "Update" };
            result.Add(new Pending(e, action, changes));
        }
        return result;
    }

    /// <summary>An insert of a row written without the change tracker (a bulk import), recorded as EF would have.</summary>
    public static Pending Inserted(EntityEntry detached) => new(detached, "Insert", Changes(detached, EntityState.Added));

    /// <summary>Before/after of each property that changed (every set property of an insert), secrets masked.</summary>
    private static Dictionary<string, object?[]> Changes(EntityEntry e, EntityState state)
    {
        var secretEntity = e.Entity is IdentityUserToken<int>; // authenticator keys, recovery codes
        var confidential = ConfidentialProperties.GetValueOrDefault(e.Metadata.ClrType);
        var changes = new Dictionary<string, object?[]>();
        foreach (var p in e.Properties)
        {
            if (SecretProperties.Contains(p.Metadata.Name)) continue;
            var before = state == EntityState.Added ? null : p.OriginalValue;
            var after = state == EntityState.Deleted ? null : p.CurrentValue;
            if (state == EntityState.Modified && !p.IsModified) continue;
            if (state == EntityState.Modified && Equals(before, after)) continue;
            if (state == EntityState.Added && after is null) continue;
            if (secretEntity && p.Metadata.Name == "Value") { before = before is null ? null : "***"; after = after is null ? null : "***"; }
            if (confidential?.Contains(p.Metadata.Name) == true) { before = before is null ? null : Withheld; after = after is null ? null : Withheld; }
            if (before is byte[] b0) before = $"<{b0.Length} 字节>"; // file contents: their hash is on the file's own row
            if (after is byte[] b1) after = $"<{b1.Length} 字节>";
            if (before is Enum) before = before.ToString(); // names, not numbers, so the trail reads on its own
            if (after is Enum) after = after.ToString();
            changes[p.Metadata.Name] = [before, after];
        }
        return changes;
    }

    /// <summary>Finds the org path each change belongs to, with one query for units not already tracked.</summary>
    public static async Task<Func<Pending, string?>> ResolveOrgPathsAsync(AppDbContext db, List<Pending> captured, CancellationToken ct)
    {
        static int? UnitIdOf(Pending p) => p.Entry.Entity switch
        {
            OrgUnit => null,
            AgencySupervision s => s.AgencyId,
            // things that name their unit otherwise, so scoped readers (the commission) see their changes
            Core.Register.Campaign c => c.RootOrgUnitId,
            Core.Supervision.Rectification r => r.OwnerOrgUnitId,
            _ => p.Entry.Metadata.FindProperty("OrgUnitId") is { } prop ? p.Entry.Property(prop.Name).CurrentValue as int? : null,
        };
        var known = db.ChangeTracker.Entries<OrgUnit>().ToDictionary(e => e.Entity.Id, e => e.Entity.Path);
        var missing = captured.Select(UnitIdOf).OfType<int>().Where(id => !known.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
            foreach (var u in await db.OrgUnits.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync(ct))
                known[u.Id] = u.Path;
        return p => p.Entry.Entity is OrgUnit u ? u.Path
            : UnitIdOf(p) is { } id && known.TryGetValue(id, out var path) ? path : null;
    }
}
