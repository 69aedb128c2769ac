using System.Net;
using System.Net.Http.Headers;

namespace Workflows.TestSupport;

/// <summary>
/// A request body sent without Content-Length (chunked), so that the service learns its size only
/// while reading it.
/// </summary>
public sealed class UnsizedContent : HttpContent
{
    private const int ChunkSize = 16 * 1024;
    private readonly byte[] _bytes;

    public UnsizedContent(byte[] bytes, string mediaType = "application/json")
    {
        _bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _bytes.Length; offset += ChunkSize)
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(ChunkSize, _bytes.Length - offset)));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
