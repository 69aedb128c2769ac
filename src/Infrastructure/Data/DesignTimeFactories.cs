using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflows.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the service.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkflowsDbContext>
{
    public SqliteWorkflowsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerWorkflowsDbContext>
{
    public SqlServerWorkflowsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerWorkflowsDbContext>()
            .UseSqlServer("Server=localhost;Database=Workflows;Integrated Security=true;TrustServerCertificate=true")
            .Options);
}

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlWorkflowsDbContext>
{
    public PostgreSqlWorkflowsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlWorkflowsDbContext>()
            .UseNpgsql("Host=localhost;Database=workflows;Username=workflows")
            .Options);
}
