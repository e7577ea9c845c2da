using Lianfang.Core.Audit;

namespace Lianfang.Core.Tests.Audit;

public class AuditChainTests
{
    private static List<AuditEvent> Chain(int n)
    {
        var list = new List<AuditEvent>();
        var prev = AuditChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = new AuditEvent(i, new DateTime(2026, 11, 23, 8, 0, i, 123, DateTimeKind.Utc).AddTicks(4567), 1, "admin", "Update",
                "OrgUnit", "5", "0001", $"{{\"Name\":[\"旧{i}\",\"新{i}\"]}}", prev);
            prev = e.Hash;
            list.Add(e);
        }
        return list;
    }

    /// <summary>What someone with write access to the database could do to a row.</summary>
    private static void Set(AuditEvent e, string property, object value) => typeof(AuditEvent).GetProperty(property)!.SetValue(e, value);

    /// <summary>
    /// The hash of a fixed event, as every stored chain was written: a change to how the hash is computed must keep it, or
    /// every installation's existing chain would fail to verify. Chinese text, a character outside the BMP and a null user.
    /// </summary>
    [Fact]
    public void The_hash_of_a_known_event_stays_what_stored_chains_were_written_with()
    {
        var e = new AuditEvent(42, new DateTime(2026, 12, 2, 14, 30, 5, 678, DateTimeKind.Utc), null, null, "Insert", "RiskPoint", "1001",
            "000100020003", "{\"Description\":[null,\"违规审批𠀋项目\"],\"Seq\":[null,7]}", AuditChain.Genesis);
        Assert.Equal("cedf6978aa6d60f8682f09699e720b0ba0eece5402a4611d34a5cddedef345ab", e.Hash);
        var signed = new AuditEvent(43, e.At, 7, "王芳", "Sign", "RiskList", "12", null, "{}", e.Hash);
        Assert.Equal("d9f5cf9fc17fd2e2c1c85b540bd1eb0ded5372ce9f27d524586369c8debd3734", signed.Hash);
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var result = AuditChain.Verify(Chain(5));
        Assert.True(result.Ok);
        Assert.Equal(5, result.Checked);
    }

    [Fact]
    public void Times_are_hashed_at_millisecond_precision_so_database_round_trips_keep_the_hash()
    {
        var e = Chain(1)[0];
        Assert.Equal(0, e.At.Ticks % TimeSpan.TicksPerMillisecond);
        Set(e, nameof(AuditEvent.At), DateTime.SpecifyKind(e.At, DateTimeKind.Unspecified));
        Assert.True(AuditChain.Verify([e]).Ok);
    }

    [Fact]
    public void An_edited_event_is_found()
    {
        var chain = Chain(5);
        Set(chain[2], nameof(AuditEvent.Changes), "{\"Name\":[\"旧\",\"篡改\"]}");
        var result = AuditChain.Verify(chain);
        Assert.False(result.Ok);
        Assert.Equal(3, result.BrokenAtSeq);
        Assert.Contains("篡改", result.Reason);
    }

    [Fact]
    public void A_deleted_event_is_found()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        var result = AuditChain.Verify(chain);
        Assert.False(result.Ok);
        Assert.Equal(3, result.BrokenAtSeq);
    }

    [Fact]
    public void A_rehashed_forgery_still_breaks_the_link_to_the_next_event()
    {
        var chain = Chain(4);
        Set(chain[1], nameof(AuditEvent.UserName), "someone-else");
        Set(chain[1], nameof(AuditEvent.Hash), AuditChain.ComputeHash(chain[1]));
        var result = AuditChain.Verify(chain);
        Assert.False(result.Ok);
        Assert.Equal(3, result.BrokenAtSeq);
    }
}
