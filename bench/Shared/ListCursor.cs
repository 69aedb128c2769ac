using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflows.Bench.Shared;

/// <summary>
/// The service's signed list cursor for the default workflow list (archived=false, can=use,
/// sort=createdAt, order=asc), built the way its CursorCodec builds one. The baseline needs it to
/// answer the first list page byte for byte; the benchmark uses it to start deep in a list.
/// </summary>
public static class ListCursor
{
    private const int SignatureLength = 16;

    public static string Fingerprint(long workspaceId, long callerId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
            "workflows", workspaceId, callerId, false, "", "", "", "Use", "CreatedAt", "Asc"))))[..16];

    public static string After(byte[] key, long workspaceId, long callerId, DateTime createdAt, long id)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new Envelope(Fingerprint(workspaceId, callerId), new Position(null, DateTime.SpecifyKind(createdAt, DateTimeKind.Utc), id)));
        var signature = HMACSHA256.HashData(key, payload)[..SignatureLength];
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(signature)}";
    }

    private sealed record Envelope(string Query, Position Position);

    private sealed record Position(string? Name, DateTime? At, long Id);
}
