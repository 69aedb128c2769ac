using NSwag;
using NSwag.Generation;

namespace Workflows.Api.OpenApi;

/// <summary>
/// Writes the OpenAPI document to a file without serving anything:
/// <c>dotnet run --project src/Api -- --openapi</c> writes the repository's checked-in
/// <c>openapi/workflows.v2.json</c>; <c>--openapi &lt;file&gt;</c> writes another file. The document
/// does not depend on configuration or environment, so the same build always writes the same bytes.
/// </summary>
public static class OpenApiExport
{
    public const string Switch = "--openapi";
    public const string DocumentName = "v2";
    public const string CheckedInPath = "openapi/workflows.v2.json";

    /// <summary>The file to write when <c>--openapi</c> is given, or null when the service should run as usual.</summary>
    public static string? TargetPath(string[] args)
    {
        var index = Array.IndexOf(args, Switch);
        if (index < 0) return null;
        if (index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal))
            return Path.GetFullPath(args[index + 1]);
        // dotnet run starts the service in the project's folder: find the repository above it.
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                return Path.Combine(dir.FullName, CheckedInPath);
        }
        throw new ArgumentException($"No Workflows.sln above {Environment.CurrentDirectory}: name the file to write, {Switch} <file>.");
    }

    /// <summary>Builds the service with placeholder settings (nothing is connected to) and writes its document.</summary>
    public static async Task<int> RunAsync(string target)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Workflows"] = "Data Source=:memory:",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = "organizations",
            ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000000",
            ["Paging:CursorKey"] = Convert.ToBase64String(new byte[32]),
        });
        builder.Services.AddApiServices(builder.Configuration, builder.Environment);
        await using var app = builder.Build();

        var json = await ToJsonAsync(app.Services);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, json);
        Console.WriteLine($"Wrote the OpenAPI document to {target}");
        return 0;
    }

    /// <summary>The document as the service serves it before per-request details: LF line ends, a final newline.</summary>
    public static async Task<string> ToJsonAsync(IServiceProvider services)
    {
        var document = await services.GetRequiredService<IOpenApiDocumentGenerator>().GenerateAsync(DocumentName);
        return ToJson(document);
    }

    public static string ToJson(OpenApiDocument document) =>
        document.ToJson().ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
}
