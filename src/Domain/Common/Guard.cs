namespace Workflows.Domain.Common;

/// <summary>The aggregates' checks of text they are given, by the rules of <see cref="Common.Text"/>.</summary>
internal static class Guard
{
    /// <summary>Required text: trimmed, NFC, something visible in it, at most <paramref name="maxLength"/> code points.</summary>
    public static string Text(string? value, string field, int maxLength, TextKind kind = TextKind.SingleLine)
    {
        var text = Checked(value?.Trim(), field, maxLength, kind);
        if (string.IsNullOrEmpty(text) || Common.Text.NameKey(text).Length == 0)
            throw new RuleViolationException(ErrorCodes.InvalidValue, $"'{field}' must not be empty or made only of invisible characters.", field);
        return text;
    }

    /// <summary>Optional text: NFC, at most <paramref name="maxLength"/> code points; null stays null.</summary>
    public static string? OptionalText(string? value, string field, int maxLength, TextKind kind) =>
        Checked(value, field, maxLength, kind);

    private static string? Checked(string? value, string field, int maxLength, TextKind kind)
    {
        if (value is null) return null;
        if (Common.Text.Violation(value, kind) is { } violation)
            throw new RuleViolationException(ErrorCodes.InvalidValue, $"'{field}' {violation}.", field);
        var normalized = Common.Text.Normalize(value);
        if (Common.Text.Length(normalized) > maxLength)
            throw new RuleViolationException(ErrorCodes.InvalidValue, Common.Text.TooLong(field, maxLength), field);
        return normalized;
    }
}
