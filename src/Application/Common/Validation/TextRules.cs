namespace Workflows.Application.Common.Validation;

/// <summary>
/// The request validators' side of the text rules defined in <see cref="Text"/>: every string a
/// request carries goes through one of these, so that a field refused by the aggregate is refused
/// before with a 400 naming it. Lengths count code points of the NFC form, as the aggregates do.
/// </summary>
public static class TextRules
{
    /// <summary>A required single-line field that must show something (a name, a title): not blank, not made only of invisible characters.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> RequiredSingleLine<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.Custom((value, context) => Check(value, context, field, maxLength, TextKind.SingleLine, required: true));

    /// <summary>An optional single-line field (a label, a filter, an id): null or text without control, line-break or bidi-control characters.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.Custom((value, context) => Check(value, context, field, maxLength, TextKind.SingleLine, required: false));

    /// <summary>An optional multi-line field (a description, a prompt): null or text without C0 controls other than tab, CR and LF.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> MultiLine<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.Custom((value, context) => Check(value, context, field, maxLength, TextKind.MultiLine, required: false));

    private static void Check<T>(string? value, ValidationContext<T> context, string field, int maxLength, TextKind kind, bool required)
    {
        if (value is null)
        {
            if (required) context.AddFailure($"'{field}' is required and must not be blank.");
            return;
        }
        if (Text.Violation(value, kind) is { } violation)
        {
            context.AddFailure($"'{field}' {violation}.");
            return;
        }
        if (required && Text.NameKey(value).Length == 0)
        {
            context.AddFailure($"'{field}' is required and must not be blank or made only of invisible characters.");
            return;
        }
        if (Text.Length(required ? value.Trim() : value) > maxLength) context.AddFailure(Text.TooLong(field, maxLength));
    }
}
