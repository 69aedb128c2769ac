using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.TestSupport;
using Workflows.Api.OpenApi;

namespace Workflows.Clients.EndToEndTests;

/// <summary>The checked-in OpenAPI document (openapi/workflows.v2.json): current, served, and saying what the service does.</summary>
public sealed partial class OpenApiDocumentTests
{
    private static JsonObject Document => (JsonObject)JsonNode.Parse(File.ReadAllText(Repository.CheckedInDocument))!;

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(method => (path.Key, method.Key, method.Value!.AsObject())));

    /// <summary>An operation's parameters, each <c>$ref</c> (to components/parameters) resolved in its document.</summary>
    private static List<JsonObject> Parameters(JsonObject operation) =>
        [.. (operation["parameters"]?.AsArray() ?? []).Select(p => p!["$ref"] is { } reference ? Resolve(operation, reference.GetValue<string>()) : p.AsObject())];

    private static JsonObject Resolve(JsonNode within, string reference)
    {
        Assert.That(reference, Does.StartWith("#/"), "a reference within the document");
        return reference[2..].Split('/').Aggregate(within.Root, (node, segment) => node[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
            ?? throw new AssertionException($"{reference} names nothing in the document")).AsObject();
    }

    private static JsonObject Schema(JsonObject document, string name) => document["components"]!["schemas"]![name]!.AsObject();

    [Test]
    public async Task CheckedInDocument_IsTheOneTheServiceGenerates()
    {
        var generated = await OpenApiExport.ToJsonAsync(Testing.Service.Services);
        var checkedIn = await File.ReadAllTextAsync(Repository.CheckedInDocument);
        Assert.That(checkedIn.ReplaceLineEndings("\n"), Is.EqualTo(generated),
            "openapi/workflows.v2.json is stale: regenerate it with `dotnet run --project src/Api -- --openapi`, then the clients");
    }

    [Test]
    public async Task ServedDocument_IsTheCheckedInOne_NamingTheConfiguredTenantAndAppIdUri()
    {
        using var http = Testing.Service.HttpClientWith(token: null);
        using var response = await http.GetAsync(new Uri("openapi/v2.json", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await response.Content.ReadAsStringAsync();
        var served = JsonNode.Parse(text)!.AsObject();

        var flow = served["components"]!["securitySchemes"]![AzureAdSecurity.OAuth2]!["flows"]!["authorizationCode"]!;
        Assert.That(flow["authorizationUrl"]!.GetValue<string>(), Is.EqualTo($"https://login.microsoftonline.com/{TestTokens.TenantId}/oauth2/v2.0/authorize"));
        Assert.That(flow["tokenUrl"]!.GetValue<string>(), Is.EqualTo($"https://login.microsoftonline.com/{TestTokens.TenantId}/oauth2/v2.0/token"));
        Assert.That(flow["scopes"]!.AsObject().Select(s => s.Key),
            Is.EquivalentTo(new[] { "api://workflows-api/workflows:read", "api://workflows-api/workflows:write", "api://workflows-api/workflows:admin" }));
        Assert.That(served["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()), Is.EqualTo(new[] { Testing.Service.BaseAddress.ToString().TrimEnd('/') }));

        // Apart from those, it is the checked-in document.
        var unprefixed = JsonNode.Parse(text.Replace("api://workflows-api/", "", StringComparison.Ordinal).Replace(TestTokens.TenantId, "organizations", StringComparison.Ordinal))!.AsObject();
        unprefixed.Remove("servers");
        var checkedIn = Document;
        checkedIn.Remove("servers");
        Assert.That(JsonNode.DeepEquals(unprefixed, checkedIn), Is.True, "the served document differs from openapi/workflows.v2.json beyond tenant, scopes and server");
    }

    [Test]
    public void EveryOperation_HasAStableReadableId_ASummary_ADescription_AndDescribedParameters()
    {
        var operations = Operations(Document).ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(30));
        Assert.That(operations.Select(o => o.Operation["operationId"]?.GetValue<string>()), Is.Unique);
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in operations)
            {
                var id = operation["operationId"]?.GetValue<string>() ?? "";
                Assert.That(id, Does.Match("^[A-Z][A-Za-z]+_[A-Z][A-Za-z]+$"), $"{method} {path}");
                Assert.That(operation["tags"]!.AsArray().Single()!.GetValue<string>(), Is.EqualTo(id.Split('_')[0]), $"{id}: its tag is its client");
                Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{id}: summary");
                Assert.That(operation["description"]?.GetValue<string>(), Does.Contain("Permissions:").IgnoreCase, $"{id}: description with its permissions");
                foreach (var parameter in Parameters(operation))
                    Assert.That(parameter["description"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{id}: parameter {parameter["name"]}");
                foreach (var (status, response) in operation["responses"]!.AsObject())
                    Assert.That(response!["description"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{id}: response {status}");
            }
        });
    }

    private static readonly (string Method, string Path, string Id, string Summary)[] ReferenceOperations =
    [
        ("delete", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}", "Workflows_Delete", "Delete a workflow permanently."),
        ("get", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}", "Workflows_Get", "Retrieve a specific workflow by its identifier."),
        ("put", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}", "Workflows_Update", "Update an existing workflow's configuration."),
        ("post", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}/archive", "Workflows_Archive", "Archive a workflow."),
        ("post", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}/clone", "Workflows_Clone", "Clone a workflow with all tasks and associations."),
        ("get", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}/deletion-preview", "Workflows_GetDeletionPreview", "Preview what will be deleted/archived when deleting a workflow."),
        ("post", "/api/v2/w/{workspace_uuid}/workflows/{workflow_id}/unarchive", "Workflows_Unarchive", "Unarchive a workflow."),
    ];

    [Test]
    public void TheReferenceOperations_HaveTheirIds_AndTheReferencesSummaries()
    {
        var document = Document;
        Assert.Multiple(() =>
        {
            foreach (var (method, path, id, summary) in ReferenceOperations)
            {
                var operation = document["paths"]![path]?[method];
                Assert.That(operation?["operationId"]?.GetValue<string>(), Is.EqualTo(id), $"{method} {path}");
                Assert.That(operation?["summary"]?.GetValue<string>(), Is.EqualTo(summary), id);
            }
        });
    }

    [Test]
    public void EveryOperation_ListsEveryProblemThePipelineCanAnswer_AsProblemJson()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in Operations(Document))
            {
                var id = operation["operationId"]!.GetValue<string>();
                var responses = operation["responses"]!.AsObject();
                var expected = new List<string> { "400", "401", "403", "429", "500", "503" }; // every operation is rate limited
                if (path.Contains("{workspace_uuid}", StringComparison.Ordinal)) expected.Add("404");
                if (method != "get") expected.Add("409");
                if (Parameters(operation).Any(p => p["name"]!.GetValue<string>() == "If-Match")) expected.Add("412");
                expected.Add("413"); // a body over 1 MiB is refused on every route, even one that reads none
                if (operation["requestBody"] is not null) expected.Add("415");
                if (Parameters(operation).Any(p => p["name"]!.GetValue<string>() == "Idempotency-Key")) expected.Add("422");
                Assert.That(responses.Select(r => r.Key).Where(s => s[0] is '4' or '5'), Is.EquivalentTo(expected), id);
                Assert.That(responses.Select(r => r.Key).Where(s => s[0] == '2'), Has.Exactly(1).Items, $"{id}: one success status");

                foreach (var (status, response) in responses)
                {
                    var content = response!["content"]?.AsObject();
                    if (status[0] is '4' or '5')
                    {
                        var schema = content?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                        Assert.That(content!.Select(c => c.Key), Is.EqualTo(new[] { "application/problem+json" }), $"{id} {status}");
                        Assert.That(schema, Is.EqualTo(status == "400" ? "#/components/schemas/ValidationProblemDetails" : "#/components/schemas/ProblemDetails"), $"{id} {status}");
                    }
                    else if (status[0] == '2')
                    {
                        Assert.That(content?["application/json"]?["schema"], Is.Not.Null, $"{id} {status}: a JSON body");
                    }
                }
            }
        });
    }

    [Test]
    public void Problems_CarryStatusTitleDetailCodeAndTraceId_AndValidationProblemsTheirErrors()
    {
        var document = Document;
        var problem = Schema(document, "ProblemDetails");
        Assert.That(problem["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EquivalentTo(new[] { "title", "status", "detail", "code", "traceId" }));
        Assert.That(problem["properties"]!["code"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(problem["properties"]!["traceId"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));

        var validation = Schema(document, "ValidationProblemDetails")["allOf"]!.AsArray();
        Assert.That(validation[0]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/ProblemDetails"));
        var errors = validation[1]!["properties"]!["errors"]!;
        Assert.That(errors["additionalProperties"]!["items"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(document["components"]!["schemas"]!.AsObject().Select(s => s.Key), Has.None.EqualTo("HttpValidationProblemDetails"));
    }

    [Test]
    public void ProblemCode_ListsEveryErrorCode_WithItsStatus_AsAnOpenList()
    {
        var code = Schema(Document, "ProblemDetails")["properties"]!["code"]!;
        var catalogue = Domain.Common.ErrorCodes.All;
        Assert.That(catalogue, Has.Count.GreaterThan(20));
        Assert.Multiple(() =>
        {
            // A string, not an enum: the generated clients must still read a code added later.
            Assert.That(code["type"]!.GetValue<string>(), Is.EqualTo("string"));
            Assert.That(code["enum"], Is.Null);
            Assert.That(code["x-extensible-enum"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(catalogue.Select(e => e.Code)));
            Assert.That(code["x-error-codes"]!.AsArray().Select(c => (c!["code"]!.GetValue<string>(), c["status"]!.GetValue<int>())),
                Is.EqualTo(catalogue.Select(e => (e.Code, e.Status))));
        });
    }

    [Test]
    public void ErrorCodeTable_InTheReadme_ListsEveryCode_WithItsStatus()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var rows = ErrorCodeRow().Matches(readme).ToDictionary(m => m.Groups["code"].Value, m => int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(rows.Keys, Is.EquivalentTo(Domain.Common.ErrorCodes.All.Select(e => e.Code)));
        Assert.Multiple(() =>
        {
            foreach (var error in Domain.Common.ErrorCodes.All)
                Assert.That(rows.GetValueOrDefault(error.Code), Is.EqualTo(error.Status), error.Code);
        });
    }

    [Test]
    public void Tags_AreEachDescribedByTheirOwnController()
    {
        var tags = Document["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());
        Assert.That(tags.Keys, Is.EqualTo(ContractDocument.TagOrder));
        Assert.Multiple(() =>
        {
            Assert.That(tags.Values, Has.All.Not.Null.And.Not.Empty);
            Assert.That(tags.Values, Is.Unique, "no tag borrows another's description");
            Assert.That(tags["Workflows"], Does.Contain("workflows").And.Not.Contain("templates"));
            Assert.That(tags["Templates"], Does.Contain("templates"));
        });
    }

    [Test]
    public void Info_HasContactAndLicense_AndTheServerIsTheRootOfTheHostServingIt()
    {
        var document = Document;
        Assert.Multiple(() =>
        {
            Assert.That(document["info"]!["contact"]?["name"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(document["info"]!["license"]?["name"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(document["servers"]?.AsArray().Select(s => s!["url"]!.GetValue<string>()), Is.EqualTo(new[] { "/" }));
        });
    }

    [Test]
    public void UpdateMemberRole_IsATypedNullableEnumOfTheRoles()
    {
        var document = Document;
        var role = Schema(document, "UpdateMemberRequest")["properties"]!["role"]!;
        var roles = Schema(document, "MemberRole")["enum"]!.AsArray().Select(v => v!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(role["type"]?.GetValue<string>(), Is.EqualTo("string"));
            Assert.That(role["nullable"]?.GetValue<bool>(), Is.True, "null is accepted: the role is left as it is");
            Assert.That(role["enum"]!.AsArray().Select(v => v?.GetValue<string>()), Is.EqualTo(roles.Append(null)));
        });
    }

    [Test]
    public void Nullable_AppearsOnlyBesideAType()
    {
        // OpenAPI 3.0 ignores 'nullable' without 'type'.
        var typeless = new List<string>();
        void Visit(JsonNode? node, string at)
        {
            if (node is JsonObject o)
            {
                if (o["nullable"] is not null && o["type"] is null) typeless.Add(at);
                foreach (var (key, value) in o) Visit(value, $"{at}/{key}");
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++) Visit(a[i], $"{at}/{i}");
            }
        }
        Visit(Document, "#");
        Assert.That(typeless, Is.Empty);
    }

    [TestCase("CreateWorkflowRequest")]
    [TestCase("UpdateWorkflowRequest")]
    [TestCase("AddMemberRequest")]
    [TestCase("ProblemDetails")]
    [TestCase("ValidationProblemDetails")]
    public void MainBodies_HaveAnExample_WithOnlyTheirOwnFields(string name)
    {
        var document = Document;
        var schema = Schema(document, name);
        var example = schema["example"]?.AsObject();
        Assert.That(example, Is.Not.Null, $"{name} has an example");
        var fields = (schema["allOf"]?.AsArray().Select(p => p!["$ref"] is { } r ? Schema(document, r.GetValue<string>().Split('/')[^1]) : p!.AsObject())
                ?? [schema])
            .SelectMany(p => p["properties"]!.AsObject().Select(f => f.Key)).ToHashSet();
        Assert.That(example!.Select(f => f.Key), Is.SubsetOf(fields));
        if (example["code"] is { } code)
            Assert.That(Domain.Common.ErrorCodes.All.Select(e => e.Code), Does.Contain(code.GetValue<string>()));
    }

    [Test]
    public void IdempotencyKey_IsAnOptionalHeader_OfExactlyTheRepeatablePosts()
    {
        var withKey = Operations(Document)
            .Where(o => Parameters(o.Operation).Any(p => p["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header" && p["required"]?.GetValue<bool>() != true))
            .Select(o => o.Operation["operationId"]!.GetValue<string>());
        Assert.That(withKey, Is.EquivalentTo(new[] { "Workflows_Create", "Workflows_Clone", "Templates_CreateWorkflow", "Assignments_Create", "Workflows_RestoreVersion" }));
    }

    [TestCase("Workflows_Delete", "cascade")]
    [TestCase("Workflows_List", "archived")]
    public void Flags_AreOptionalBooleanQueryParameters_DefaultingToFalse(string operationId, string name)
    {
        var operation = Operations(Document).Single(o => o.Operation["operationId"]!.GetValue<string>() == operationId)
            .Operation;
        var parameter = Parameters(operation).Single(p => p["name"]!.GetValue<string>() == name);
        Assert.That(parameter["in"]!.GetValue<string>(), Is.EqualTo("query"));
        Assert.That(parameter["required"]?.GetValue<bool>() ?? false, Is.False);
        Assert.That(JsonNode.DeepEquals(parameter["schema"], JsonNode.Parse("""{ "type": "boolean", "default": false }""")), Is.True, parameter.ToJsonString());
    }

    [TestCase("UpdateWorkflowRequest")]
    [TestCase("UpdateTaskRequest")]
    public void UpdateBodies_DescribeEveryFieldAsAnOptionalNullablePlainValue(string name)
    {
        // The request types hold Optional<T> fields (absent, null or a value); on the wire and in
        // the clients each is a plain nullable property.
        var schema = Schema(Document, name);
        Assert.That(schema["required"], Is.Null, "every field may be left out");
        Assert.Multiple(() =>
        {
            foreach (var (field, property) in schema["properties"]!.AsObject())
            {
                Assert.That(property!["nullable"]?.GetValue<bool>(), Is.True, $"{name}.{field} may be sent as null to clear it");
                if (property["readOnly"]?.GetValue<bool>() == true) continue; // a GET body's member, sent back and ignored
                Assert.That(property["type"]?.GetValue<string>(), Is.AnyOf("string", "integer", "number", "array"), $"{name}.{field}");
                Assert.That(property["properties"], Is.Null, $"{name}.{field} is not an Optional wrapper object");
            }
        });
        Assert.That(schema["properties"]!["name"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(schema["properties"]!["posX"]!["format"]!.GetValue<string>(), Is.EqualTo("double"));
        // Every member of the GET body is in the update schema: the ones an update does not set as readOnly.
        var response = Schema(Document, name.Replace("Update", "", StringComparison.Ordinal).Replace("Request", "Response", StringComparison.Ordinal));
        var readOnly = schema["properties"]!.AsObject().Where(p => p.Value!["readOnly"]?.GetValue<bool>() == true).Select(p => p.Key);
        var writable = schema["properties"]!.AsObject().Where(p => p.Value!["readOnly"] is null).Select(p => p.Key);
        Assert.That(readOnly, Is.EquivalentTo(response["properties"]!.AsObject().Select(p => p.Key).Except(writable)), $"{name}: the read-only members of its GET body");
    }

    [Test]
    public void Enums_AreTheLowercaseStringsTheServiceWrites()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Api.Json.JsonSetup.Configure(options);
        var types = new[] { typeof(Api.DependencyInjection), typeof(Application.Common.Models.Page<>), typeof(Domain.Workflows.WorkflowAccess) }
            .SelectMany(t => t.Assembly.GetTypes()).Where(t => t.IsEnum).ToLookup(t => t.Name);

        var enums = Document["components"]!["schemas"]!.AsObject().Where(s => s.Value!["enum"] is not null).ToList();
        Assert.That(enums.Select(e => e.Key), Is.SupersetOf(new[] { "MemberKind", "MemberRole", "WorkflowAccess", "WorkflowSort", "SortOrder" }));
        Assert.That(Schema(Document, "WorkflowAccess")["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "use", "edit", "delete", "admin" }));
        Assert.Multiple(() =>
        {
            foreach (var (name, schema) in enums)
            {
                var type = types[name].Single();
                var written = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options).Trim('"'))
                    // "none" is computed, never sent nor returned: the document leaves it out.
                    .Where(v => !(type == typeof(Domain.Workflows.WorkflowAccess) && v == "none")).ToList();
                Assert.That(schema!["type"]!.GetValue<string>(), Is.EqualTo("string"), name);
                Assert.That(schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(written), name);
                Assert.That(written, Has.All.Match("^[a-z][A-Za-z]*$"), name);
            }
        });
    }

    [Test]
    public void Security_IsAzureAdAuthorizationCodeWithTheScopes_OrABearerToken_AndEachOperationNamesItsScope()
    {
        var document = Document;
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.That(schemes[AzureAdSecurity.OAuth2]!["type"]!.GetValue<string>(), Is.EqualTo("oauth2"));
        var flow = schemes[AzureAdSecurity.OAuth2]!["flows"]!["authorizationCode"]!;
        Assert.That(flow["authorizationUrl"]!.GetValue<string>(), Is.EqualTo("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"));
        Assert.That(flow["tokenUrl"]!.GetValue<string>(), Is.EqualTo("https://login.microsoftonline.com/organizations/oauth2/v2.0/token"));
        Assert.That(flow["scopes"]!.AsObject().Select(s => s.Key), Is.EquivalentTo(new[] { "workflows:read", "workflows:write", "workflows:admin" }));
        Assert.That(JsonNode.DeepEquals(schemes[AzureAdSecurity.Bearer], JsonNode.Parse($$"""
            { "type": "http", "description": {{JsonSerializer.Serialize(schemes[AzureAdSecurity.Bearer]!["description"]!.GetValue<string>())}}, "scheme": "bearer", "bearerFormat": "JWT" }
            """)), Is.True, schemes[AzureAdSecurity.Bearer]!.ToJsonString());

        Assert.Multiple(() =>
        {
            foreach (var (_, method, operation) in Operations(document))
            {
                var id = operation["operationId"]!.GetValue<string>();
                var scope = id == "Workflows_Delete" ? "workflows:admin" : method == "get" ? "workflows:read" : "workflows:write";
                Assert.That(JsonNode.DeepEquals(operation["security"], JsonNode.Parse($$"""[{ "AzureAD": ["{{scope}}"] }, { "Bearer": [] }]""")),
                    Is.True, $"{id}: {operation["security"]?.ToJsonString()}");
            }
        });
    }

    [Test]
    public async Task RequiredRequestFields_AreTheOnesTheServiceInsistsOn()
    {
        // Each request body that names required fields, sent empty to the running service: the
        // 400 names exactly those fields.
        using var http = Testing.Service.HttpClientWith(TestTokens.ForPerson(Guid.NewGuid().ToString()));
        var workspace = await PostAsync(http, "api/v2/workspaces", new { name = "Required fields" });
        var ws = workspace["uuid"]!.GetValue<string>();
        var workflow = await PostAsync(http, $"api/v2/w/{ws}/workflows", new { name = "Required fields" });
        var templates = (await http.GetFromJsonAsync<JsonObject>($"api/v2/w/{ws}/workflows/templates?limit=1"))!["items"]!.AsArray();
        var values = new Dictionary<string, string>
        {
            ["workspace_uuid"] = ws,
            ["workflow_id"] = workflow["id"]!.ToJsonString(),
            ["template_uuid"] = templates[0]!["uuid"]!.GetValue<string>(),
        };

        var document = Document;
        var checkedOperations = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var reference = operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
            var required = reference is null ? null : Schema(document, reference.Split('/')[^1])["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToList();
            if (required is null) continue;
            var id = operation["operationId"]!.GetValue<string>();
            checkedOperations.Add(id);

            var url = Placeholder().Replace(path.TrimStart('/'), m => values[m.Groups[1].Value]);
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = JsonContent.Create(new { }) });
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{id}: {body}");
            var errors = JsonNode.Parse(body)!["errors"]!.AsObject().Select(e => e.Key);
            Assert.That(errors, Is.EquivalentTo(required), $"{id}: {body}");
        }
        Assert.That(checkedOperations, Is.SupersetOf(new[] { "Workspaces_Create", "Members_Add", "Workflows_Create", "Workflows_Clone", "Tasks_Create" }));
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string url, object body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>A row of the README's table of error codes: | `code` | status | … |</summary>
    [GeneratedRegex(@"^\| `(?<code>[a-z_]+)` \| (?<status>\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex ErrorCodeRow();

    [TestCase("workflow_id", "WorkflowId", 13)]
    [TestCase("workspace_uuid", "WorkspaceUuid", 30)]
    public void SharedRouteParameter_IsDeclaredOnce_AndReferencedByEveryOperationOfItsPath(string name, string component, int atLeast)
    {
        var document = Document;
        var operations = Operations(document).Where(o => o.Path.Contains($"{{{name}}}", StringComparison.Ordinal)).ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(atLeast));
        var declaration = document["components"]!["parameters"]![component]!.AsObject();
        Assert.That((declaration["name"]!.GetValue<string>(), declaration["in"]!.GetValue<string>(), declaration["required"]!.GetValue<bool>()),
            Is.EqualTo((name, "path", true)));
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in operations)
            {
                var references = (operation["parameters"]?.AsArray() ?? [])
                    .Where(p => (p!["$ref"] is { } reference ? Resolve(p, reference.GetValue<string>()) : p.AsObject())["name"]!.GetValue<string>() == name).ToList();
                Assert.That(references.Select(p => p!.ToJsonString()), Is.EqualTo(new[] { $$"""{"$ref":"#/components/parameters/{{component}}"}""" }),
                    $"{method} {path}: {name} only as the reference");
            }
            Assert.That(Operations(document).Where(o => !o.Path.Contains($"{{{name}}}", StringComparison.Ordinal))
                .SelectMany(o => Parameters(o.Operation)).Where(p => p["name"]!.GetValue<string>() == name), Is.Empty, "nowhere else");
        });
    }

    [Test]
    public void WorkflowId_TakesTheIdOrTheUuid()
    {
        var schema = Document["components"]!["parameters"]!["WorkflowId"]!["schema"]!;
        Assert.That(schema["type"]!.GetValue<string>(), Is.EqualTo("string"));
        var pattern = new Regex(schema["pattern"]!.GetValue<string>());
        Assert.That(pattern.IsMatch("42") && pattern.IsMatch(Guid.NewGuid().ToString()), Is.True, "the integer id and the uuid");
        Assert.That(pattern.IsMatch("042") || pattern.IsMatch("x") || pattern.IsMatch("-1"), Is.False, "nothing else");
    }

    [Test]
    public void ConditionalHeaders_AreDeclared_WhereTheServiceHonoursThem()
    {
        string[] Headers(JsonObject operation) => [.. Parameters(operation)
            .Where(p => p["in"]!.GetValue<string>() == "header").Select(p => p["name"]!.GetValue<string>())];
        var operations = Operations(Document).ToDictionary(o => o.Operation["operationId"]!.GetValue<string>(), o => o.Operation);

        var withIfNoneMatch = operations.Where(o => Headers(o.Value).Contains("If-None-Match")).Select(o => o.Key);
        var with304 = operations.Where(o => o.Value["responses"]!.AsObject().ContainsKey("304")).Select(o => o.Key);
        var withIfMatch = operations.Where(o => Headers(o.Value).Contains("If-Match")).Select(o => o.Key);
        Assert.Multiple(() =>
        {
            Assert.That(withIfNoneMatch, Is.EquivalentTo(new[] { "Workflows_Get", "Workflows_GetDeletionPreview", "Tasks_Get" }));
            Assert.That(with304, Is.EquivalentTo(withIfNoneMatch));
            Assert.That(withIfMatch, Is.EquivalentTo(new[] { "Workflows_Update", "Workflows_Delete", "Workflows_Archive", "Workflows_Unarchive", "Tasks_Update", "Tasks_Delete", "Workflows_RestoreVersion" }));
            foreach (var (id, operation) in operations)
            {
                foreach (var (status, response) in operation["responses"]!.AsObject())
                {
                    if (status == "201") Assert.That(response!["headers"]?.AsObject().ContainsKey("Location"), Is.True, $"{id} 201: Location");
                    if (status is "429" or "503") Assert.That(response!["headers"]?.AsObject().ContainsKey("Retry-After"), Is.True, $"{id} {status}: Retry-After");
                }
            }
            Assert.That(Document["components"]!["headers"]!.AsObject().Select(h => h.Key),
                Is.SupersetOf(new[] { "ETag", "Location", "Retry-After", "RateLimit-Policy", "RateLimit", "Idempotent-Replayed" }));
        });
    }
}

