using Microsoft.AspNetCore.Mvc.ModelBinding;
using Workflows.Domain.Common;

namespace Workflows.Api.Errors;

/// <summary>
/// Binding failures (malformed JSON, wrong types, unknown enum values, bad route or query
/// values) as a 400 validation problem whose keys are the fields the caller sent.
/// </summary>
public static partial class InvalidModelState
{
    public static IActionResult Respond(ActionContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var unknown = new Dictionary<string, string[]>();
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0) continue;
            if (entry.Errors.Select(e => UnknownMember(key, e)).FirstOrDefault(m => m is not null) is { } member)
            {
                unknown[member.Field] = [member.Message];
                continue;
            }
            var field = FieldName(key);
            var messages = entry.Errors.Select(e => Message(field, e)).Distinct().ToArray();
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. messages] : messages;
        }
        if (errors.Count > 1) errors.Remove("body"); // a field error already says why the body did not bind
        if (unknown.Count > 0)
        {
            var refused = Problems.Validation(unknown, ErrorCodes.UnknownMember, "The body has a member its schema does not have. See 'errors'.");
            return new ReadToTheEndResult(refused.ForRequest(context.HttpContext))
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentTypes = { "application/problem+json" },
            };
        }
        return new ObjectResult(Problems.Validation(errors).ForRequest(context.HttpContext))
        {
            StatusCode = StatusCodes.Status400BadRequest,
            ContentTypes = { "application/problem+json" },
        };
    }

    /// <summary><c>$.memberRoleAccess[0].role</c> → <c>memberRoleAccess[0].role</c>; the body itself → <c>body</c>.</summary>
    private static string FieldName(string key)
    {
        var field = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key.TrimStart('$');
        if (field.Length == 0 || field.Equals("body", StringComparison.OrdinalIgnoreCase)) return "body";
        return field.StartsWith("body.", StringComparison.OrdinalIgnoreCase) ? field[5..] : field;
    }

    /// <summary>
    /// System.Text.Json refuses a member it cannot map (<see cref="System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow"/>)
    /// with a <see cref="System.Text.Json.JsonException"/> whose path ends at that member, saying
    /// "The JSON property '…' could not be mapped to any .NET member contained in type '…'".
    /// </summary>
    private static (string Field, string Message)? UnknownMember(string key, ModelError error)
    {
        if ((error.Exception as System.Text.Json.JsonException ?? error.Exception?.InnerException as System.Text.Json.JsonException) is not { } json)
            return null;
        var match = UnmappedMember().Match(json.Message);
        if (!match.Success) return null;
        var field = FieldName(key);
        // Below an optional field, the path inside it is the inner exception's (see OptionalJsonConverterFactory).
        for (var inner = json.InnerException as System.Text.Json.JsonException; inner is not null; inner = inner.InnerException as System.Text.Json.JsonException)
            field = field == "body" ? FieldName(inner.Path ?? "") : field + (inner.Path ?? "$").TrimStart('$');
        var type = match.Groups["type"].Value;
        type = type[(type.LastIndexOfAny(['.', '+']) + 1)..];
        return (field == "body" ? match.Groups["member"].Value : field,
            $"'{match.Groups["member"].Value}' is not a member of {type}; check its spelling against the contract.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '(?<member>.*)' could not be mapped to any \\.NET member contained in type '(?<type>[^']*)'")]
    private static partial System.Text.RegularExpressions.Regex UnmappedMember();

    private static string Message(string field, ModelError error)
    {
        if (error.Exception is not null || string.IsNullOrEmpty(error.ErrorMessage) || error.ErrorMessage == "The input was not valid.")
        {
            return field == "body"
                ? "The body is not valid JSON for this operation."
                : $"The value of '{field}' is not valid here (check its JSON type and allowed values).";
        }
        return error.ErrorMessage.Contains("field is required", StringComparison.Ordinal) && field == "body"
            ? "A JSON body is required."
            : error.ErrorMessage;
    }

    /// <summary>
    /// The serializer stops at an unknown member; the rest of the body is read before answering, so
    /// that a streamed body over the limit is a 413 as it would be with its length declared.
    /// </summary>
    private sealed class ReadToTheEndResult(object value) : ObjectResult(value)
    {
        public override async Task ExecuteResultAsync(ActionContext context)
        {
            await context.HttpContext.Request.Body.CopyToAsync(Stream.Null, context.HttpContext.RequestAborted);
            await base.ExecuteResultAsync(context);
        }
    }
}
