using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Lianfang.Web.Data;

/// <summary>
/// Writes domain objects straight into their tables, bypassing the change tracker: binary COPY on PostgreSQL, one
/// prepared INSERT per table on SQLite. Tables, columns and value conversions (enums as text, JSON columns) come from
/// the EF model, so a row written here reads back exactly as EF wrote it. Rows keep the ids the caller gave them
/// (<see cref="ReserveIdsAsync{T}"/> hands out ids from the table's own sequence). Used by imports and the data-set generator.
/// </summary>
internal sealed class BulkWriter(AppDbContext db)
{
    private sealed record Column(string Name, IProperty Property, Func<object, object?> Read);
    private sealed record Table(string Name, IReadOnlyList<Column> Columns, string? IdentityColumn);

    private readonly Dictionary<Type, SqliteCommand> _inserts = [];
    private readonly HashSet<Table> _written = [];

    public long Rows { get; private set; }

    public async Task WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var table = TableOf(typeof(T));
        _written.Add(table);
        var conn = db.Database.GetDbConnection();
        if (conn is NpgsqlConnection pg)
        {
            var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
            await using var copy = await pg.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                copy.StartRow();
                foreach (var c in table.Columns) WritePg(copy, c.Read(row));
                Rows++;
            }
            await copy.CompleteAsync(ct);
            return;
        }
        var cmd = Insert(typeof(T), table, (SqliteConnection)conn);
        foreach (var row in rows)
        {
            for (var i = 0; i < table.Columns.Count; i++) cmd.Parameters[i].Value = table.Columns[i].Read(row) ?? DBNull.Value;
            cmd.ExecuteNonQuery();
            Rows++;
        }
    }

    /// <summary>
    /// Takes as many ids as there are <paramref name="rows"/> from the table's sequence and sets them on them. Call inside the write
    /// transaction: on SQLite it holds the write lock, so nobody else takes the same ids.
    /// </summary>
    public async Task ReserveIdsAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var table = entity.GetTableName()!;
        var column = key.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!;
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = db.IsPostgres
            ? $"SELECT nextval(pg_get_serial_sequence('\"{table}\"', '{column}')) FROM generate_series(1, {rows.Count})"
            : $"SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), (SELECT MAX(\"{column}\") FROM \"{table}\"), 0)";
        var ids = new List<long>(rows.Count);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        if (!db.IsPostgres) ids = [.. Enumerable.Range(1, rows.Count).Select(i => ids[0] + i)];
        for (var i = 0; i < rows.Count; i++) Keyed(db.Model, rows[i], ids[i]);
    }

    /// <summary>
    /// Gives a new row the id it is written with, as the database gives one on insert (and EF sets it back): the primary
    /// key and nothing else. For ids reserved here, or numbered by a caller that writes into an empty database (the
    /// data-set generator), so that rows referring to this one can be made before it is written.
    /// </summary>
    public static T Keyed<T>(IModel model, T row, long id) where T : class
    {
        var key = model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Single();
        key.PropertyInfo!.SetValue(row, Convert.ChangeType(id, key.ClrType));
        return row;
    }

    /// <summary>
    /// Releases the prepared inserts. With <paramref name="resetSequences"/> (ids chosen by the caller, not reserved),
    /// identity sequences on PostgreSQL continue after the highest id written; SQLite's AUTOINCREMENT does so itself.
    /// Reserved ids need no reset, and a reset could hand out ids another transaction has reserved.
    /// </summary>
    public async Task FinishAsync(CancellationToken ct, bool resetSequences = true)
    {
        foreach (var cmd in _inserts.Values) await cmd.DisposeAsync();
        _inserts.Clear();
        if (!db.IsPostgres || !resetSequences) return;
        // Table and column names come from the EF model, not from input.
#pragma warning disable EF1002, EF1003 // interpolated, and split over two lines
        foreach (var t in _written.Where(t => t.IdentityColumn is not null))
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{t.Name}\"', '{t.IdentityColumn}'), " +
                $"(SELECT COALESCE(MAX(\"{t.IdentityColumn}\"), 1) FROM \"{t.Name}\"))", ct);
#pragma warning restore EF1002, EF1003
    }

    private SqliteCommand Insert(Type type, Table table, SqliteConnection conn)
    {
        var tx = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        // A prepared insert belongs to the transaction it was made in.
        if (_inserts.TryGetValue(type, out var cmd) && cmd.Transaction == tx) return cmd;
        cmd?.Dispose();
        cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) " +
                          $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < table.Columns.Count; i++) cmd.Parameters.Add(new SqliteParameter("$p" + i, null));
        cmd.Prepare();
        return _inserts[type] = cmd;
    }

    private static void WritePg(NpgsqlBinaryImporter copy, object? value)
    {
        switch (value)
        {
            case null: copy.WriteNull(); break;
            case string s: copy.Write(s, NpgsqlDbType.Text); break;
            case int i: copy.Write(i, NpgsqlDbType.Integer); break;
            case long l: copy.Write(l, NpgsqlDbType.Bigint); break;
            case bool b: copy.Write(b, NpgsqlDbType.Boolean); break;
            case DateTime d: copy.Write(DateTime.SpecifyKind(d, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
            case DateOnly d: copy.Write(d, NpgsqlDbType.Date); break;
            case decimal m: copy.Write(m, NpgsqlDbType.Numeric); break;
            case byte[] bytes: copy.Write(bytes, NpgsqlDbType.Bytea); break;
            default: throw new NotSupportedException($"No COPY mapping for {value.GetType()}");
        }
    }

    private Table TableOf(Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var p in entity.GetProperties())
        {
            if (p.IsShadowProperty()) throw new InvalidOperationException($"{type.Name}.{p.Name} is a shadow property; bulk writes need CLR properties");
            var getter = p.GetGetter();
            var converter = p.GetTypeMapping().Converter;
            columns.Add(new Column(p.GetColumnName(store)!, p, row =>
            {
                var v = getter.GetClrValue(row);
                if (v is not null && converter is not null) v = converter.ConvertToProvider(v);
                return v is Enum e ? Convert.ToInt32(e) : v;
            }));
        }
        var key = entity.FindPrimaryKey()!.Properties;
        var identity = key.Count == 1 && key[0].ValueGenerated == ValueGenerated.OnAdd ? key[0].GetColumnName(store) : null;
        return new Table(entity.GetTableName()!, columns, identity);
    }
}
