using System.Security.Claims;
using Workflows.Application.Common.Interfaces;

namespace Workflows.Api.Security;

/// <summary>
/// The caller as the validated token describes them. Claim names are read both raw (<c>oid</c>,
/// <c>scp</c>, <c>roles</c>) and in the long forms some handlers map them to; <c>scope</c> and
/// <c>role</c> are read too, as <c>dotnet user-jwts</c> writes them.
/// </summary>
/// <remarks>
/// Every request reads the caller, so the claims are walked once, without LINQ, and what they
/// say is kept for the rest of the request (see docs/benchmarks.md, the pipeline's overhead).
/// </remarks>
public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private static readonly string[] ObjectIdClaims =
        ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", "sub", ClaimTypes.NameIdentifier];
    private static readonly string[] ScopeClaims = ["scp", "http://schemas.microsoft.com/identity/claims/scope", "scope"];
    private static readonly string[] RoleClaims = ["roles", "role", ClaimTypes.Role];
    private static readonly string[] NameClaims = ["name", "preferred_username", "unique_name", ClaimTypes.Name];

    private string? _objectId;
    private bool _objectIdRead;
    private HashSet<string>? _permissions;
    private bool _hasScopes;
    private bool _hasRoles;

    private ClaimsPrincipal? Principal =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? ObjectId
    {
        get
        {
            if (!_objectIdRead)
            {
                _objectId = First(ObjectIdClaims);
                _objectIdRead = true;
            }
            return _objectId;
        }
    }

    public string? DisplayName => First(NameClaims);

    public bool IsApplication
    {
        get
        {
            ReadPermissions();
            return !_hasScopes && _hasRoles;
        }
    }

    public IReadOnlySet<string> Permissions => ReadPermissions();

    private string? First(string[] types)
    {
        if (Principal is not { } principal) return null;
        foreach (var type in types)
        {
            var value = principal.FindFirst(type)?.Value;
            if (!string.IsNullOrWhiteSpace(value)) return value;
        }
        return null;
    }

    /// <summary>
    /// Every scope and role value, in one pass over the claims; a value is split on spaces
    /// (<c>scp</c> is one space-separated string).
    /// </summary>
    private HashSet<string> ReadPermissions()
    {
        if (_permissions is not null) return _permissions;
        var permissions = new HashSet<string>(StringComparer.Ordinal);
        if (Principal is { } principal)
        {
            foreach (var claim in principal.Claims)
            {
                var isScope = IsOneOf(ScopeClaims, claim.Type);
                if (!isScope && !IsOneOf(RoleClaims, claim.Type)) continue;
                var value = claim.Value;
                foreach (var range in value.AsSpan().Split(' '))
                {
                    var part = value.AsSpan(range).Trim();
                    if (part.IsEmpty) continue;
                    permissions.Add(part.Length == value.Length ? value : part.ToString());
                    if (isScope) _hasScopes = true;
                    else _hasRoles = true;
                }
            }
        }
        return _permissions = permissions;
    }

    /// <summary>Claim types compare as <see cref="ClaimsPrincipal.FindAll(string)"/> compares them: ignoring case.</summary>
    private static bool IsOneOf(string[] types, string type)
    {
        foreach (var candidate in types)
        {
            if (string.Equals(candidate, type, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
