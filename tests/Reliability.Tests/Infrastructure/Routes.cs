using System.Globalization;
using Workflows.Application.Common.Models;
using Workflows.Application.Common.Security;
using Workflows.Application.Tasks;
using Workflows.Application.Templates;
using Workflows.Application.Workflows;
using Workflows.Domain.Workflows;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>What a route asks of the caller once the token's scope allows it (docs/architecture.md, "Who may do what").</summary>
public enum Need
{
    /// <summary>Any authenticated caller (the workspace list and creation).</summary>
    Caller,

    /// <summary>Any member of the workspace, guests included.</summary>
    Member,

    /// <summary>The workspace role admin.</summary>
    WorkspaceAdmin,

    /// <summary>The workspace role member or admin (creating a workflow).</summary>
    Creator,

    /// <summary>use on the source, and the role member or admin (clone).</summary>
    CreatorWithUse,

    Use,
    Edit,
    Delete,

    /// <summary>An assignment is visible with use on its workflow; otherwise it is not found.</summary>
    SeeAssignment,
}

/// <summary>A request ready to send.</summary>
public sealed record Call(HttpMethod Method, string Url, object? Body = null)
{
    public Task<HttpResponseMessage> SendAsync(HttpClient client) => client.SendAsync(Method, Url, Body);

    public override string ToString() => $"{Method} {Url}";
}

/// <summary>
/// One route of the service: what it needs and answers on success, and how to make a request to
/// it on a <see cref="Stage"/> (creating first whatever the request will change or remove).
/// </summary>
public sealed record Route(string Name, Scope Scope, Need Need, HttpStatusCode Success, Func<Stage, Task<Call>> PrepareAsync)
{
    public bool UnderWorkspace { get; init; } = true;

    public override string ToString() => Name;

    /// <summary>
    /// The status the two gates of docs/architecture.md ("Who may do what") predict: the scope first (403), then membership (a
    /// stranger gets 404), then the role or the authority on the workflow (403).
    /// </summary>
    public HttpStatusCode Expected(string[] granted, Role role, WorkflowAccess access)
    {
        if (!Scopes.Allow(granted.ToHashSet(StringComparer.Ordinal), Scope)) return HttpStatusCode.Forbidden;
        if (UnderWorkspace && role == Role.Stranger) return HttpStatusCode.NotFound;
        var allowed = Need switch
        {
            Need.Caller or Need.Member => true,
            Need.WorkspaceAdmin => role == Role.Admin,
            Need.Creator => role is Role.Admin or Role.Member,
            Need.CreatorWithUse => role is Role.Admin or Role.Member && access >= WorkflowAccess.Use,
            Need.Use or Need.SeeAssignment => access >= WorkflowAccess.Use,
            Need.Edit => access >= WorkflowAccess.Edit,
            Need.Delete => access >= WorkflowAccess.Delete,
            _ => throw new InvalidOperationException($"No rule for {Need}."),
        };
        if (allowed) return Success;
        return Need == Need.SeeAssignment ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
    }

