namespace Workflows.TestSupport;

/// <summary>Files of the repository the tests run from: the checked-in contract, the clients' projects, CI's scripts, the reports.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string CheckedInDocument => PathOf("openapi", "workflows.v2.json");
    public static string TypeScriptClient => PathOf("clients", "typescript");
    public static string BrowserCheck => PathOf("tests", "Clients.EndToEndTests", "browser");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Workflows.sln above {AppContext.BaseDirectory}.");
    }
}
