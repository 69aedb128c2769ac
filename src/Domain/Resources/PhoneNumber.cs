using Workflows.Domain.Common;

namespace Workflows.Domain.Resources;

/// <summary>A phone number the workspace owns; a workflow may name it as the default for calls.</summary>
public sealed class PhoneNumber : IWorkspaceOwned
{
    public const int NumberMaxLength = 32;
    public const int LabelMaxLength = 200;

    private PhoneNumber() { }

    public long Id { get; private set; }
    public long WorkspaceId { get; private set; }
    public string Number { get; private set; } = null!;
    public string? Label { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static PhoneNumber Create(long workspaceId, string number, string? label) => new()
    {
        WorkspaceId = workspaceId,
        Number = Guard.Text(number, "number", NumberMaxLength),
        Label = Guard.OptionalText(label, "label", LabelMaxLength),
    };
}
