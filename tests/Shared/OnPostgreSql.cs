namespace Workflows;

/// <summary>
/// Compiled only into the suites that run on PostgreSQL (in the root namespace of every test, so
/// it runs once before all of them): every test host of the run gets a database of its own on
/// the server <c>WORKFLOWS_TEST_POSTGRES</c> names, and without a server the suite is ignored.
/// </summary>
[SetUpFixture]
public sealed class OnPostgreSql
{
    [OneTimeSetUp]
    public void UsePostgreSql()
    {
        if (TestDatabase.PostgresServer is null)
            Assert.Ignore($"No PostgreSQL server: set {TestDatabase.PostgresVariable} to run this suite (CI always does).");
        TestDatabase.Provider = TestProvider.PostgreSql;
    }
}
