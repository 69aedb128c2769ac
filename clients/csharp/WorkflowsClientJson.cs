using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Workflows.Client;

/// <summary>
/// How every client of this library writes request bodies. PUT and PATCH change only the fields a
/// body carries (a field sent as null is cleared), so a property left null is not sent at all: an
/// update changes exactly the properties you set. To clear a field, name it with the request's
/// <c>Clear</c> (<see cref="UpdateWorkflowRequest.Clear{TValue}"/>, <see cref="UpdateTaskRequest.Clear{TValue}"/>):
/// it is sent as null.
/// </summary>
public static class WorkflowsClientJson
{
    /// <summary>Applies the library's settings to <paramref name="options"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(ClearedProperties.WriteCleared);
    }
}

// One partial per generated client: the generated code calls UpdateJsonSerializerSettings when it
// creates its serializer options.
public partial class WorkspacesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}

public partial class MembersClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}

public partial class WorkflowsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}

public partial class TasksClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}

public partial class TemplatesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}

public partial class AssignmentsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}

public partial class PhoneNumbersClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}

public partial class InboxesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}

public partial class AuditLogClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => WorkflowsClientJson.Configure(settings);
}
