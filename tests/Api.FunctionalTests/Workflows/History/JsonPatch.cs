using System.Text.Json.Nodes;

namespace Workflows.Api.FunctionalTests.Workflows.History;

/// <summary>
/// A small JSON Patch (RFC 6902) applier, independent of the service's code: add, remove, replace,
/// move, copy and test, over JSON Pointers (RFC 6901), each operation applied to the result of the last.
/// </summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray patch)
    {
        var root = document.DeepClone();
        foreach (var op in patch.Select(o => o!.AsObject()))
        {
            var path = (string)op["path"]!;
            switch ((string)op["op"]!)
            {
                case "add": root = Add(root, path, op["value"]?.DeepClone()); break;
                case "remove": root = Remove(root, path, out _); break;
                case "replace": root = Add(Remove(root, path, out _), path, op["value"]?.DeepClone()); break;
                case "move":
                    root = Remove(root, (string)op["from"]!, out var moved);
                    root = Add(root, path, moved);
                    break;
                case "copy": root = Add(root, path, Get(root, (string)op["from"]!)?.DeepClone()); break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"])) throw new InvalidOperationException($"test failed at {path}");
                    break;
                default: throw new InvalidOperationException($"Unknown op {op["op"]}");
            }
        }
        return root;
    }

    private static string[] Tokens(string path) =>
        path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static JsonNode? Get(JsonNode root, string path)
    {
        var node = root;
        foreach (var token in Tokens(path))
            node = node is JsonArray array ? array[int.Parse(token)] : node!.AsObject()[token] ?? (node.AsObject().ContainsKey(token) ? null : throw new InvalidOperationException($"No {path}"));
        return node;
    }

    private static JsonNode? Parent(JsonNode root, string[] tokens) =>
        tokens.Length == 1 ? root : Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0").Replace("/", "~1"))));

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0) return value ?? throw new InvalidOperationException("null document");
        var parent = Parent(root, tokens);
        var last = tokens[^1];
        if (parent is JsonArray array)
        {
            var index = last == "-" ? array.Count : int.Parse(last);
            if (index > array.Count) throw new InvalidOperationException($"Index out of range at {path}");
            array.Insert(index, value);
        }
        else
        {
            parent!.AsObject()[last] = value;
        }
        return root;
    }

    private static JsonNode Remove(JsonNode root, string path, out JsonNode? removed)
    {
        var tokens = Tokens(path);
        var parent = Parent(root, tokens);
        var last = tokens[^1];
        if (parent is JsonArray array)
        {
            var index = int.Parse(last);
            removed = array[index];
            array.RemoveAt(index);
        }
        else
        {
            var obj = parent!.AsObject();
            if (!obj.TryGetPropertyValue(last, out removed)) throw new InvalidOperationException($"Nothing to remove at {path}");
            obj.Remove(last);
        }
        return root;
    }
}