    /// <summary>Every route of the service.</summary>
    public static readonly IReadOnlyList<Route> All =
    [
        new("POST /workspaces", Scope.Write, Need.Caller, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, "api/v2/workspaces", new { name = s.UniqueName("Workspace") }))) { UnderWorkspace = false },
        new("GET /workspaces", Scope.Read, Need.Caller, HttpStatusCode.OK,
            _ => Task.FromResult(new Call(HttpMethod.Get, "api/v2/workspaces"))) { UnderWorkspace = false },

        new("GET members", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, "members")),
        new("POST members", Scope.Write, Need.WorkspaceAdmin, HttpStatusCode.Created, s => Task.FromResult(new Call(HttpMethod.Post, s.Url("members"),
            new { kind = "person", displayName = s.UniqueName("Person"), objectId = Guid.NewGuid().ToString(), role = "member" }))),
        new("GET members/{id}", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, $"members/{s.MemberId}")),
        new("PATCH members/{id}", Scope.Write, Need.WorkspaceAdmin, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Patch, s.Url($"members/{await s.FreshMemberAsync()}"), new { displayName = s.UniqueName("Renamed") })),
        new("DELETE members/{id}", Scope.Write, Need.WorkspaceAdmin, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Delete, s.Url($"members/{await s.FreshMemberAsync()}"))),

        new("GET workflows", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, "workflows")),
        new("POST workflows", Scope.Write, Need.Creator, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, s.Url("workflows"), new { name = s.UniqueName("Workflow") }))),
        new("GET workflows/{id}", Scope.Read, Need.Use, HttpStatusCode.OK, s => Get(s, $"workflows/{s.Workflow.Id}")),
        new("GET workflows/{uuid}", Scope.Read, Need.Use, HttpStatusCode.OK, s => Get(s, $"workflows/{s.Workflow.Uuid}")),
        new("PUT workflows/{id}", Scope.Write, Need.Edit, HttpStatusCode.OK,
            s => Task.FromResult(new Call(HttpMethod.Put, s.Url($"workflows/{s.Workflow.Id}"), new { description = s.UniqueName("Changed") }))),
        new("DELETE workflows/{id}", Scope.Admin, Need.Delete, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Delete, s.Url($"workflows/{(await s.FreshWorkflowAsync()).Id}"))),
        new("POST workflows/{id}/archive", Scope.Write, Need.Edit, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Post, s.Url($"workflows/{(await s.FreshWorkflowAsync()).Id}/archive"))),
        new("POST workflows/{id}/unarchive", Scope.Write, Need.Edit, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Post, s.Url($"workflows/{(await s.FreshWorkflowAsync(archived: true)).Id}/unarchive"))),
        new("POST workflows/{id}/clone", Scope.Write, Need.CreatorWithUse, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, s.Url($"workflows/{s.Workflow.Id}/clone"), new { name = s.UniqueName("Copy") }))),
        new("GET workflows/{id}/deletion-preview", Scope.Read, Need.Edit, HttpStatusCode.OK, s => Get(s, $"workflows/{s.Workflow.Id}/deletion-preview")),
        new("POST workflows/{id}/save-as-template", Scope.Write, Need.Edit, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, s.Url($"workflows/{s.Workflow.Id}/save-as-template"), new { name = s.UniqueName("Template") }))),
        new("GET workflows/{id}/versions", Scope.Read, Need.Use, HttpStatusCode.OK, s => Get(s, $"workflows/{s.Workflow.Id}/versions")),
        new("GET workflows/{id}/versions/{version}", Scope.Read, Need.Use, HttpStatusCode.OK, s => Get(s, $"workflows/{s.Workflow.Id}/versions/1")),
        new("GET workflows/{id}/versions/{version}/diff", Scope.Read, Need.Use, HttpStatusCode.OK, s => Get(s, $"workflows/{s.Workflow.Id}/versions/2/diff")),
        new("POST workflows/{id}/versions/{version}/restore", Scope.Write, Need.Edit, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Post, s.Url($"workflows/{(await s.ChangedWorkflowAsync()).Id}/versions/1/restore"))),

        new("GET tasks", Scope.Read, Need.Use, HttpStatusCode.OK, s => Get(s, $"workflows/{s.Workflow.Id}/tasks")),
        new("POST tasks", Scope.Write, Need.Edit, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, s.Url($"workflows/{s.Workflow.Id}/tasks"), new { name = s.UniqueName("Task") }))),
        new("GET tasks/{id}", Scope.Read, Need.Use, HttpStatusCode.OK, s => Get(s, $"workflows/{s.Workflow.Id}/tasks/{s.Task.Id}")),
        new("PUT tasks/{id}", Scope.Write, Need.Edit, HttpStatusCode.OK,
            s => Task.FromResult(new Call(HttpMethod.Put, s.Url($"workflows/{s.Workflow.Id}/tasks/{s.Task.Id}"), new { description = s.UniqueName("Changed") }))),
        new("DELETE tasks/{id}", Scope.Write, Need.Edit, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Delete, s.Url($"workflows/{s.Workflow.Id}/tasks/{await s.FreshTaskAsync()}"))),

        new("GET templates", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, "workflows/templates")),
        new("GET templates/{uuid}", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, $"workflows/templates/{s.TemplateUuid}")),
        new("POST templates/{uuid}/create-workflow", Scope.Write, Need.Creator, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, s.Url($"workflows/templates/{s.TemplateUuid}/create-workflow"), new { name = s.UniqueName("From template") }))),

        new("GET assignments", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, "assignments")),
        new("POST assignments", Scope.Write, Need.Use, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, s.Url("assignments"), new { workflowId = s.Workflow.Id, title = s.UniqueName("Ticket") }))),
        new("GET assignments/{id}", Scope.Read, Need.SeeAssignment, HttpStatusCode.OK, s => Get(s, $"assignments/{s.AssignmentId}")),

        new("GET phone-numbers", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, "phone-numbers")),
        new("POST phone-numbers", Scope.Write, Need.WorkspaceAdmin, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, s.Url("phone-numbers"), new { number = s.UniquePhoneNumber() }))),
        new("GET phone-numbers/{id}", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, $"phone-numbers/{s.PhoneNumberId}")),
        new("DELETE phone-numbers/{id}", Scope.Write, Need.WorkspaceAdmin, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Delete, s.Url($"phone-numbers/{await s.FreshPhoneNumberAsync()}"))),

        new("GET inboxes", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, "inboxes")),
        new("POST inboxes", Scope.Write, Need.WorkspaceAdmin, HttpStatusCode.Created,
            s => Task.FromResult(new Call(HttpMethod.Post, s.Url("inboxes"), new { address = s.UniqueAddress() }))),
        new("GET inboxes/{id}", Scope.Read, Need.Member, HttpStatusCode.OK, s => Get(s, $"inboxes/{s.InboxId}")),
        new("DELETE inboxes/{id}", Scope.Write, Need.WorkspaceAdmin, HttpStatusCode.OK,
            async s => new Call(HttpMethod.Delete, s.Url($"inboxes/{await s.FreshInboxAsync()}"))),

        new("GET audit-log", Scope.Read, Need.WorkspaceAdmin, HttpStatusCode.OK, s => Get(s, "audit-log")),
    ];

    private static Task<Call> Get(Stage stage, string path) => Task.FromResult(new Call(HttpMethod.Get, stage.Url(path)));
}

