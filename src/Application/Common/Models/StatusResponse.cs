using System.Text.Json.Serialization;

namespace Workflows.Application.Common.Models;

/// <summary>The reference's success object: <c>{ "status": "success" }</c>.</summary>
public sealed record StatusResponse
{
    public static readonly StatusResponse Success = new();

    public string Status { get; init; } = "success";

    /// <summary>Only present on a cascade delete.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DeletedTaskCount { get; init; }
}
