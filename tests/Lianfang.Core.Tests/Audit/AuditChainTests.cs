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
