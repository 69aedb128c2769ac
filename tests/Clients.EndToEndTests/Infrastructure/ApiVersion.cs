using System.Text.Json;
using Workflows.TestSupport;

namespace Workflows.Clients.EndToEndTests.Infrastructure;

/// <summary>
/// The version both client packages carry: the checked-in document's <c>info.version</c>, as a
/// package version ("v2" is 2.0.0; a full version such as "2.1.0" is taken as it is).
/// </summary>
public static class ApiVersion
{
    public static string Document { get; } = Read();

    public static string Package { get; } = AsPackageVersion(Document);

    public static string AsPackageVersion(string documentVersion)
    {
        var version = documentVersion.StartsWith('v') ? documentVersion[1..] : documentVersion;
        return version.Contains('.', StringComparison.Ordinal) ? version : version + ".0.0";
    }

    private static string Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.CheckedInDocument));
        return document.RootElement.GetProperty("info").GetProperty("version").GetString()
            ?? throw new InvalidOperationException("The checked-in document has no info.version.");
    }
}
