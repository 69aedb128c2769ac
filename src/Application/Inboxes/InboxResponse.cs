using Workflows.Domain.Resources;

namespace Workflows.Application.Inboxes;

public sealed record InboxResponse(long Id, string Address, string? Label, DateTime CreatedAt)
{
    public static InboxResponse From(Inbox p) => new(p.Id, p.Address, p.Label, p.CreatedAt);
}
