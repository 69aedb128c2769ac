namespace Workflows.Application.Common.Interfaces;

/// <summary>Who is calling, as the validated token says.</summary>
public interface ICurrentUser
{
    /// <summary>The token's <c>oid</c>; null when nobody is signed in.</summary>
    string? ObjectId { get; }

    /// <summary>A display name from the token, when it has one.</summary>
    string? DisplayName { get; }

    /// <summary>The client application the token was issued to (<c>azp</c>, or <c>appid</c> in a v1 token), when it says.</summary>
    string? ApplicationId { get; }

    /// <summary>True for application (daemon) tokens: no scope claim, permissions in <c>roles</c>.</summary>
    bool IsApplication { get; }

    /// <summary>A delegated token's scopes, or an application token's roles: never both.</summary>
    IReadOnlySet<string> Permissions { get; }
}
