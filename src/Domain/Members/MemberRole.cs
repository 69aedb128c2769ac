namespace Workflows.Domain.Members;

public enum MemberRole
{
    Admin,
    Member,
    Guest,
}
