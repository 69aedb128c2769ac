using System.Text.RegularExpressions;
using NJsonSchema;
using NSwag;
using Workflows.TestSupport;

namespace Workflows.Clients.EndToEndTests.Infrastructure;

/// <summary>The checked-in OpenAPI document, and whether what the service answered is what it promises.</summary>
public static class Contract
{
    private static readonly Lazy<Task<OpenApiDocument>> Loaded = new(() => OpenApiDocument.FromFileAsync(Repository.CheckedInDocument));

    public static Task<OpenApiDocument> DocumentAsync() => Loaded.Value;

    /// <summary>
    /// Asserts that every recorded answer is one the document lists for its operation, with the
    /// media type it names and a body its schema accepts (OpenAPI 3 rules: nullable, required,
    /// additionalProperties).
    /// </summary>
    public static async Task AssertConformsAsync(IEnumerable<Exchange> exchanges)
    {
        var document = await DocumentAsync();
        Assert.Multiple(() =>
        {
            foreach (var exchange in exchanges)
            {
                var what = $"{exchange.Method} {exchange.Path} → {exchange.Status}";
                var operation = Find(document, exchange.Method, exchange.Path);
                if (operation is null)
                {
                    Assert.Fail($"{what}: the document has no such operation");
                    continue;
                }
                var status = exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!operation.Responses.TryGetValue(status, out var response))
                {
                    Assert.Fail($"{what}: {operation.OperationId} does not list {status} (lists {string.Join(", ", operation.Responses.Keys)})");
                    continue;
                }
                if (exchange.Body.Length == 0)
                {
                    Assert.That(response.Content, Is.Empty, $"{what}: the document promises a body");
                    continue;
                }
                Assert.That(response.Content.Keys, Does.Contain(exchange.MediaType), $"{what}: media type");
                if (exchange.MediaType is null || !response.Content.TryGetValue(exchange.MediaType, out var media)) continue;
                var errors = media.Schema.ActualSchema.Validate(exchange.Body, SchemaType.OpenApi3);
                Assert.That(errors.Select(e => e.ToString()), Is.Empty, $"{what}: the body does not match {operation.OperationId}'s schema:\n{exchange.Body}");
            }
        });
    }

    /// <summary>The operation whose path template matches; literal segments win over parameters.</summary>
    public static OpenApiOperation? Find(OpenApiDocument document, string method, string path) =>
        document.Paths
            .OrderBy(p => p.Key.Count(c => c == '{'))
            .Where(p => Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"))
            .Select(p => p.Value.TryGetValue(method.ToLowerInvariant(), out var operation) ? operation : null)
            .FirstOrDefault(o => o is not null);
}

/// <summary>One request the client sent and what the service answered.</summary>
public sealed record Exchange(string Method, string Path, int Status, string? MediaType, string Body);

/// <summary>Records every exchange that passes through it, for <see cref="Contract.AssertConformsAsync"/>.</summary>
public sealed class ExchangeRecorder : DelegatingHandler
{
    private readonly List<Exchange> _exchanges = [];

    public IReadOnlyList<Exchange> Exchanges
    {
        get { lock (_exchanges) return [.. _exchanges]; }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        lock (_exchanges)
        {
            _exchanges.Add(new Exchange(
                request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType, body));
        }
        return response;
    }
}
