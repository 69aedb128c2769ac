using FluentValidation.Validators;

namespace Workflows.Application.Common.Validation;

/// <summary>
/// A text rule of <see cref="TextRules"/> as a property validator, so that its length limit is
/// readable from the validator's descriptor (<see cref="ILengthValidator"/>: <see cref="Min"/> is 1
/// for a field that must show something, <see cref="Max"/> the most code points) and the OpenAPI
/// document states the very limit the validator enforces.
/// </summary>
public sealed class TextValidator<T>(string field, int maxLength, TextKind kind, bool required)
    : PropertyValidator<T, string?>, ILengthValidator
{
    private const string Reason = "Reason";

    public override string Name => "TextValidator";

    public int Min => required ? 1 : 0;

    public int Max => maxLength;

    public TextKind Kind => kind;

    public override bool IsValid(ValidationContext<T> context, string? value)
    {
        if (Problem(value) is not { } problem) return true;
        context.MessageFormatter.AppendArgument(Reason, problem);
        return false;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "{" + Reason + "}";

    private string? Problem(string? value)
    {
        if (value is null) return required ? $"'{field}' is required and must not be blank." : null;
        if (Text.Violation(value, kind) is { } violation) return $"'{field}' {violation}.";
        if (required && Text.NameKey(value).Length == 0)
            return $"'{field}' is required and must not be blank or made only of invisible characters.";
        return Text.Length(required ? value.Trim() : value) > maxLength ? Text.TooLong(field, maxLength) : null;
    }
}

/// <summary>A list's most items, readable from the validator's descriptor as the document's <c>maxItems</c>.</summary>
public interface IMaxItemsValidator : IPropertyValidator
{
    int MaxItems { get; }
}

/// <summary>Null, or a list of at most <see cref="MaxItems"/> items.</summary>
public sealed class MaxItemsValidator<T, TItem>(int maxItems) : PropertyValidator<T, IReadOnlyList<TItem>?>, IMaxItemsValidator
{
    public override string Name => "MaxItemsValidator";

    public int MaxItems => maxItems;

    public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem>? value) => value is null || value.Count <= maxItems;

    protected override string GetDefaultMessageTemplate(string errorCode) => "'{PropertyName}' must have at most " + maxItems + " items.";
}
