using System.Reflection;
using Microsoft.Extensions.Options;

namespace Workflows.Api.Hosting;

/// <summary>
/// A service that cannot start because of its settings says so in a few lines on the console, one
/// per setting at fault, and exits with code 1, rather than dying of an unhandled exception.
/// </summary>
public static class StartupFailure
{
    /// <summary>
    /// Checks every setting with rules (<c>ValidateOnStart</c>) now, before the database is
    /// touched: the host would check them only when it starts serving, after the migrations.
    /// </summary>
    public static void ValidateSettings(IServiceProvider services) =>
        services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>
    /// Writes the failure to standard error and answers true when this assembly is the process's
    /// entry point; hosted in another process (a test's host), the exception is left to the host.
    /// </summary>
    public static bool Report(Exception error)
    {
        if (error is HostAbortedException || Assembly.GetEntryAssembly() != typeof(StartupFailure).Assembly) return false;
        Console.Error.WriteLine("The service cannot start:");
        foreach (var message in Messages(error)) Console.Error.WriteLine($"  {message}");
        return true;
    }

    /// <summary>One line per problem: each failed rule of each settings class, or the exception's messages.</summary>
    public static IEnumerable<string> Messages(Exception error)
    {
        var failures = new List<string>();
        Collect(error, failures);
        return failures.Distinct();
    }

    private static void Collect(Exception error, List<string> failures)
    {
        switch (error)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions) Collect(inner, failures);
                break;
            case OptionsValidationException invalid:
                failures.AddRange(invalid.Failures);
                break;
            default:
                for (var e = error; e is not null; e = e.InnerException) failures.Add(e.Message);
                break;
        }
    }
}
