namespace Workflows.TestSupport.Contract;

/// <summary>
/// Checks every exchange of the client it sits in against the checked-in OpenAPI document
/// (<see cref="ContractValidator"/>) and throws <see cref="ContractViolationException"/> from the
/// call that broke it, so the test that made the call fails. Bodies are buffered to be read: a
/// request body sent without a length (chunked, on purpose) is passed on as it is and not checked.
/// </summary>
public sealed class ContractValidatingHandler(ContractValidator? validator = null) : DelegatingHandler
{
    private readonly ContractValidator _validator = validator ?? ContractValidator.Current;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (!uri.IsAbsoluteUri || !ContractValidator.IsChecked(request.Method.Method, uri.AbsolutePath))
            return await base.SendAsync(request, cancellationToken);

        byte[]? requestBody = null;
        if (request.Content is { } content and not UnsizedContent)
            requestBody = await content.ReadAsByteArrayAsync(cancellationToken);
        else if (request.Content is null)
            requestBody = [];
        var requestHeaders = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(h => h.Value).ToArray(), StringComparer.OrdinalIgnoreCase);

        var response = await base.SendAsync(request, cancellationToken);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(h => h.Value).ToArray(), StringComparer.OrdinalIgnoreCase);

        _validator.Check(new ContractExchange(
            request.Method.Method,
            uri.AbsolutePath,
            uri.Query,
            requestHeaders,
            request.Content?.Headers.ContentType?.ToString(),
            requestBody,
            (int)response.StatusCode,
            responseHeaders,
            response.Content.Headers.ContentType?.ToString(),
            responseBody));
        return response;
    }
}
