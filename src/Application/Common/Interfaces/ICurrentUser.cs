namespace Workflows.Application.Common.Interfaces;

/// <summary>Who is calling, as the validated token says.</summary>
public interface ICurrentUser
{
    /// <summary>The token's <c>oid</c> (or <c>sub</c>); null when nobody is signed in.</summary>
    string? ObjectId { get; }

    /// <summary>A display name from the token, when it has one.</summary>
    string? DisplayName { get; }

    /// <summary>True for application (daemon) tokens, which carry permissions in <c>roles</c>.</summary>
    bool IsApplication { get; }

    /// <summary>The delegated scopes and application roles the token grants.</summary>
    IReadOnlySet<string> Permissions { get; }
}
