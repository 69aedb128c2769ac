using Workflows.Api.Http;

namespace Workflows.Api.Controllers;

/// <summary>What every controller shares: the mediator, and answering with an ETag.</summary>
[ApiController]
[ProducesJson]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
public abstract class ApiControllerBase(ISender sender) : ControllerBase
{
    protected ISender Sender { get; } = sender;

    /// <summary>The address of a resource, built from the name of the route that serves it (for <c>Location</c>).</summary>
    protected string Link(string routeName, object values) =>
        Url.RouteUrl(routeName, values) ?? throw new InvalidOperationException($"No route named {routeName} takes {values}.");

    /// <summary>200 (or <paramref name="status"/>) with the ETag header; 304 when If-None-Match already names it.</summary>
    protected IActionResult Tagged<T>(T body, string etag, int status = StatusCodes.Status200OK)
    {
        if (HttpContext.GetEndpoint()?.Metadata.GetMetadata<VersionedAttribute>() is null)
            throw new InvalidOperationException($"{HttpContext.GetEndpoint()?.DisplayName} answers with an ETag but is not [Versioned], so the contract does not declare it.");
        Response.Headers.ETag = etag;
        if (status == StatusCodes.Status200OK && HttpMethods.IsGet(Request.Method) && ETag.NoneMatchHits(Request.Headers.IfNoneMatch, etag))
            return StatusCode(StatusCodes.Status304NotModified);
        return StatusCode(status, body);
    }
}
