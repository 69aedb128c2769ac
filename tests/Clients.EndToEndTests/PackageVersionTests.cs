using System.Reflection;
using System.Text.Json.Nodes;
using Workflows.TestSupport;
using Workflows.Client;
using Workflows.Clients.EndToEndTests.Infrastructure;

namespace Workflows.Clients.EndToEndTests;

/// <summary>
/// Both clients are versioned with the API: the checked-in document's <c>info.version</c> is the
/// one source ("v2" is 2.0.0). The C# project reads it at build time; package.json keeps a copy,
/// which this test holds to it.
/// </summary>
public sealed class PackageVersionTests
{
    [Test]
    public void TypeScriptPackage_IsVersionedWithTheApi()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.TypeScriptClient, "package.json")))!;
        Assert.That(manifest["version"]!.GetValue<string>(), Is.EqualTo(ApiVersion.Package),
            $"clients/typescript/package.json's version must be the API's (info.version {ApiVersion.Document} in the document); set it and run npm install --package-lock-only");
        var locked = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.TypeScriptClient, "package-lock.json")))!;
        Assert.That(locked["version"]!.GetValue<string>(), Is.EqualTo(ApiVersion.Package), "package-lock.json follows package.json");
    }

    [Test]
    public void CSharpClient_IsVersionedWithTheApi()
    {
        var version = typeof(WorkflowsClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.That(version.Split('+')[0], Is.EqualTo(ApiVersion.Package), $"info.version {ApiVersion.Document} in the document");
    }
}