/// <summary>Who calls, as the matrix varies it.</summary>
public enum Role
{
    Admin,
    Member,
    Guest,
    Stranger,
}

/// <summary>
/// What routes act on: a workspace whose workflows <see cref="Owner"/> (a member) owns, with a
/// workflow (and its task and assignment) under a given <c>memberRoleAccess</c> policy, a member,
/// a phone number, an inbox and a built-in template; and fresh ones of each for the routes that
/// change or remove what they act on.
/// </summary>
public sealed class Stage
{
    private static int _unique;

    private Stage(TestWorkspace ws, Caller owner, string? policy)
    {
        Ws = ws;
        Owner = owner;
        Policy = policy;
    }

    public TestWorkspace Ws { get; }

    /// <summary>A member who owns the stage's workflows.</summary>
    public Caller Owner { get; }

    /// <summary>The access <c>memberRoleAccess</c> gives the role member on the stage's workflows, or null for none (the default).</summary>
    public string? Policy { get; }

    public WorkflowResponse Workflow { get; private set; } = null!;
    public TaskResponse Task { get; private set; } = null!;
    public long AssignmentId { get; private set; }
    public long MemberId { get; private set; }
    public long PhoneNumberId { get; private set; }
    public long InboxId { get; private set; }
    public Guid TemplateUuid { get; private set; }

    public string Url(string path) => $"{Ws.Root}/{path}";

