using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.TestSupport;
using Workflows.Clients.EndToEndTests.Infrastructure;

namespace Workflows.Clients.EndToEndTests;

/// <summary>
/// The TypeScript client as a package: <c>npm pack</c> (which builds it), then <c>npm install</c> of
/// the tarball into a fresh project whose ES module and CommonJS scenarios compile with
/// <c>tsc --strict</c> and run under Node.js against the running service. It is packed once for
/// the fixture.
/// </summary>
public sealed class TypeScriptPackageTests
{
    private const string Test = "the TypeScript package's tests";
    private const string PackageName = "workflows-api-client";
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-ts-package-").FullName;
    private PackedTarball? _packed;

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Pack_ShipsBothModuleSystemsWithTheirTypes_TheLicenceAndTheReadme_AtTheApiVersion()
    {
        var packed = await PackAsync();

        var manifest = JsonNode.Parse(packed.Read("package.json"))!;
        Assert.That(manifest["name"]!.GetValue<string>(), Is.EqualTo(PackageName));
        Assert.That(manifest["version"]!.GetValue<string>(), Is.EqualTo(ApiVersion.Package), "the package's version is the API's");
        Assert.That(manifest["private"], Is.Null, "a private package cannot be published");
        Assert.That(manifest["license"]!.GetValue<string>(), Is.EqualTo("MIT"));
        var exports = manifest["exports"]!["."]!;
        var entries = new[]
        {
            exports["import"]!["types"], exports["import"]!["default"], exports["require"]!["types"], exports["require"]!["default"],
            manifest["main"], manifest["types"],
        }.Select(e => e!.GetValue<string>().TrimStart('.', '/')).ToList();
        Assert.That(entries, Is.EqualTo(new[]
        {
            "dist/esm/index.d.ts", "dist/esm/index.js", "dist/cjs/index.d.ts", "dist/cjs/index.js", "dist/cjs/index.js", "dist/cjs/index.d.ts",
        }));
        Assert.That(packed.Files, Is.SupersetOf(entries.Distinct()), "every entry point is in the tarball");
        string[] notShipped = ["src/", "e2e/", "scripts/", "node_modules/", "dist-e2e/"];
        Assert.That(packed.Files.Where(f => notShipped.Any(folder => f.StartsWith(folder, StringComparison.Ordinal))), Is.Empty,
            "only the builds, the licence and the README are shipped");

        // Node.js reads the module system of each build from the package.json beside it.
        Assert.That(JsonNode.Parse(packed.Read("dist/esm/package.json"))!["type"]!.GetValue<string>(), Is.EqualTo("module"));
        Assert.That(JsonNode.Parse(packed.Read("dist/cjs/package.json"))!["type"]!.GetValue<string>(), Is.EqualTo("commonjs"));

        Assert.That(packed.Read("LICENSE"), Is.EqualTo(File.ReadAllText(Repository.PathOf("LICENSE"))), "the project's licence");
        Assert.That(packed.Read("README.md"), Does.Contain($"import {{ WorkflowsClient, problemOf, withBearerToken }} from \"{PackageName}\""));
    }

