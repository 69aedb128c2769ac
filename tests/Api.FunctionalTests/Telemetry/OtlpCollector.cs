using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Workflows.Api.FunctionalTests.Telemetry;

/// <summary>
/// An OTLP/HTTP collector in the test process: it accepts every export (an empty protobuf
/// answer is an empty export response) and remembers what reached it.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, string? ContentType, long Length)> _exports = new();

    public OtlpCollector()
    {
        Endpoint = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The base address, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes it.</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<(string Path, string? ContentType, long Length)> Exports => [.. _exports];

    public void Dispose() => _listener.Close();

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.Length));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
