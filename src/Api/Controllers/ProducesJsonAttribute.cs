using Microsoft.AspNetCore.Mvc.Filters;

namespace Workflows.Api.Controllers;

/// <summary>
/// <c>[Produces("application/json")]</c> for the bodies an action returns, without forcing it onto
/// the problem bodies MVC writes itself (binding failures, 415): those stay
/// <c>application/problem+json</c>, like every other error of the service.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ProducesJsonAttribute() : ProducesAttribute("application/json")
{
    public override void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ObjectResult { Value: ProblemDetails }) return;
        base.OnResultExecuting(context);
    }
}
