using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace Workflows.SqlServer.Tests;

/// <summary>One result set: column names and rows of values as SQLite handed them back (null for NULL).</summary>
public sealed record ResultSet(string[] Columns, List<object?[]> Rows);

/// <summary>What a command answered: its result sets (a reader), its row count (a non-query) or its value (a scalar).</summary>
public sealed record Answer(string Kind, IReadOnlyList<ResultSet> Sets, int RecordsAffected, object? Scalar, string SqliteText)
{
    /// <summary>The uuids the SQLite command wrote or asked for, in the order it names them.</summary>
    public IReadOnlyList<Guid> Uuids { get; init; } = [];

    public const string Reader = "reader", NonQuery = "non-query", ScalarKind = "scalar";

    public static async Task<Answer> ReadAllAsync(DbDataReader reader, string text, CancellationToken cancellationToken)
    {
        var sets = new List<ResultSet>();
        do
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            sets.Add(new ResultSet(columns, rows));
        } while (await reader.NextResultAsync(cancellationToken));
        return new Answer(Reader, sets, reader.RecordsAffected, null, text);
    }
}

/// <summary>
/// A reader over recorded rows that hands each value out as the type asked for, converting what
/// SQLite stores (text for uuids, timestamps and decimals, integers for booleans and every integer
/// width) as SQL Server's reader would have returned it.
/// </summary>
#pragma warning disable CA1010 // a DbDataReader enumerates records, as every provider's does
public sealed class RowsReader(IReadOnlyList<ResultSet> sets, int recordsAffected) : DbDataReader
{
    private int _set;
    private int _row = -1;
    private bool _closed;

    private ResultSet Set => sets[_set];
    private object? Value(int ordinal) => Set.Rows[_row][ordinal];

    public override int FieldCount => sets.Count == 0 ? 0 : Set.Columns.Length;
    public override int RecordsAffected => recordsAffected;
    public override bool HasRows => sets.Count > 0 && Set.Rows.Count > 0;
    public override bool IsClosed => _closed;
    public override int Depth => 0;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => sets.Count > 0 && ++_row < Set.Rows.Count;
    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public override bool NextResult()
    {
        if (_set + 1 >= sets.Count) return false;
        _set++;
        _row = -1;
        return true;
    }

    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => Task.FromResult(NextResult());
    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => Set.Columns[ordinal];
    public override int GetOrdinal(string name) => Array.FindIndex(Set.Columns, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override Type GetFieldType(int ordinal) =>
        Set.Rows.Select(r => r[ordinal]).FirstOrDefault(v => v is not null)?.GetType() ?? typeof(object);

    public override bool IsDBNull(int ordinal) => Value(ordinal) is null;
    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => Task.FromResult(IsDBNull(ordinal));
    public override object GetValue(int ordinal) => Value(ordinal) ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    public override T GetFieldValue<T>(int ordinal) => (T)Convert(Value(ordinal), typeof(T));
    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => Task.FromResult(GetFieldValue<T>(ordinal));
    public override bool GetBoolean(int ordinal) => GetFieldValue<bool>(ordinal);
    public override byte GetByte(int ordinal) => GetFieldValue<byte>(ordinal);
    public override char GetChar(int ordinal) => GetFieldValue<char>(ordinal);
    public override DateTime GetDateTime(int ordinal) => GetFieldValue<DateTime>(ordinal);
    public override decimal GetDecimal(int ordinal) => GetFieldValue<decimal>(ordinal);
    public override double GetDouble(int ordinal) => GetFieldValue<double>(ordinal);
    public override float GetFloat(int ordinal) => GetFieldValue<float>(ordinal);
    public override Guid GetGuid(int ordinal) => GetFieldValue<Guid>(ordinal);
    public override short GetInt16(int ordinal) => GetFieldValue<short>(ordinal);
    public override int GetInt32(int ordinal) => GetFieldValue<int>(ordinal);
    public override long GetInt64(int ordinal) => GetFieldValue<long>(ordinal);
    public override string GetString(int ordinal) => GetFieldValue<string>(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = GetFieldValue<byte[]>(ordinal);
        if (buffer is null) return bytes.Length;
        var n = (int)Math.Min(length, bytes.Length - dataOffset);
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var chars = GetString(ordinal).ToCharArray();
        if (buffer is null) return chars.Length;
        var n = (int)Math.Min(length, chars.Length - dataOffset);
        Array.Copy(chars, dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    public static object Convert(object? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null) throw new InvalidCastException($"NULL read as {type.Name}");
        if (target.IsInstanceOfType(value)) return value;
        var invariant = CultureInfo.InvariantCulture;
        if (target.IsEnum) return Enum.ToObject(target, System.Convert.ToInt64(value, invariant));
        return target switch
        {
            _ when target == typeof(Guid) => value is byte[] b ? new Guid(b) : Guid.Parse((string)value),
            _ when target == typeof(DateTime) => DateTime.Parse((string)value, invariant, DateTimeStyles.None),
            _ when target == typeof(DateTimeOffset) => DateTimeOffset.Parse((string)value, invariant),
            _ when target == typeof(TimeSpan) => TimeSpan.Parse((string)value, invariant),
            _ when target == typeof(bool) => value is string s ? s is "1" or "true" or "True" : System.Convert.ToInt64(value, invariant) != 0,
            _ when target == typeof(char) => value is string s ? s[0] : (char)System.Convert.ToInt32(value, invariant),
            _ when target == typeof(decimal) => value is string s ? decimal.Parse(s, NumberStyles.Float, invariant) : System.Convert.ToDecimal(value, invariant),
            _ when target == typeof(object) => value,
            _ => System.Convert.ChangeType(value, target, invariant),
        };
    }
}
#pragma warning restore CA1010
