using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>The service on a database of its own, recording every SQL command it sends.</summary>
public sealed class RecordingApiFactory : WorkflowsApiFactory
{
    public SqlRecorder Sql { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddDbInterceptor(Sql);
}
