using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Workflows.Api.Routing;

/// <summary>
/// A query parameter that takes one value gets one: given twice (<c>?cascade=true&amp;cascade=false</c>)
/// it is a 400 naming it, rather than the first value winning. An integer is written in decimal
/// digits (an optional minus sign, nothing else): <c>+5</c>, <c> 5</c> and <c>0x5</c> are refused
/// rather than read as 5. Applies to every query parameter of every action; what the parameter
/// itself accepts is left to the binder that would have bound it.
/// </summary>
public sealed class SingleQueryValues(IReadOnlyList<IModelBinderProvider> others) : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (context.BindingInfo.BindingSource != BindingSource.Query || context.Metadata.IsComplexType
            || (context.Metadata.IsEnumerableType && context.Metadata.ModelType != typeof(string)))
            return null;
        foreach (var provider in others)
        {
            if (provider.GetBinder(context) is { } inner)
                return new Binder(inner, IsInteger(context.Metadata.UnderlyingOrModelType),
                    context.Metadata.UnderlyingOrModelType is { IsEnum: true } e ? e : null);
        }
        return null;
    }

    private static bool IsInteger(Type type) => type == typeof(long) || type == typeof(int);

    private sealed class Binder(IModelBinder inner, bool integer, Type? enumType) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var values = context.ValueProvider.GetValue(context.ModelName);
            if (values.Length > 1)
                return Refuse(context, $"'{context.ModelName}' is given {values.Length} times; give it once.");
            if (integer && values.Length == 1 && !IsDecimal(values.FirstValue))
                return Refuse(context, $"'{context.ModelName}' must be a whole number written in digits.");
            // An enum is one of its documented names, never its number (order=0 or -0 is not asc).
            if (enumType is not null && values.Length == 1 && !string.IsNullOrEmpty(values.FirstValue)
                && !Enum.GetNames(enumType).Contains(values.FirstValue, StringComparer.OrdinalIgnoreCase))
                return Refuse(context, $"'{context.ModelName}' must be one of: {string.Join(", ", Enum.GetNames(enumType).Select(JsonNamingPolicyName))}.");
            return inner.BindModelAsync(context);
        }

        private static string JsonNamingPolicyName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

        private static Task Refuse(ModelBindingContext context, string message)
        {
            context.ModelState.TryAddModelError(context.ModelName, message);
            context.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }

        /// <summary>Empty (left to the inner binder: no value), or an optional '-' and digits.</summary>
        private static bool IsDecimal(string? value)
        {
            if (string.IsNullOrEmpty(value)) return true;
            var digits = value.AsSpan(value[0] == '-' ? 1 : 0);
            if (digits.IsEmpty) return false;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c)) return false;
            }
            return true;
        }
    }
}
