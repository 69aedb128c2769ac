using System.Net;
using System.Text.Json;

namespace Workflows.TestSupport;

/// <summary>An RFC 9457 problem body as the service writes it.</summary>
public sealed record Problem(
    string? Type,
    string? Title,
    int Status,
    string? Detail,
    string? Code,
    string? TraceId,
    Dictionary<string, string[]>? Errors);

public static class ProblemAssertions
{
    /// <summary>
    /// Asserts the status, that the body is <c>application/problem+json</c> with status, title,
    /// detail and traceId, and (when given) its code; returns the problem for further checks.
    /// </summary>
    public static async Task<Problem> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonSerializer.Deserialize<Problem>(body, Json.Options)!;
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo((int)status), body);
            Assert.That(problem.Title, Is.Not.Null.And.Not.Empty, body);
            Assert.That(problem.Detail, Is.Not.Null.And.Not.Empty, body);
            Assert.That(problem.TraceId, Is.Not.Null.And.Not.Empty, body);
            Assert.That(body, Does.Not.Contain("   at ").And.Not.Contain("Exception").And.Not.Contain("Workflows."), "no internals leak");
            if (code is not null) Assert.That(problem.Code, Is.EqualTo(code), body);
        });
        return problem;
    }

    /// <summary>A 400 validation problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<Problem> ShouldBeValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.Errors, Is.Not.Null, "a validation problem carries 'errors'");
        Assert.That(problem.Errors!.Keys, Does.Contain(field));
        return problem;
    }
}
