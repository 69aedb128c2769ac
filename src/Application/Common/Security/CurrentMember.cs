namespace Workflows.Application.Common.Security;

/// <summary>
/// The caller's membership in the request's workspace, resolved once by the authorization
/// behaviour and read by the handler.
/// </summary>
public sealed class CurrentMember
{
    private Member? _member;

    public Member Member => _member
        ?? throw new InvalidOperationException("The caller's membership was not resolved: the request is not an IWorkspaceRequest.");

    public long WorkspaceId => Member.WorkspaceId;

    internal void Set(Member member) => _member = member;
}
