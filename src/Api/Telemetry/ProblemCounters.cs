using Workflows.Application.Common.Telemetry;

namespace Workflows.Api.Telemetry;

/// <summary>Counts the problems worth watching as they are written: 412s, and 409s by their code.</summary>
public static class ProblemCounters
{
    public static void Count(ProblemDetails problem)
    {
        switch (problem.Status)
        {
            case StatusCodes.Status412PreconditionFailed:
                WorkflowsTelemetry.PreconditionFailures.Add(1);
                break;
            case StatusCodes.Status409Conflict when WorkflowsTelemetry.Conflicts.Enabled:
                WorkflowsTelemetry.Conflicts.Add(1, new KeyValuePair<string, object?>(WorkflowsTelemetry.ErrorTypeTag, problem.Extensions.TryGetValue("code", out var code) ? code : null));
                break;
        }
    }
}
