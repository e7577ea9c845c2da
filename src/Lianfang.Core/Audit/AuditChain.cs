using System.Buffers;
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

    /// <summary>
    /// SHA-256 of the fields' UTF-8 joined by U+001F. Encoded straight into one pooled buffer: an import writes an event a
    /// row, and the joined string with its byte copy was ≈ 5 % of what a 10,000-row import allocated.
    /// </summary>
    public static string ComputeHash(AuditEvent e)
    {
        Span<char> seq = stackalloc char[20], at = stackalloc char[24], user = stackalloc char[11];
        e.Seq.TryFormat(seq, out var seqLength, default, CultureInfo.InvariantCulture);
        Normalize(e.At).TryFormat(at, out var atLength, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var userLength = 0;
        e.UserId?.TryFormat(user, out userLength, default, CultureInfo.InvariantCulture);
        ReadOnlySpan<string> texts = [e.UserName ?? "", e.Action, e.EntityType, e.EntityId, e.OrgPath ?? "", e.Changes, e.PrevHash];
        var size = seqLength + atLength + userLength + texts.Length + 2; // the numbers are ASCII; one separator between fields
        foreach (var t in texts) size += Encoding.UTF8.GetByteCount(t);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var n = 0;
            void Put(ReadOnlySpan<char> field, bool last = false)
            {
                n += Encoding.UTF8.GetBytes(field, buffer.AsSpan(n));
                if (!last) buffer[n++] = 0x1f;
            }
            Put(seq[..seqLength]);
            Put(at[..atLength]);
            Put(user[..userLength]);
            for (var i = 0; i < texts.Length; i++) Put(texts[i], i == texts.Length - 1);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, n), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
