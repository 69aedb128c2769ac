using System.Text.Json.Serialization;

namespace Workflows.Application.Tasks;

public sealed record TaskResponse
{
    public long Id { get; init; }
    public Guid Uuid { get; init; }
    public long WorkflowId { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Prompt { get; init; }
    public double? PosX { get; init; }
    public double? PosY { get; init; }
    public required IReadOnlyList<long> NextTaskIds { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>Sent as the <c>ETag</c> header, not in the body.</summary>
    [JsonIgnore]
    public string ETag { get; init; } = "";
}
