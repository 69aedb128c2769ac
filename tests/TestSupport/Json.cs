using System.Text.Json;
using Workflows.Api.Json;

namespace Workflows.TestSupport;

/// <summary>Reads and writes JSON exactly as the service does (camelCase, enums as lowercase strings).</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options)
                ?? throw new AssertionException($"Expected a {typeof(T).Name} body, got null.");
        }
        catch (JsonException e)
        {
            throw new AssertionException($"Expected a {typeof(T).Name} body ({(int)response.StatusCode}), got: {body}", e);
        }
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, Options);

    /// <summary>Sends raw text as the JSON body (for malformed or hand-shaped input).</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body) =>
        client.SendAsync(new HttpRequestMessage(method, url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        });
}
