using System.IO.Compression;
using System.Xml.Linq;
using Workflows.TestSupport;
using Workflows.Clients.EndToEndTests.Infrastructure;

namespace Workflows.Clients.EndToEndTests;

/// <summary>
/// The C# client as a NuGet package: <c>dotnet pack</c> into a folder, then a fresh console project
/// (<c>dotnet new console</c>) that restores it from that folder as a package source, builds and
/// runs the scenario (PackageConsumer/Program.cs) against the running service. It is packed once
/// for the fixture.
/// </summary>
public sealed class CSharpPackageTests
{
    private const string PackageId = "Workflows.Client";
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-cs-package-").FullName;
    private string? _source;

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Pack_CarriesTheMetadata_TheReadme_AndTheSymbols_AtTheApiVersion()
    {
        var source = await PackAsync();
        var package = Path.Combine(source, $"{PackageId}.{ApiVersion.Package}.nupkg");
        var symbols = Path.Combine(source, $"{PackageId}.{ApiVersion.Package}.snupkg");
        Assert.That(package, Does.Exist, "the package is named with the API's version");
        Assert.That(symbols, Does.Exist, "a symbol package beside it");

        using (var zip = ZipFile.OpenRead(package))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.That(names, Is.SupersetOf(new[] { $"{PackageId}.nuspec", "README.md", "lib/net10.0/Workflows.Client.dll", "lib/net10.0/Workflows.Client.xml" }));
            XDocument nuspec;
            using (var stream = zip.GetEntry($"{PackageId}.nuspec")!.Open()) nuspec = XDocument.Load(stream);
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.That((Field("id"), Field("version"), Field("license"), Field("readme")),
                Is.EqualTo((PackageId, ApiVersion.Package, "MIT", "README.md")));
            Assert.That(metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(Field("authors"), Is.Not.Empty);
            Assert.That(Field("description"), Does.Contain("Workflows API"));
            string readme;
            using (var reader = new StreamReader(zip.GetEntry("README.md")!.Open())) readme = reader.ReadToEnd();
            Assert.That(readme, Is.EqualTo(File.ReadAllText(Repository.PathOf("clients", "csharp", "README.md"))));
        }
        using (var zip = ZipFile.OpenRead(symbols))
        {
            Assert.That(zip.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/Workflows.Client.pdb"));
        }
    }

    [Test]
    public async Task RestoredFromALocalSource_ByAFreshConsoleProject_RunsTheScenario()
    {
        var source = await PackAsync();
        var project = Path.Combine(_folder, "consumer");
        // A package cache of its own: the machine's would hand back a package of the same version packed before.
        var environment = DotnetEnvironment();
        environment["NUGET_PACKAGES"] = Path.Combine(_folder, "packages");

        await DotnetAsync(["new", "console", "--name", "PackageConsumer", "--output", project, "--framework", "net10.0", "--no-restore"], _folder, environment);
        // nuget.org stays a source (no <clear/>); the folder is added beside it.
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="workflows-client" value="{source}" />
              </packageSources>
            </configuration>
            """);
        await DotnetAsync(["add", "package", PackageId, "--version", ApiVersion.Package, "--no-restore"], project, environment);
        File.Copy(Repository.PathOf("tests", "Clients.EndToEndTests", "PackageConsumer", "Program.cs"), Path.Combine(project, "Program.cs"), overwrite: true);

        await DotnetAsync(["build", "--configuration", "Release", "--output", "out", "-p:TreatWarningsAsErrors=true", "--disable-build-servers", "-nologo"], project, environment);
        Assert.That(Path.Combine(_folder, "packages", PackageId.ToLowerInvariant(), ApiVersion.Package, $"{PackageId.ToLowerInvariant()}.{ApiVersion.Package}.nupkg"),
            Does.Exist, "restored as a package, from the local source");

        var run = await Tools.RunAsync(Dotnet, [Path.Combine(project, "out", "PackageConsumer.dll")], project, Scenario.Environment(), TimeSpan.FromMinutes(2));
        Scenario.AssertPassed(run, "C# package consumer");
    }

    private async Task<string> PackAsync()
    {
        if (_source is not null) return _source;
        var source = Directory.CreateDirectory(Path.Combine(_folder, "source")).FullName;
        await DotnetAsync(["pack", Repository.PathOf("clients", "csharp", "Workflows.Client.csproj"), "--output", source, "--disable-build-servers", "-nologo"],
            Repository.Root, DotnetEnvironment());
        return _source = source;
    }

    /// <summary>The dotnet that runs the tests, or the first on PATH.</summary>
    private static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Tools.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");

    private static Dictionary<string, string> DotnetEnvironment() => new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    private static async Task DotnetAsync(string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var result = await Tools.RunAsync(Dotnet, arguments, directory, environment, TimeSpan.FromMinutes(5));
        Assert.That(result.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed:\n{result}");
    }
}
