using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Workflows.Api.Security;

/// <summary>
/// What a validated token must say besides what the bearer handler checks: who the caller is, in
/// <c>oid</c>. A token without it (one that names its subject only in <c>sub</c>, say) fails
/// authentication, and the 401 problem says why.
/// </summary>
public static class TokenRules
{
    private static readonly string[] ObjectIdClaims = ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier"];

    /// <summary>The detail of the 401 answered to a token without <c>oid</c>.</summary>
    public const string MissingObjectIdDetail =
        "The bearer token has no 'oid' claim: the service identifies callers by their object id only.";

    private static readonly object MissingObjectIdKey = new();

    /// <summary>The caller's object id: the token's <c>oid</c>, or null when it has none.</summary>
    public static string? ObjectId(ClaimsPrincipal principal)
    {
        foreach (var type in ObjectIdClaims)
        {
            var value = principal.FindFirst(type)?.Value;
            if (!string.IsNullOrWhiteSpace(value)) return value;
        }
        return null;
    }

    /// <summary>Runs after the handler's own checks (and Microsoft.Identity.Web's), on every validated token.</summary>
    public static void RequireObjectId(JwtBearerOptions options)
    {
        options.Events ??= new JwtBearerEvents();
        var previous = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            await previous(context);
            if (context.Result is { Succeeded: false } || context.Principal is not { } principal) return;
            if (ObjectId(principal) is null)
            {
                context.HttpContext.Items[MissingObjectIdKey] = MissingObjectIdDetail;
                context.Fail(MissingObjectIdDetail);
            }
        };
    }

    /// <summary>Why authentication refused this request, when a rule of this class refused it.</summary>
    public static string? RefusalDetail(HttpContext context) =>
        context.Items.TryGetValue(MissingObjectIdKey, out var detail) ? detail as string : null;
}
