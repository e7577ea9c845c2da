using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lianfang.Web.Data;

/// <summary>
/// Moves on every committed write of this node: what is cached from the database (the layout's 待办 and 预警 counts) is
/// kept while the clock stands still. Another node's writes are not seen here; caches bound that with a short lifetime.
/// </summary>
public sealed class WriteClock
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Tick() => Interlocked.Increment(ref _value);
}

/// <summary>
/// Ticks the <see cref="WriteClock"/> when a transaction commits and when a statement that is not a read runs outside one
/// (autocommitted). Ticking after the commit matters: a count read between the write and its commit still sees the old
/// data, and is then cached under the old value of the clock.
/// </summary>
public sealed class WriteClockInterceptor(WriteClock clock) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private static bool Reads(DbCommand c)
    {
        var text = c.CommandText.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase);
    }

    private void Executed(DbCommand command)
    {
        if (command.Transaction is null && !Reads(command)) clock.Tick();
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Executed(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        Executed(command);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Executed(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken ct = default)
    {
        Executed(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => clock.Tick();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        clock.Tick();
        return Task.CompletedTask;
    }
}
