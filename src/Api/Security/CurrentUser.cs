using System.Security.Claims;
using Workflows.Application.Common.Interfaces;

namespace Workflows.Api.Security;

/// <summary>
/// The caller as the validated token describes them. Claim names are read both raw (<c>oid</c>,
/// <c>scp</c>, <c>roles</c>) and in the long forms some handlers map them to; <c>scope</c> and
/// <c>role</c> are read too, as <c>dotnet user-jwts</c> writes them.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private static readonly string[] ObjectIdClaims =
        ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", "sub", ClaimTypes.NameIdentifier];
    private static readonly string[] ScopeClaims = ["scp", "http://schemas.microsoft.com/identity/claims/scope", "scope"];
    private static readonly string[] RoleClaims = ["roles", "role", ClaimTypes.Role];
    private static readonly string[] NameClaims = ["name", "preferred_username", "unique_name", ClaimTypes.Name];

    private IReadOnlySet<string>? _permissions;

    private ClaimsPrincipal? Principal =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? ObjectId => First(ObjectIdClaims);

    public string? DisplayName => First(NameClaims);

    public bool IsApplication => Values(ScopeClaims).Count == 0 && Values(RoleClaims).Count > 0;

    public IReadOnlySet<string> Permissions => _permissions ??= Values(ScopeClaims).Concat(Values(RoleClaims)).ToHashSet(StringComparer.Ordinal);

    private string? First(string[] types) =>
        types.Select(t => Principal?.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>Every value of the claims, split on spaces (<c>scp</c> is one space-separated string).</summary>
    private List<string> Values(string[] types) =>
        Principal is null
            ? []
            : types.SelectMany(t => Principal.FindAll(t))
                .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
}
