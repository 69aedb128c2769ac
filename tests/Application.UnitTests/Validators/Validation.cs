using FluentValidation;

namespace Workflows.Application.UnitTests.Validators;

internal static class Validation
{
    /// <summary>The <c>errors</c> a caller would get: field → messages, as the validation behaviour reports them.</summary>
    public static IReadOnlyDictionary<string, string[]> ErrorsOf<T>(IValidator<T> validator, T request) =>
        new RequestValidationException(validator.Validate(request).Errors).Errors;

    public static string Text(int length) => new('x', length);
}
