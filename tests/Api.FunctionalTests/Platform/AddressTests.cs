using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// One spelling per request. An id in an address is digits (no sign, space, hex or leading zero),
/// a uuid is 8-4-4-4-12 hex: any other spelling names nothing (the 404 of an address the service
/// does not serve), on every route. A query parameter given twice is a 400 naming it, on every
/// route. The routes are walked from the service's own endpoints, so a new one is covered.
/// </summary>
public sealed class AddressTests
{
    private const string NothingHere = "There is nothing at this address.";

    private static readonly string[] BadIds = ["+1", "%201", "1%20", "0x1", "01", "0", "-1", "1.0", "99999999999999999999"];

    private static readonly string[] BadUuids =
    [
        "%7B0b0e7c7e-1d2f-4c4a-8e9b-5f6a7b8c9d0e%7D", "0b0e7c7e1d2f4c4a8e9b5f6a7b8c9d0e", "%200b0e7c7e-1d2f-4c4a-8e9b-5f6a7b8c9d0e",
        "0b0e7c7e-1d2f-4c4a-8e9b-5f6a7b8c9d0g", "1",
    ];

    [Test]
    public async Task EveryRoute_AnIdOrUuidSpelledAnotherWay_Returns404_AsAnAddressThatNamesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Addressed");
        var routes = Routes().Where(r => r.Pattern.Parameters.Count > 0).ToList();
        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(25), "the walk found the service's routes");
        var wrong = new List<string>();

        foreach (var (method, pattern, _) in routes)
        {
            foreach (var parameter in pattern.Parameters)
            {
                foreach (var bad in IsUuid(parameter.Name) ? BadUuids : BadIds)
                {
                    var url = Url(pattern, name => name == parameter.Name ? bad : Good(name, ws, workflow.Id, task.Id));
                    using var response = await ws.Admin.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.NotFound || !body.Contains(NothingHere, StringComparison.Ordinal))
                        wrong.Add($"{method} {url} → {(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public async Task EveryRoute_AQueryParameterGivenTwice_Returns400NamingIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Queried");
        var wrong = new List<string>();
        var walked = 0;

        foreach (var (method, pattern, action) in Routes())
        {
            foreach (var parameter in action.Parameters.Where(p => p.BindingInfo?.BindingSource == BindingSource.Query))
            {
                walked++;
                var name = parameter.BindingInfo!.BinderModelName ?? parameter.Name;
                var value = Sample(parameter.ParameterType);
                var url = Url(pattern, n => Good(n, ws, workflow.Id, task.Id)) + $"?{name}={value}&{name}={value}";
                using var response = await ws.Admin.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains($"\"{name}\"", StringComparison.Ordinal) || !body.Contains("give it once", StringComparison.Ordinal))
                    wrong.Add($"{method} {url} → {(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}");
            }
        }

        Assert.That(walked, Is.GreaterThanOrEqualTo(15), "the walk found the query parameters");
        Assert.That(wrong, Is.Empty);
    }

    [TestCase("+{0}")]
    [TestCase("%20{0}")]
    [TestCase("0x{1}")]
    [TestCase("0{0}")]
    public async Task AWorkflowSpelledAnotherWay_IsNotUpdatedDeletedOrArchived(string spelling)
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Kept as it was");
        var id = string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, workflow.Id, workflow.Id.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        var client = ws.Admin.Client;

        var put = await client.PutAsJsonAsync($"{ws.Root}/workflows/{id}", new { name = "Renamed" });
        var archive = await client.PostAsync($"{ws.Root}/workflows/{id}/archive", null);
        var delete = await client.DeleteAsync($"{ws.Root}/workflows/{id}");
        var get = await client.GetAsync($"{ws.Root}/workflows/{id}");

        foreach (var response in new[] { put, archive, delete, get })
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var row = await ws.Factory.QueryAsync(db => db.Workflows.AsNoTracking().SingleAsync(w => w.Id == workflow.Id));
        Assert.That((row.Name, row.IsArchived), Is.EqualTo(("Kept as it was", false)));
    }

    [Test]
    public async Task AWorkflow_ByItsIdAndByItsUuidInEitherCase_IsFound()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var byId = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}");
        var byUuid = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Uuid}");
        var byUpperUuid = await ws.Admin.Client.GetAsync($"api/v2/w/{ws.Uuid.ToString().ToUpperInvariant()}/workflows/{workflow.Uuid.ToString().ToUpperInvariant()}");

        await byId.ShouldSucceedAsync();
        await byUuid.ShouldSucceedAsync();
        await byUpperUuid.ShouldSucceedAsync();
    }

    [Test]
    public async Task CascadeGivenTwice_Returns400_AndDeletesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.AddTaskAsync(workflow.Id, "Still here");

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}?cascade=true&cascade=false");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.Errors, Does.ContainKey("cascade"));
        Assert.That(await ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.Id == workflow.Id)), Is.EqualTo(1));
    }

    [TestCase("%2B{0}")]
    [TestCase("%20{0}")]
    [TestCase("0x{1}")]
    public async Task AnIdInTheQuerySpelledAnotherWay_Returns400NamingIt(string spelling)
    {
        var ws = await TestWorkspace.CreateAsync();
        var member = ws.Member.MemberId;
        var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, member, member.ToString("x", System.Globalization.CultureInfo.InvariantCulture));

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?ownerId={value}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.Errors, Does.ContainKey("ownerId"));
    }

    private static bool IsUuid(string parameter) => parameter.EndsWith("_uuid", StringComparison.Ordinal);

    private static string Good(string parameter, TestWorkspace ws, long workflowId, long taskId) => parameter switch
    {
        "workspace_uuid" => ws.Uuid.ToString(),
        "workflow_id" => workflowId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "task_id" => taskId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ when IsUuid(parameter) => Guid.NewGuid().ToString(),
        _ => ws.Member.MemberId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Sample(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool)) return "false";
        if (t == typeof(int) || t == typeof(long)) return "1";
        if (t.IsEnum) return Enum.GetNames(t)[0].ToLowerInvariant();
        return "a";
    }

    private static string Url(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, Func<string, string> value) =>
        string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => value(parameter.Name),
            _ => throw new InvalidOperationException($"Unexpected route part in {pattern.RawText}."),
        }))));

    /// <summary>Every controller route of the service, once per HTTP method it takes.</summary>
    private static IEnumerable<(string Method, Microsoft.AspNetCore.Routing.Patterns.RoutePattern Pattern, ControllerActionDescriptor Action)> Routes() =>
        Testing.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
                .Select(m => (m, e.RoutePattern, e.Metadata.GetMetadata<ControllerActionDescriptor>()!)));
}