    public static async Task<Stage> CreateAsync(TestWorkspace ws, Caller owner, string? policy = null)
    {
        var stage = new Stage(ws, owner, policy);
        stage.Workflow = await stage.FreshWorkflowAsync();
        stage.Task = await Expect<TaskResponse>(await owner.Client.PostJsonAsync(stage.Url($"workflows/{stage.Workflow.Id}/tasks"), new { name = "Task" }));
        stage.AssignmentId = (await Expect<IdOnly>(await owner.Client.PostJsonAsync(stage.Url("assignments"), new { workflowId = stage.Workflow.Id, title = "Ticket" }))).Id;
        stage.MemberId = owner.MemberId;
        stage.PhoneNumberId = await stage.FreshPhoneNumberAsync();
        stage.InboxId = await stage.FreshInboxAsync();
        var templates = await Expect<Page<TemplateSummaryResponse>>(await owner.Client.GetAsync(stage.Url("workflows/templates")), HttpStatusCode.OK);
        stage.TemplateUuid = templates.Items.First(t => t.Source == TemplateSource.BuiltIn).Uuid;
        return stage;
    }

    public string UniqueName(string prefix) => $"{prefix} {Interlocked.Increment(ref _unique).ToString(CultureInfo.InvariantCulture)}";

    public string UniquePhoneNumber() => $"+1555{Interlocked.Increment(ref _unique) % 10_000_000:D7}";

    public string UniqueAddress() => $"inbox{Interlocked.Increment(ref _unique).ToString(CultureInfo.InvariantCulture)}@example.com";

    /// <summary>A workflow the owner creates under the stage's policy (archived if asked).</summary>
    public async Task<WorkflowResponse> FreshWorkflowAsync(bool archived = false)
    {
        object body = Policy is null
            ? new { name = UniqueName("Workflow") }
            : new { name = UniqueName("Workflow"), memberRoleAccess = new[] { new { role = "member", access = Policy } } };
        var workflow = await Expect<WorkflowResponse>(await Owner.Client.PostJsonAsync(Url("workflows"), body));
        if (archived) await ExpectStatus(await Owner.Client.PostAsync(Url($"workflows/{workflow.Id}/archive"), null), HttpStatusCode.OK);
        return workflow;
    }

    /// <summary>A fresh workflow changed once since its creation (so its version 1 differs from it).</summary>
    public async Task<WorkflowResponse> ChangedWorkflowAsync()
    {
        var workflow = await FreshWorkflowAsync();
        await ExpectStatus(await Owner.Client.PutJsonAsync(Url($"workflows/{workflow.Id}"), new { prompt = UniqueName("Prompt") }), HttpStatusCode.OK);
        return workflow;
    }

    public async Task<long> FreshTaskAsync() =>
        (await Expect<TaskResponse>(await Owner.Client.PostJsonAsync(Url($"workflows/{Workflow.Id}/tasks"), new { name = UniqueName("Task") }))).Id;

    public async Task<long> FreshMemberAsync() =>
        (await Ws.AddMemberAsync(new { kind = "person", displayName = UniqueName("Person"), objectId = Guid.NewGuid().ToString(), role = "member" })).Id;

    public async Task<long> FreshPhoneNumberAsync() =>
        (await Expect<IdOnly>(await Ws.Admin.Client.PostJsonAsync(Url("phone-numbers"), new { number = UniquePhoneNumber() }))).Id;

    public async Task<long> FreshInboxAsync() =>
        (await Expect<IdOnly>(await Ws.Admin.Client.PostJsonAsync(Url("inboxes"), new { address = UniqueAddress() }))).Id;

    private static async Task<T> Expect<T>(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.Created)
    {
        await ExpectStatus(response, status);
        return await response.ReadAsync<T>();
    }

    private static async Task ExpectStatus(HttpResponseMessage response, HttpStatusCode status) =>
        Assert.That(response.StatusCode, Is.EqualTo(status), $"setting the stage: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");

    private sealed record IdOnly(long Id);
}
