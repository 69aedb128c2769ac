using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Workflows.SqlServer.Tests;

/// <summary>Microsoft's T-SQL parser (SQL Server 2022's grammar), with quoted identifiers on as EF's connections have them.</summary>
public static class TransactSql
{
    /// <summary>The parser's errors for <paramref name="sql"/>, each as "line N: message (near text)"; empty when it parses.</summary>
    public static IReadOnlyList<string> ErrorsIn(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        var lines = sql.Split('\n');
        return errors.Select(e =>
        {
            var line = e.Line >= 1 && e.Line <= lines.Length ? lines[e.Line - 1].TrimEnd() : "";
            return $"line {e.Line}, column {e.Column}: {e.Message} in: {line}";
        }).ToList();
    }
}
