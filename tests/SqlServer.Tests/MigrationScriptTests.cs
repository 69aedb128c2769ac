using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflows.Infrastructure.Data;

namespace Workflows.SqlServer.Tests;

/// <summary>
/// The SQL Server migrations, as the script EF generates for them (the idempotent one a deployment
/// step runs, and the plain one), parse as T-SQL. No connection is opened: the script is generated
/// from the migrations and the model alone.
/// </summary>
public class MigrationScriptTests
{
    private static SqlServerWorkflowsDbContext Context() =>
        new(new DbContextOptionsBuilder<SqlServerWorkflowsDbContext>()
            .UseSqlServer("Server=unreachable.invalid;Database=Workflows;Integrated Security=false;User ID=sa;Password=x;TrustServerCertificate=true")
            .Options);

    [TestCase(MigrationsSqlGenerationOptions.Idempotent)]
    [TestCase(MigrationsSqlGenerationOptions.Default)]
    public void The_migration_script_parses_as_TSql(MigrationsSqlGenerationOptions options)
    {
        using var context = Context();
        var script = context.GetService<IMigrator>().GenerateScript(options: options);

        Assert.That(context.Database.GetMigrations().ToList(), Has.Count.GreaterThanOrEqualTo(5), "the SQL Server migrations are found");
        foreach (var migration in context.Database.GetMigrations())
            Assert.That(script, Does.Contain(migration), "every migration is in the script");
        Assert.That(TransactSql.ErrorsIn(script), Is.Empty, "the script is T-SQL");
    }

    [Test]
    public void The_parser_refuses_what_is_not_TSql()
    {
        // The check above can fail: a statement SQL Server would refuse is reported with its line.
        var errors = TransactSql.ErrorsIn("SELECT 1;\nSELECT \"Id\" FROM \"Workflows\" LIMIT 5;");

        Assert.That(errors, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(errors[0], Does.StartWith("line 2"));
    }
}
