using System.Text;
using Workflows.Domain.Common;

namespace Workflows.Domain.Resources;

/// <summary>A mailbox the workspace owns; a workflow may name it as the default for mail.</summary>
public sealed class Inbox : IWorkspaceOwned
{
    public const int AddressMaxLength = 320;
    public const int LabelMaxLength = 200;

    /// <summary>The most UTF-16 code units an address's comparison key may take (the indexed column's size).</summary>
    public const int AddressKeyMaxLength = 800;

    private Inbox() { }

    public long Id { get; private set; }
    public long WorkspaceId { get; private set; }

    /// <summary>The address as it was given (trimmed, NFC).</summary>
    public string Address { get; private set; } = null!;

    /// <summary>The address as compared for uniqueness (<see cref="KeyOf"/>), kept in a unique index per workspace.</summary>
    public string AddressKey { get; private set; } = null!;

    public string? Label { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static Inbox Create(long workspaceId, string address, string? label)
    {
        var text = Guard.Text(address, "address", AddressMaxLength);
        var key = KeyOf(text);
        if (key.Length > AddressKeyMaxLength)
            throw new RuleViolationException(ErrorCodes.InvalidValue, "'address' is too long once its compatibility characters are spelled out.", "address");
        return new Inbox
        {
            WorkspaceId = workspaceId,
            Address = text,
            AddressKey = key,
            Label = Guard.OptionalText(label, "label", LabelMaxLength, TextKind.SingleLine),
        };
    }

    /// <summary>
    /// How addresses are compared: the whole address (local part and domain) case-insensitively,
    /// NFKC-normalized and lower-cased with the invariant culture, so that <c>Support@Acme.example</c>
    /// and <c>support@acme.example</c> are one inbox.
    /// </summary>
    public static string KeyOf(string address) => address.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
}
