using Microsoft.AspNetCore.Http.Features;

namespace Workflows.Api.Errors;

/// <summary>
/// Refuses request bodies over 1 MiB with 413, whether the size is declared up front or only
/// turns up while streaming, and whatever server hosts the service: the one place the limit is
/// counted, so that it is the same number of bytes whatever the framing.
/// </summary>
/// <remarks>
/// Kestrel counts a chunked body's framing against its own limit (a chunked body just under 1 MiB
/// was refused while the same body with Content-Length was read). The server's limit stays as a
/// backstop for requests that never reach this middleware; for a body without Content-Length it
/// is lifted here and this middleware counts the bytes the service actually reads.
/// </remarks>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBytes)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        // A request that cannot have a body (a GET without one, say) has nothing to count.
        if (context.Request.ContentLength is null && context.Request.Body.CanRead
            && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
                serverLimit.MaxRequestBodySize = null;
            context.Request.Body = new LimitedStream(context.Request.Body);
        }
        return next(context);
    }

    private sealed class LimitedStream(Stream inner) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > MaxBytes)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
