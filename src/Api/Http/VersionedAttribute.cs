namespace Workflows.Api.Http;

/// <summary>
/// The action answers with the resource's version in <c>ETag</c> (its 200 or 201), and as a GET
/// answers 304 to an <c>If-None-Match</c> that still names it. The contract declares both from
/// this attribute, and <c>ApiControllerBase.Tagged</c> refuses to answer for an action without it,
/// so an action that sends an ETag cannot go undeclared.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class VersionedAttribute : Attribute
{
    public const string ETagHeader = "ETag";
    public const string IfNoneMatchHeader = "If-None-Match";
    public const string IfMatchHeader = "If-Match";
}
