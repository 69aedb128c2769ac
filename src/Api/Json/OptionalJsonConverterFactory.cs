using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Api.Json;

/// <summary>
/// Reads <see cref="Optional{T}"/> body fields: the converter only runs for a field that is
/// present, so an absent field stays "not sent" and <c>null</c> becomes "sent as null".
/// </summary>
public sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return new(default!);
            try
            {
                return new(JsonSerializer.Deserialize<T>(ref reader, options)!);
            }
            catch (JsonException e) when (e.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            {
                // An unknown member keeps its message, and its path inside this field as the inner exception's.
                throw new JsonException(e.Message, e);
            }
            catch (JsonException)
            {
                // Rethrown without a path so that the error names this field, not a path inside it.
                throw new JsonException();
            }
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.HasValue) JsonSerializer.Serialize(writer, value.Value, options);
            else writer.WriteNullValue();
        }
    }
}
