using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Infrastructure.Data;

namespace Workflows.TestSupport;

public static class InterceptorRegistration
{
    /// <summary>Puts <paramref name="interceptor"/> under the service's DbContext, whichever provider it runs on.</summary>
    public static IServiceCollection AddDbInterceptor(this IServiceCollection services, IInterceptor interceptor)
    {
        services.ConfigureDbContext<SqliteWorkflowsDbContext>(options => options.AddInterceptors(interceptor));
        services.ConfigureDbContext<PostgreSqlWorkflowsDbContext>(options => options.AddInterceptors(interceptor));
        services.ConfigureDbContext<SqlServerWorkflowsDbContext>(options => options.AddInterceptors(interceptor));
        return services;
    }
}
