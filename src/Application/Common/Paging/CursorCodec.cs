using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflows.Application.Common.Paging;

/// <summary>
/// Opaque, signed cursors for keyset paging. A cursor carries the position after which the next
/// page starts and a fingerprint of the query it belongs to; its HMAC makes a forged or edited
/// cursor, or one taken from another query, a 400 rather than a wrong page.
/// </summary>
public sealed class CursorCodec(byte[] key)
{
    private const int SignatureLength = 16;

    public string Encode<TPosition>(string query, TPosition position)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Envelope<TPosition>(query, position));
        var signature = Sign(payload);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>The position a cursor names; default when there is no cursor (the first page).</summary>
    public TPosition? Decode<TPosition>(string? cursor, string query)
    {
        if (string.IsNullOrEmpty(cursor)) return default;
        try
        {
            var dot = cursor.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0) throw Invalid();
            var payload = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
            var signature = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload))) throw Invalid();
            var envelope = JsonSerializer.Deserialize<Envelope<TPosition>>(payload);
            if (envelope is null || envelope.Query != query || envelope.Position is null) throw Invalid();
            return envelope.Position;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw Invalid();
        }
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(key, payload)[..SignatureLength];

    private static RequestValidationException Invalid() =>
        new("cursor", "'cursor' is not a cursor this service issued for this query. Start again without a cursor.");

    private sealed record Envelope<TPosition>(string Query, TPosition Position);

    /// <summary>A fingerprint of the filters that shape a list, so that a cursor only fits its own query.</summary>
    public static string Fingerprint(params object?[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => p?.ToString() ?? "")))))[..16];
}
