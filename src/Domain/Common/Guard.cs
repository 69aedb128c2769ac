namespace Workflows.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new RuleViolationException(ErrorCodes.InvalidValue, $"'{field}' must not be empty.", field);
        if (trimmed.Length > maxLength)
            throw new RuleViolationException(ErrorCodes.InvalidValue, $"'{field}' must be at most {maxLength} characters.", field);
        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        if (value is null) return null;
        if (value.Length > maxLength)
            throw new RuleViolationException(ErrorCodes.InvalidValue, $"'{field}' must be at most {maxLength} characters.", field);
        return value;
    }
}
