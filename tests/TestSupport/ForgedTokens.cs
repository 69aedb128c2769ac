using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Workflows.TestSupport;

/// <summary>Tokens an attacker could send: unsigned ones, and signed ones edited after signing.</summary>
public static class ForgedTokens
{
    /// <summary>
    /// An unsigned token (<c>alg</c> = <c>none</c>, empty signature) whose claims are otherwise
    /// exactly what the service would accept from a signed one.
    /// </summary>
    public static string WithAlgNone(string objectId, string scopes = TestTokens.AllScopes)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new { alg = "none", typ = "JWT" };
        var payload = new Dictionary<string, object>
        {
            ["iss"] = TestTokens.Issuer,
            ["aud"] = TestTokens.Audience,
            ["oid"] = objectId,
            ["sub"] = objectId,
            ["tid"] = TestTokens.TenantId,
            ["scp"] = scopes,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        return $"{Encode(JsonSerializer.Serialize(header))}.{Encode(JsonSerializer.Serialize(payload))}.";
    }

    /// <summary>A signed token whose payload (the JSON text) was edited after signing; the signature is left as it was.</summary>
    public static string WithPayloadEdited(string token, Func<string, string> edit)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) throw new ArgumentException("Not a signed JWT.", nameof(token));
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        var edited = edit(payload);
        if (edited == payload) throw new ArgumentException("The edit changed nothing.", nameof(edit));
        return $"{parts[0]}.{Encode(edited)}.{parts[2]}";
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
