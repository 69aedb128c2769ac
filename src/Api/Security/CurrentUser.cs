using System.Security.Claims;
using Workflows.Application.Common.Interfaces;

namespace Workflows.Api.Security;

/// <summary>
/// The caller as the validated token describes them. The caller is the token's <c>oid</c> and
/// nothing else (a token without one never gets this far: see <see cref="TokenRules"/>). A
/// delegated token (one with <c>scp</c>, or <c>scope</c> as <c>dotnet user-jwts</c> writes it)
/// grants what its scopes say and nothing more; an application token (no scope claim) grants its
/// <c>roles</c> (or <c>role</c>). The two never add up, as in Microsoft.Identity.Web's model.
/// </summary>
/// <remarks>
/// Every request reads the caller, so the claims are walked once, without LINQ, and what they
/// say is kept for the rest of the request (see docs/benchmarks.md, the pipeline's overhead).
/// </remarks>
public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private static readonly string[] ScopeClaims = ["scp", "http://schemas.microsoft.com/identity/claims/scope", "scope"];
    private static readonly string[] RoleClaims = ["roles", "role", ClaimTypes.Role];
    private static readonly string[] ApplicationClaims = ["azp", "appid"];
    private static readonly string[] NameClaims = ["name", "preferred_username", "unique_name", ClaimTypes.Name];

    private string? _objectId;
    private bool _objectIdRead;
    private IReadOnlySet<string>? _permissions;
    private bool _isApplication;

    private ClaimsPrincipal? Principal =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? ObjectId
    {
        get
        {
            if (!_objectIdRead)
            {
                _objectId = Principal is { } principal ? TokenRules.ObjectId(principal) : null;
                _objectIdRead = true;
            }
            return _objectId;
        }
    }

    public string? DisplayName => First(NameClaims);

    public string? ApplicationId => First(ApplicationClaims);

    public bool IsApplication
    {
        get
        {
            ReadPermissions();
            return _isApplication;
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
    /// The token's scopes, or for a token without any scope claim its roles, in one pass over the
    /// claims; a value is split on spaces (<c>scp</c> is one space-separated string). Roles are
    /// gathered apart and used only when the pass found no scope claim at all.
    /// </summary>
    private IReadOnlySet<string> ReadPermissions()
    {
        if (_permissions is not null) return _permissions;
        HashSet<string>? scopes = null;
        HashSet<string>? roles = null;
        var hasScopeClaim = false;
        if (Principal is { } principal)
        {
            foreach (var claim in principal.Claims)
            {
                var isScope = IsOneOf(ScopeClaims, claim.Type);
                if (isScope) hasScopeClaim = true;
                else if (hasScopeClaim || !IsOneOf(RoleClaims, claim.Type)) continue;
                AddParts(isScope ? scopes ??= new HashSet<string>(StringComparer.Ordinal) : roles ??= new HashSet<string>(StringComparer.Ordinal), claim.Value);
            }
        }
        _isApplication = !hasScopeClaim && roles is not null;
        return _permissions = (hasScopeClaim ? scopes : roles) ?? (IReadOnlySet<string>)EmptySet;
    }

    private static readonly HashSet<string> EmptySet = new(StringComparer.Ordinal);

    private static void AddParts(HashSet<string> into, string value)
    {
        foreach (var range in value.AsSpan().Split(' '))
        {
            var part = value.AsSpan(range).Trim();
            if (part.IsEmpty) continue;
            into.Add(part.Length == value.Length ? value : part.ToString());
        }
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
