using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Workflows.Api.Errors;

/// <summary>
/// Binding failures (malformed JSON, wrong types, unknown enum values, bad route or query
/// values) as a 400 validation problem whose keys are the fields the caller sent.
/// </summary>
public static class InvalidModelState
{
    public static IActionResult Respond(ActionContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0) continue;
            var field = FieldName(key);
            var messages = entry.Errors.Select(e => Message(field, e)).Distinct().ToArray();
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. messages] : messages;
        }
        if (errors.Count > 1) errors.Remove("body"); // a field error already says why the body did not bind
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
}
