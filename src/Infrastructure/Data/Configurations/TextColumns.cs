namespace Workflows.Infrastructure.Data.Configurations;

/// <summary>How text limits, which count code points, become column sizes, which count UTF-16 code units.</summary>
internal static class TextColumns
{
    /// <summary>SQL Server's collation for comparison keys: ordinal, as SQLite compares.</summary>
    public const string BinaryCollation = "Latin1_General_100_BIN2";

    /// <summary>PostgreSQL's collation for comparison keys: byte order, the same as code-point order in UTF-8.</summary>
    public const string PostgreSqlBinaryCollation = "C";

    /// <summary>A code point takes at most two UTF-16 code units (a surrogate pair).</summary>
    public static int For(int codePoints) => codePoints * 2;
}
