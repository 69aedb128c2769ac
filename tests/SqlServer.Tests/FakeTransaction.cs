using System.Data;
using System.Data.Common;

namespace Workflows.SqlServer.Tests;

/// <summary>A transaction that was never begun on a server: commit and rollback do nothing.</summary>
public sealed class FakeTransaction(DbConnection connection) : DbTransaction
{
    public override IsolationLevel IsolationLevel => IsolationLevel.ReadCommitted;
    protected override DbConnection DbConnection => connection;
    public override void Commit() { }
    public override void Rollback() { }
}
