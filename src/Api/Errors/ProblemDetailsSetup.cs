using Workflows.Api.Telemetry;

namespace Workflows.Api.Errors;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every error is an RFC 9457 problem with a <c>traceId</c> and a <c>code</c>: exceptions through
    /// <see cref="ProblemDetailsExceptionHandler"/>, bodiless answers (401, 404 on an unknown route,
    /// 405…) through the status-code pages.
    /// </summary>
    public static IServiceCollection AddWorkflowsProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            problem.Extensions["traceId"] = Problems.TraceId(ctx.HttpContext);
            if (!problem.Extensions.ContainsKey("code") && problem.Status is { } status)
            {
                var (code, detail) = Problems.ForStatus(status);
                problem.Extensions["code"] = code;
                problem.Detail ??= status == StatusCodes.Status401Unauthorized
                    ? Security.TokenRules.RefusalDetail(ctx.HttpContext) ?? detail
                    : detail;
                problem.Title = Problems.Title(status);
            }
            ProblemCounters.Count(problem);
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return services;
    }
}
