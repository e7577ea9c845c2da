using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lianfang.Core.Audit;

/// <summary>One append-only audit event. <see cref="Hash"/> covers every field and the previous event's hash.</summary>
public sealed class AuditEvent
{
    private AuditEvent() { Action = EntityType = EntityId = Changes = PrevHash = Hash = ""; }

    public AuditEvent(long seq, DateTime at, int? userId, string? userName, string action, string entityType,
        string entityId, string? orgPath, string changes, string prevHash)
    {
        Seq = seq;
        At = AuditChain.Normalize(at);
        UserId = userId;
        UserName = userName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        OrgPath = orgPath;
        Changes = changes;
        PrevHash = prevHash;
        Hash = AuditChain.ComputeHash(this);
    }

    public long Seq { get; private set; }
    public DateTime At { get; private set; }
    public int? UserId { get; private set; }
    public string? UserName { get; private set; }
    /// <summary>Insert, Update, Delete, or a named action such as Login.</summary>
    public string Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    /// <summary>Tree path of the org unit the change belongs to, so readers see only their scope.</summary>
    public string? OrgPath { get; private set; }
    /// <summary>JSON object: property → [before, after].</summary>
    public string Changes { get; private set; }
    public string PrevHash { get; private set; }
    public string Hash { get; private set; }
}

public sealed record AuditVerification(bool Ok, long Checked, long? BrokenAtSeq, string? Reason);

public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>Databases keep microseconds at best; hash what survives the round trip.</summary>
    public static DateTime Normalize(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    public static string ComputeHash(AuditEvent e)
    {
        var canonical = string.Join('\u001f',
            e.Seq.ToString(CultureInfo.InvariantCulture),
            Normalize(e.At).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.UserId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.UserName ?? "", e.Action, e.EntityType, e.EntityId, e.OrgPath ?? "", e.Changes, e.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Walks the events in sequence order; any edited, removed or reordered event breaks the chain.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEvent> eventsInOrder)
    {
        var expectedSeq = 1L;
        var prev = Genesis;
        foreach (var e in eventsInOrder)
        {
            if (e.Seq != expectedSeq)
                return new(false, expectedSeq - 1, e.Seq, $"序号不连续：应为 {expectedSeq}，实为 {e.Seq}（有记录被删除）");
            if (e.PrevHash != prev)
                return new(false, expectedSeq - 1, e.Seq, "前序哈希不符（记录被删除或替换）");
            if (ComputeHash(e) != e.Hash)
                return new(false, expectedSeq - 1, e.Seq, "内容与哈希不符（记录被篡改）");
            prev = e.Hash;
            expectedSeq++;
        }
        return new(true, expectedSeq - 1, null, null);
    }
}
