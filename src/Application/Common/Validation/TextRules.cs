namespace Workflows.Application.Common.Validation;

/// <summary>
/// The request validators' side of the text rules defined in <see cref="Text"/>: every string a
/// request carries goes through one of these, so that a field refused by the aggregate is refused
/// before with a 400 naming it. Lengths count code points of the NFC form, as the aggregates do.
/// </summary>
public static class TextRules
{
    /// <summary>A required single-line field that must show something (a name, a title): not blank, not made only of invisible characters.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredSingleLine<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.SetValidator(new TextValidator<T>(field, maxLength, TextKind.SingleLine, required: true));

    /// <summary>An optional single-line field (a label, a filter, an id): null or text without control, line-break or bidi-control characters.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.SetValidator(new TextValidator<T>(field, maxLength, TextKind.SingleLine, required: false));

    /// <summary>An optional multi-line field (a description, a prompt): null or text without C0 controls other than tab, CR and LF.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLine<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.SetValidator(new TextValidator<T>(field, maxLength, TextKind.MultiLine, required: false));

    /// <summary>Null, or a list of at most <paramref name="maxItems"/> items (<see cref="MaxItemsValidator{T, TItem}"/>).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> MaxItems<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule, int maxItems) =>
        rule.SetValidator(new MaxItemsValidator<T, TItem>(maxItems));
}
