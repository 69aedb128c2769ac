using System.Security.Cryptography;

namespace Workflows.Api.Hosting;

/// <summary>The <c>Paging</c> settings: the key that signs list cursors.</summary>
public sealed class PagingOptions
{
    public const string Section = "Paging";

    /// <summary>Bytes a configured cursor key must have at least: the size of the HMAC-SHA256 key it becomes.</summary>
    public const int MinimumCursorKeyBytes = 32;

    /// <summary>
    /// Base64, at least 32 random bytes; configure one when several instances serve one database.
    /// Empty: a random key per process.
    /// </summary>
    public string? CursorKey { get; set; }

    /// <summary>Why the configured key is unusable (not base64, or too short), or null.</summary>
    public string? CursorKeyProblem() => Decode(CursorKey, out _);

    /// <summary>The key's bytes: the configured key, or a random one when none is configured (or it is unusable: then the start stops).</summary>
    public byte[] CursorKeyBytes() =>
        Decode(CursorKey, out var key) is null && key is not null ? key : RandomNumberGenerator.GetBytes(MinimumCursorKeyBytes);

    private static string? Decode(string? configured, out byte[]? key)
    {
        key = null;
        if (string.IsNullOrEmpty(configured)) return null;
        var buffer = new byte[configured.Length];
        if (!Convert.TryFromBase64String(configured, buffer, out var length))
            return "Paging:CursorKey is not valid base64. Set it to a random key of at least 32 bytes, base64-encoded (for example `openssl rand -base64 32`).";
        if (length < MinimumCursorKeyBytes)
            return $"Paging:CursorKey is {length} bytes long; it must be at least {MinimumCursorKeyBytes} random bytes, base64-encoded (for example `openssl rand -base64 32`).";
        key = buffer[..length];
        return null;
    }
}
