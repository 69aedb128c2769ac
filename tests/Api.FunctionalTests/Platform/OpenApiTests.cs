using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Api.Http;
using Workflows.Api.Idempotency;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>GET /openapi/v2.json: the document the generated clients are built from.</summary>
public sealed class OpenApiTests
{
    [Test]
    public async Task Document_IsServedAsOpenApi3Json()
    {
        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync("openapi/v2.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var document = await BodyShape.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(document.GetProperty("openapi").GetString(), Does.StartWith("3."));
            Assert.That(document.GetProperty("info").GetProperty("version").GetString(), Is.EqualTo("v2"));
        });
    }

    [Test]
    public async Task Document_ListsEveryRouteOfTheControllers_WithItsMethods()
    {
        var actions = Testing.Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Select(a => (
                // The document names a parameter without its route constraint ({workflow_id:id} → {workflow_id}).
                Path: "/" + System.Text.RegularExpressions.Regex.Replace(a.AttributeRouteInfo!.Template!, @"\{([^:}]+):[^}]+\}", "{$1}"),
                Methods: a.EndpointMetadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Distinct().ToArray()))
            .ToList();
        Assert.That(actions, Has.Count.GreaterThanOrEqualTo(18), "workspaces 2, members 2, workflows 9, tasks 5");

        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync("openapi/v2.json");
        var paths = (await BodyShape.ReadAsync(response)).GetProperty("paths");

        Assert.Multiple(() =>
        {
            foreach (var (path, methods) in actions)
            {
                Assert.That(methods, Is.Not.Empty, $"{path} declares its HTTP method");
                Assert.That(paths.TryGetProperty(path, out var operations), Is.True, $"{path} is in the document");
                if (operations.ValueKind != JsonValueKind.Object) continue;
                foreach (var method in methods)
                    Assert.That(operations.TryGetProperty(method.ToLowerInvariant(), out _), Is.True, $"{method} {path} is in the document");
            }
        });
    }

    [Test]
    public async Task Document_EveryOperation_Documents429_WithRetryAfterAndTheRateLimitHeaders()
    {
        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync("openapi/v2.json");
        var paths = (await BodyShape.ReadAsync(response)).GetProperty("paths");
        var operations = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)))
            .ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(18));

        Assert.Multiple(() =>
        {
            foreach (var (name, operation) in operations)
            {
                var responses = operation.GetProperty("responses");
                Assert.That(responses.TryGetProperty("429", out var tooMany), Is.True, $"{name} documents 429");
                if (tooMany.ValueKind != JsonValueKind.Object) continue;
                Assert.That(tooMany.GetProperty("content").TryGetProperty("application/problem+json", out _), Is.True, $"{name}: 429 is a problem");
                var headers = tooMany.TryGetProperty("headers", out var h) ? h.EnumerateObject().Select(p => p.Name).ToArray() : [];
                Assert.That(headers, Is.SupersetOf(new[] { "Retry-After", "RateLimit-Policy", "RateLimit" }), $"{name}: the 429's headers");
            }
        });
    }

    [Test]
    public async Task Document_NamesItsServer_ContactAndLicense_AndListsEveryErrorCode()
    {
        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync("openapi/v2.json");
        var document = await BodyShape.ReadAsync(response);

        var info = document.GetProperty("info");
        var code = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties").GetProperty("code");
        var listed = code.GetProperty("x-extensible-enum").EnumerateArray().Select(c => c.GetString()).ToList();
        var statuses = code.GetProperty("x-error-codes").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("status").GetInt32());
        Assert.Multiple(() =>
        {
            // Served, the server is the host that answered (NSwag names it); the checked-in copy says "/".
            Assert.That(document.GetProperty("servers").GetArrayLength(), Is.EqualTo(1));
            Assert.That(info.GetProperty("contact").GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(info.GetProperty("license").GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(code.GetProperty("type").GetString(), Is.EqualTo("string"), "an open list: a client must read a code added later");
            Assert.That(listed, Is.EqualTo(Domain.Common.ErrorCodes.All.Select(e => e.Code)));
            foreach (var error in Domain.Common.ErrorCodes.All)
                Assert.That(statuses.GetValueOrDefault(error.Code), Is.EqualTo(error.Status), error.Code);
        });
    }

    private static async Task<JsonElement> DocumentAsync()
    {
        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync("openapi/v2.json");
        return await BodyShape.ReadAsync(response);
    }

    /// <summary>Every controller action, with the document's operation for it.</summary>
    private static List<(string Name, ControllerActionDescriptor Action, JsonElement Operation)> ActionsWithOperations(JsonElement document) =>
        Testing.Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .SelectMany(a => a.EndpointMetadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Distinct().Select(method =>
            {
                var path = "/" + System.Text.RegularExpressions.Regex.Replace(a.AttributeRouteInfo!.Template!, @"\{([^:}]+):[^}]+\}", "{$1}");
                return ($"{method} {path}", a, document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant()));
            }))
            .ToList();

    private static string[] HeaderParameters(JsonElement document, JsonElement operation) =>
        [.. OpenApiParameters.Of(document, operation).Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()!)];

    private static string[] ResponseHeaders(JsonElement operation, string status) =>
        operation.GetProperty("responses").TryGetProperty(status, out var response) && response.TryGetProperty("headers", out var headers)
            ? headers.EnumerateObject().Select(h => h.Name).ToArray()
            : [];

    [Test]
    public async Task Document_DeclaresTheRequestHeaders_OfEveryActionThatHonoursThem()
    {
        var document = await DocumentAsync();
        var actions = ActionsWithOperations(document);
        Assert.That(actions.Count(a => a.Action.MethodInfo.GetCustomAttribute<VersionedAttribute>() is not null), Is.GreaterThanOrEqualTo(9));

        Assert.Multiple(() =>
        {
            foreach (var (name, action, operation) in actions)
            {
                var declared = HeaderParameters(document, operation);
                var boundIfMatch = action.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Header && p.BindingInfo.BinderModelName == "If-Match");
                var versionedGet = action.MethodInfo.GetCustomAttribute<VersionedAttribute>() is not null && name.StartsWith("GET ", StringComparison.Ordinal);
                var idempotent = action.MethodInfo.GetCustomAttribute<IdempotentAttribute>() is not null;

                Assert.That(declared.Contains("If-Match"), Is.EqualTo(boundIfMatch), $"{name}: If-Match");
                Assert.That(declared.Contains("If-None-Match"), Is.EqualTo(versionedGet), $"{name}: If-None-Match");
                Assert.That(declared.Contains(IdempotentAttribute.Header), Is.EqualTo(idempotent), $"{name}: Idempotency-Key");
                Assert.That(operation.GetProperty("responses").TryGetProperty("304", out _), Is.EqualTo(versionedGet), $"{name}: 304");
                if (versionedGet) Assert.That(ResponseHeaders(operation, "304"), Does.Contain("ETag"), $"{name}: the 304's ETag");
            }
        });
    }

    [Test]
    public async Task Document_DeclaresTheResponseHeaders_WhereTheyApply_AsReferencesToComponents()
    {
        var document = await DocumentAsync();
        var components = document.GetProperty("components").GetProperty("headers");
        var actions = ActionsWithOperations(document);

        Assert.Multiple(() =>
        {
            foreach (var (name, action, operation) in actions)
            {
                var versioned = action.MethodInfo.GetCustomAttribute<VersionedAttribute>() is not null;
                foreach (var response in operation.GetProperty("responses").EnumerateObject())
                {
                    var headers = ResponseHeaders(operation, response.Name);
                    Assert.That(headers, Is.SupersetOf(new[] { "RateLimit-Policy", "RateLimit" }), $"{name} {response.Name}: every answer of a limited route");
                    if (response.Name == "201") Assert.That(headers, Does.Contain("Location"), $"{name}: 201 names what it created");
                    if (response.Name is "429" or "503") Assert.That(headers, Does.Contain("Retry-After"), $"{name} {response.Name}");
                    Assert.That(headers.Contains("ETag"), Is.EqualTo(versioned && response.Name is "200" or "201" or "304"), $"{name} {response.Name}: ETag");
                    foreach (var header in response.Value.GetProperty("headers").EnumerateObject())
                    {
                        var reference = header.Value.GetProperty("$ref").GetString()!;
                        Assert.That(reference, Is.EqualTo($"#/components/headers/{header.Name}"), $"{name} {response.Name}: {header.Name}");
                        Assert.That(components.TryGetProperty(header.Name, out var declared) && declared.TryGetProperty("schema", out _), Is.True, $"components/headers/{header.Name}");
                    }
                }
            }
        });
    }

    /// <summary>Every header the service sends, of those the contract speaks of, is declared on the response that carries it.</summary>
    [Test]
    public async Task Document_DeclaresEveryHeaderTheServiceSends_OnTheResponsesThatCarryIt()
    {
        var document = await DocumentAsync();
        var ws = await TestWorkspace.CreateAsync();
        var client = ws.Admin.Client;
        var workflows = $"/{ws.Root}/workflows";

        var created = await client.PostAsJsonAsync(workflows, new { name = "Headers" });
        var workflow = await created.ReadAsync<Application.Workflows.WorkflowResponse>();
        var replayed = await SendAsync(client, HttpMethod.Post, workflows, new { name = "Replayed" }, ("Idempotency-Key", "headers-1"));
        var replay = await SendAsync(client, HttpMethod.Post, workflows, new { name = "Replayed" }, ("Idempotency-Key", "headers-1"));
        var read = await client.GetAsync($"{workflows}/{workflow.Id}");
        var notModified = await SendAsync(client, HttpMethod.Get, $"{workflows}/{workflow.Id}", null, ("If-None-Match", read.Headers.ETag!.Tag));
        var updated = await SendAsync(client, HttpMethod.Put, $"{workflows}/{workflow.Id}", new { description = "x" }, ("If-Match", read.Headers.ETag!.Tag));
        var stale = await SendAsync(client, HttpMethod.Put, $"{workflows}/{workflow.Id}", new { description = "y" }, ("If-Match", read.Headers.ETag!.Tag));
        var task = await client.PostAsJsonAsync($"{workflows}/{workflow.Id}/tasks", new { name = "T" });
        var preview = await client.GetAsync($"{workflows}/{workflow.Id}/deletion-preview");

        var answers = new[]
        {
            ("post", "/api/v2/w/{workspace_uuid}/workflows", created, "201"),
            ("post", "/api/v2/w/{workspace_uuid}/workflows", replayed, "201"),
            ("post", "/api/v2/w/{workspace_uuid}/workflows", replay, "201"),
            ("get", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}", read, "200"),
            ("get", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}", notModified, "304"),
            ("put", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}", updated, "200"),
            ("put", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}", stale, "412"),
            ("post", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}/tasks", task, "201"),
            ("get", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}/deletion-preview", preview, "200"),
        };
        Assert.That(replay.Headers.Contains(IdempotentAttribute.ReplayedHeader), Is.True, "the replay says so");
        Assert.Multiple(() =>
        {
            foreach (var (method, path, response, status) in answers)
            {
                Assert.That(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(status), $"{method} {path}");
                var declared = ResponseHeaders(document.GetProperty("paths").GetProperty(path).GetProperty(method), status);
                var sent = response.Headers.Select(h => h.Key)
                    .Where(h => h is "ETag" or "Location" or "Retry-After" or "RateLimit-Policy" or "RateLimit" or IdempotentAttribute.ReplayedHeader);
                Assert.That(sent, Is.Not.Empty, $"{method} {path} {status}");
                Assert.That(declared, Is.SupersetOf(sent), $"{method} {path} {status}: the headers it sent");
            }
        });
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }
}