    [Test]
    public async Task InstalledFromTheTarball_CompilesUnderTscStrict_AndRunsTheScenario_AsAnEsModuleAndAsCommonJs()
    {
        var packed = await PackAsync();
        var node = Tools.RequireNode(Test);
        var npm = Tools.RequireNpm(Test);
        var project = Directory.CreateDirectory(Path.Combine(_folder, "consumer")).FullName;
        File.WriteAllText(Path.Combine(project, "package.json"), """{ "name": "workflows-client-consumer", "version": "1.0.0", "private": true }""");

        var installed = await Tools.RunAsync(npm, ["install", packed.Tarball, "--no-audit", "--no-fund"], project,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(3));
        Assert.That(installed.ExitCode, Is.Zero, $"npm install of the tarball failed:\n{installed}");

        // The client's own scenario, importing the installed package instead of the sources: as
        // scenario.mts it is an ES module, as scenario.cts CommonJS (module NodeNext).
        var scenario = File.ReadAllText(Path.Combine(Repository.TypeScriptClient, "e2e", "scenario.ts"));
        Assert.That(scenario, Does.Contain("from \"../src\""));
        scenario = scenario.Replace("from \"../src\"", $"from \"{PackageName}\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(project, "scenario.mts"), scenario);
        File.WriteAllText(Path.Combine(project, "scenario.cts"), scenario);
        // typescript and @types/node come from the client's own node_modules: nothing else is downloaded.
        var clientModules = Path.Combine(Repository.TypeScriptClient, "node_modules");
        var tsconfig = new JsonObject
        {
            ["compilerOptions"] = new JsonObject
            {
                ["target"] = "ES2022",
                ["module"] = "NodeNext",
                ["moduleResolution"] = "NodeNext",
                ["lib"] = new JsonArray("ES2022", "DOM", "DOM.Iterable"),
                ["strict"] = true,
                ["skipLibCheck"] = false, // the package's declarations are checked too
                ["typeRoots"] = new JsonArray(Path.Combine(clientModules, "@types")),
                ["types"] = new JsonArray("node"),
                ["outDir"] = "out",
            },
            ["files"] = new JsonArray("scenario.mts", "scenario.cts"),
        };
        File.WriteAllText(Path.Combine(project, "tsconfig.json"), tsconfig.ToJsonString());

        var tsc = Path.Combine(clientModules, "typescript", "bin", "tsc");
        var compiled = await Tools.RunAsync(node, [tsc, "--strict", "-p", "tsconfig.json"], project,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(3));
        Assert.That(compiled.ExitCode, Is.Zero, $"tsc --strict failed:\n{compiled}");
        Assert.That(File.ReadAllText(Path.Combine(project, "out", "scenario.mjs")), Does.Contain($"from \"{PackageName}\""), "imported as an ES module");
        Assert.That(File.ReadAllText(Path.Combine(project, "out", "scenario.cjs")), Does.Contain($"require(\"{PackageName}\")"), "required as CommonJS");

        foreach (var (file, what) in new[] { ("scenario.mjs", "ES module consumer"), ("scenario.cjs", "CommonJS consumer") })
        {
            var run = await Tools.RunAsync(node, [Path.Combine(project, "out", file)], project, Scenario.Environment(), TimeSpan.FromMinutes(2));
            Scenario.AssertPassed(run, what);
        }
    }

    private async Task<PackedTarball> PackAsync()
    {
        if (_packed is not null) return _packed;
        var npm = Tools.RequireNpm(Test);
        Tools.RequireNode(Test);
        await Tools.EnsurePackagesAsync(Repository.TypeScriptClient, Test);
        var destination = Directory.CreateDirectory(Path.Combine(_folder, "pack")).FullName;
        // prepack builds dist/ first; its output goes to stderr, the JSON report to stdout.
        var result = await Tools.RunAsync(npm, ["pack", "--json", "--pack-destination", destination], Repository.TypeScriptClient,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
        Assert.That(result.ExitCode, Is.Zero, $"npm pack failed:\n{result}");
        using var report = JsonDocument.Parse(result.Output);
        var entry = report.RootElement[0];
        var tarball = Path.Combine(destination, entry.GetProperty("filename").GetString()!);
        Assert.That(tarball, Does.Exist);
        return _packed = new PackedTarball(tarball, [.. entry.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!)]);
    }

    private sealed record PackedTarball(string Tarball, IReadOnlyList<string> Files)
    {
        /// <summary>A file of the tarball (under its <c>package/</c> folder), as text.</summary>
        public string Read(string path)
        {
            using var file = File.OpenRead(Tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.Name != "package/" + path || entry.DataStream is null) continue;
                using var reader = new StreamReader(entry.DataStream);
                return reader.ReadToEnd();
            }
            Assert.Fail($"{path} is not in {Path.GetFileName(Tarball)}");
            return null!;
        }
    }
}
