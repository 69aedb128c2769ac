using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Workflows.Infrastructure.Settings;

/// <summary>
/// Rules on a settings class, checked when the service starts (<c>ValidateOnStart</c>): a rule
/// answers null when the value is good, or one sentence naming the key and what is wrong with it.
/// </summary>
public static class SettingRules
{
    public static OptionsBuilder<T> Require<T>(this OptionsBuilder<T> builder, Func<T, string?> problem) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new Rule<T>(builder.Name, problem));
        return builder;
    }

    private sealed class Rule<T>(string? name, Func<T, string?> problem) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName) return ValidateOptionsResult.Skip;
            return problem(options) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
        }
    }
}
