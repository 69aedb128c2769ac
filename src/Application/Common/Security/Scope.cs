namespace Workflows.Application.Common.Security;

/// <summary>What a token allows. Each scope includes the ones before it.</summary>
public enum Scope
{
    Read = 1,
    Write = 2,
    Admin = 3,
}

public static class Scopes
{
    public const string Read = "workflows:read";
    public const string Write = "workflows:write";
    public const string Admin = "workflows:admin";

    public static string Name(Scope scope) => scope switch
    {
        Scope.Read => Read,
        Scope.Write => Write,
        Scope.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>Whether the granted permissions include <paramref name="needed"/> (or a scope above it).</summary>
    public static bool Allow(IReadOnlySet<string> granted, Scope needed) =>
        (needed <= Scope.Admin && granted.Contains(Admin))
        || (needed <= Scope.Write && granted.Contains(Write))
        || (needed <= Scope.Read && granted.Contains(Read));
}
