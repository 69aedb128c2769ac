using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Workflows.Application.Workflows.History;

/// <summary>
/// A workflow's version as stored: the API's <see cref="WorkflowResponse"/> as JSON, written with
/// the API's conventions (camelCase, enums as camelCase strings), without <c>permissions</c>, which
/// are a caller's view rather than the workflow's. Served again with the reader's permissions.
/// </summary>
public static class WorkflowSnapshots
{
    public const string PermissionsProperty = "permissions";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        // A workflow's permissions are never written into its history (they are still read, see Read).
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WithoutPermissionsWritten } },
    };

    /// <summary>The workflow as stored in its history (needs its tasks loaded, ordered by id): written once, straight to JSON.</summary>
    public static string Of(Workflow workflow, Member actor) => JsonSerializer.Serialize(workflow.ToResponse(actor), Options);

    /// <summary>The stored workflow without permissions, as a JSON document (what diffs compare).</summary>
    public static JsonObject Document(string snapshot) => JsonNode.Parse(snapshot)!.AsObject();

    /// <summary>The stored workflow with the reader's permissions, in the shape GET answers with.</summary>
    public static WorkflowResponse Read(string snapshot, PermissionsResponse permissions)
    {
        var node = Document(snapshot);
        node[PermissionsProperty] = JsonSerializer.SerializeToNode(permissions, Options);
        return node.Deserialize<WorkflowResponse>(Options)!;
    }

    /// <summary>The task graph a snapshot holds, for a restore.</summary>
    public static IReadOnlyList<TaskState> TasksOf(WorkflowResponse snapshot) =>
        snapshot.Tasks
            .Select(t => new TaskState(t.Id, new TaskDetails(t.Name, t.Description, t.Prompt, t.PosX, t.PosY), t.NextTaskIds, t.Id == snapshot.StartTaskId))
            .ToList();

    private static void WithoutPermissionsWritten(JsonTypeInfo type)
    {
        if (type.Type != typeof(WorkflowResponse)) return;
        foreach (var property in type.Properties.Where(p => p.Name == PermissionsProperty))
            property.ShouldSerialize = static (_, _) => false;
    }
}
