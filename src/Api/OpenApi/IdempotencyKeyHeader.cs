using System.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using Workflows.Api.Idempotency;

namespace Workflows.Api.OpenApi;

/// <summary>Documents the optional <c>Idempotency-Key</c> header on the operations that honour it.</summary>
public sealed class IdempotencyKeyHeader : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context.MethodInfo.GetCustomAttribute<IdempotentAttribute>() is null) return true;
        context.OperationDescription.Operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotentAttribute.Header,
            Kind = OpenApiParameterKind.Header,
            IsRequired = false,
            Description = "Makes the request repeatable: the same key with the same body replays the first response " +
                "and creates nothing new; the same key with another body is a 422. Keys belong to the caller and the " +
                "workspace and are kept 24 hours.",
            Schema = new JsonSchema { Type = JsonObjectType.String, MinLength = 1, MaxLength = IdempotentAttribute.MaxKeyLength },
        });
        return true;
    }
}
