using System.Text;
using Workflows.Domain.Common;

namespace Workflows.Domain.Resources;

/// <summary>A phone number the workspace owns; a workflow may name it as the default for calls.</summary>
public sealed class PhoneNumber : IWorkspaceOwned
{
    /// <summary>The most characters a number may be written with (spaces, dashes and parentheses included).</summary>
    public const int NumberMaxLength = 32;
    public const int LabelMaxLength = 200;

    private PhoneNumber() { }

    public long Id { get; private set; }
    public long WorkspaceId { get; private set; }

    /// <summary>The number in E.164 (<c>+</c> and 7 to 15 digits, no separators): the one form stored and compared.</summary>
    public string Number { get; private set; } = null!;

    public string? Label { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static PhoneNumber Create(long workspaceId, string number, string? label) => new()
    {
        WorkspaceId = workspaceId,
        Number = Canonical(number) ?? throw new RuleViolationException(ErrorCodes.InvalidValue, InvalidNumber, "number"),
        Label = Guard.OptionalText(label, "label", LabelMaxLength, TextKind.SingleLine),
    };

    public const string InvalidNumber = "'number' must be an E.164 phone number: '+', the country code and the number, 7 to 15 digits in all, such as +442071234567 (spaces, dashes, dots and parentheses between the digits are accepted and dropped).";

    /// <summary>
    /// The E.164 form of <paramref name="number"/> (<c>+442071234567</c> for <c>+44 (20) 7123-4567</c>),
    /// or null when it is not a phone number in international form: it must start with <c>+</c>
    /// and have 7 to 15 digits, the first not 0; spaces, dashes, dots and parentheses are dropped.
    /// </summary>
    public static string? Canonical(string? number)
    {
        if (number is null || number.Length > NumberMaxLength) return null;
        var trimmed = number.Trim(' ');
        if (trimmed.Length < 2 || trimmed[0] != '+') return null;
        var canonical = new StringBuilder("+", 16);
        foreach (var c in trimmed.AsSpan(1))
        {
            if (char.IsAsciiDigit(c)) canonical.Append(c);
            else if (c is not (' ' or '-' or '.' or '(' or ')')) return null;
        }
        var digits = canonical.Length - 1;
        return digits is >= 7 and <= 15 && canonical[1] != '0' ? canonical.ToString() : null;
    }
}
