using Microsoft.AspNetCore.Hosting;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>Another instance of the service on the database of <paramref name="first"/>: what one instance stored, the other must see.</summary>
public sealed class SecondInstanceFactory(WorkflowsApiFactory first) : WorkflowsApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Workflows", first.Database.ConnectionString);
    }
}
