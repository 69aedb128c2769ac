namespace Workflows.Api.Hosting;

/// <summary>
/// <c>--health-check [url]</c> asks a running instance whether it is ready and exits 0 (it answered
/// 200) or 1 (anything else, or no answer within 5 seconds); nothing is served. It is the
/// container's health check: the runtime image has neither curl nor wget.
/// </summary>
public static class HealthCheckCommand
{
    public const string Switch = "--health-check";

    /// <summary>What the container asks by default: readiness on the port the image listens on.</summary>
    public const string DefaultUrl = "http://localhost:8080/health/ready";

    /// <summary>The address to ask when <paramref name="args"/> hold the switch; otherwise null.</summary>
    public static string? Target(string[] args)
    {
        var index = Array.IndexOf(args, Switch);
        if (index < 0) return null;
        return index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal) ? args[index + 1] : DefaultUrl;
    }

    public static async Task<int> RunAsync(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            Console.Error.WriteLine($"{Switch} takes an absolute http or https URL, not '{url}'.");
            return 1;
        }
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(target);
            Console.WriteLine($"{target}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{target}: no answer ({e.Message})");
            return 1;
        }
    }
}
