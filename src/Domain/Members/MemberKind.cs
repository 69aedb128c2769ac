namespace Workflows.Domain.Members;

public enum MemberKind
{
    /// <summary>A person signing in with a delegated token.</summary>
    Person,
    /// <summary>An application calling with its own (app-only) token.</summary>
    Daemon,
    /// <summary>An automated agent that workflows run through; it never calls the API itself.</summary>
    Agent,
}
