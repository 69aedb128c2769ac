using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Application.Workflows.History;

/// <summary>
/// The difference between two versions of a workflow as a JSON Patch (RFC 6902) that turns the
/// one into the other, in the shape GET answers with. Tasks are followed by their id, not by their
/// place in the list: a task that changed is patched in place (a renamed one is a <c>replace</c>
/// of its name), one that is gone is removed and one that is new added, all at indexes of
/// <c>/tasks</c> computed as the patch is applied, operation after operation. Other lists
/// (abilities, event rules, role access, a task's next tasks) are replaced whole when they differ.
/// </summary>
public static class WorkflowDiff
{
    public const string TasksProperty = "tasks";

    public static IReadOnlyList<JsonPatchOperation> Between(JsonObject from, JsonObject to)
    {
        var ops = new List<JsonPatchOperation>();
        DiffObject(from, to, "", ops, root: true);
        return ops;
    }

    private static void DiffObject(JsonObject from, JsonObject to, string path, List<JsonPatchOperation> ops, bool root = false)
    {
        foreach (var (key, _) in from)
        {
            if (!to.ContainsKey(key)) ops.Add(new() { Op = JsonPatchOp.Remove, Path = Pointer(path, key) });
        }
        foreach (var (key, value) in to)
        {
            var at = Pointer(path, key);
            if (!from.TryGetPropertyValue(key, out var before))
                ops.Add(new() { Op = JsonPatchOp.Add, Path = at, Value = Element(value) });
            else if (root && key == TasksProperty && before is JsonArray beforeTasks && value is JsonArray afterTasks)
                DiffTasks(beforeTasks, afterTasks, at, ops);
            else if (before is JsonObject beforeObject && value is JsonObject afterObject)
                DiffObject(beforeObject, afterObject, at, ops);
            else if (!JsonNode.DeepEquals(before, value))
                ops.Add(new() { Op = JsonPatchOp.Replace, Path = at, Value = Element(value) });
        }
    }

    private static void DiffTasks(JsonArray from, JsonArray to, string path, List<JsonPatchOperation> ops)
    {
        var wanted = to.Select(IdOf).ToHashSet();
        // The list as it stands after each operation, so that every index is the one the patch meets.
        var current = from.Select(t => t!.AsObject()).ToList();
        for (var i = current.Count - 1; i >= 0; i--)
        {
            if (wanted.Contains(IdOf(current[i]))) continue;
            ops.Add(new() { Op = JsonPatchOp.Remove, Path = $"{path}/{i}" });
            current.RemoveAt(i);
        }
        for (var j = 0; j < to.Count; j++)
        {
            var target = to[j]!.AsObject();
            var id = IdOf(target);
            var k = current.FindIndex(j, t => IdOf(t) == id);
            if (k < 0)
            {
                ops.Add(new() { Op = JsonPatchOp.Add, Path = $"{path}/{j}", Value = Element(target) });
                current.Insert(j, target);
                continue;
            }
            if (k != j)
            {
                ops.Add(new() { Op = JsonPatchOp.Move, From = $"{path}/{k}", Path = $"{path}/{j}" });
                var moved = current[k];
                current.RemoveAt(k);
                current.Insert(j, moved);
            }
            DiffObject(current[j], target, $"{path}/{j}", ops);
        }
    }

    private static long? IdOf(JsonNode? task) =>
        task is JsonObject o && o.TryGetPropertyValue("id", out var id) && id is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    private static string Pointer(string path, string key) => $"{path}/{key.Replace("~", "~0").Replace("/", "~1")}";

    private static JsonElement Element(JsonNode? node) =>
        node is null ? JsonDocument.Parse("null").RootElement.Clone() : JsonSerializer.SerializeToElement(node);
}
