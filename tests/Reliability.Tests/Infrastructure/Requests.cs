namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>Requests with the headers the drills vary: the conditional ones and the idempotency key.</summary>
public static class Requests
{
    public static Task<HttpResponseMessage> SendAsync(
        this HttpClient client,
        HttpMethod method,
        string url,
        object? body = null,
        string? ifMatch = null,
        string? ifNoneMatch = null,
        string? idempotencyKey = null) =>
        Send(client, method, url, body, idempotencyKey, CancellationToken.None, ifMatch, ifNoneMatch);

    /// <summary>The same, with a cancellation: the client going away before its answer.</summary>
    public static Task<HttpResponseMessage> Send(
        HttpClient client,
        HttpMethod method,
        string url,
        object? body,
        string? idempotencyKey,
        CancellationToken cancellationToken,
        string? ifMatch = null,
        string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json.Options);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request, cancellationToken);
    }

    /// <summary>The response's ETag, asserting there is one.</summary>
    public static string ETagOf(HttpResponseMessage response)
    {
        var tag = response.Headers.ETag?.ToString();
        Assert.That(tag, Is.Not.Null.And.Not.Empty, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} carries an ETag");
        return tag!;
    }
}
