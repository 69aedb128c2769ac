using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
}
