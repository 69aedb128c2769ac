using Workflows.Domain.Common;

namespace Workflows.Domain.Resources;

/// <summary>A mailbox the workspace owns; a workflow may name it as the default for mail.</summary>
public sealed class Inbox : IWorkspaceOwned
{
    public const int AddressMaxLength = 320;
    public const int LabelMaxLength = 200;

    private Inbox() { }

    public long Id { get; private set; }
    public long WorkspaceId { get; private set; }
    public string Address { get; private set; } = null!;
    public string? Label { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static Inbox Create(long workspaceId, string address, string? label) => new()
    {
        WorkspaceId = workspaceId,
        Address = Guard.Text(address, "address", AddressMaxLength),
        Label = Guard.OptionalText(label, "label", LabelMaxLength),
    };
}
