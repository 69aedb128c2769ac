using System.Net;
using Workflows.Application.Members;
using Workflows.Application.Tasks;
using Workflows.Application.Workflows;
using Workflows.Application.Workspaces;

namespace Workflows.TestSupport;

/// <summary>A caller: who they are, their member id in the test workspace (if any), and an HTTP client.</summary>
public sealed record Caller(string ObjectId, long MemberId, HttpClient Client);

/// <summary>
/// A fresh workspace for one test: an admin (its creator), a second admin, a member, a guest, a
/// daemon app, an agent, and a stranger who belongs to none of it.
/// </summary>
public sealed class TestWorkspace
{
    private TestWorkspace(WorkflowsApiFactory factory, WorkspaceResponse workspace, Caller admin)
    {
        Factory = factory;
        Workspace = workspace;
        Admin = admin;
    }

    public WorkflowsApiFactory Factory { get; }
    public WorkspaceResponse Workspace { get; }
    public Guid Uuid => Workspace.Uuid;

    /// <summary><c>api/v2/w/{uuid}</c>: prefix of every route of the workspace.</summary>
    public string Root => $"api/v2/w/{Workspace.Uuid}";

    public Caller Admin { get; }
    public Caller OtherAdmin { get; private set; } = null!;
    public Caller Member { get; private set; } = null!;
    public Caller Guest { get; private set; } = null!;
    public Caller Daemon { get; private set; } = null!;
    public long AgentId { get; private set; }
    public Caller Stranger { get; private set; } = null!;

    /// <summary>A workspace in the host the test assembly shares (<see cref="SharedHost"/>).</summary>
    public static Task<TestWorkspace> CreateAsync() => CreateAsync(SharedHost.Factory);

    public static async Task<TestWorkspace> CreateAsync(WorkflowsApiFactory factory)
    {
        var adminOid = Guid.NewGuid().ToString();
        var adminClient = factory.ClientFor(adminOid);
        var created = await adminClient.PostJsonAsync("api/v2/workspaces", new { name = $"Workspace {adminOid[..8]}" });
        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        var workspace = await created.ReadAsync<WorkspaceResponse>();

        var members = await adminClient.GetFromJsonAsync<Page<MemberResponse>>($"api/v2/w/{workspace.Uuid}/members", Json.Options)
            ?? throw new AssertionException("no member list");
        var ws = new TestWorkspace(factory, workspace, new Caller(adminOid, members.Items.Single().Id, adminClient));
        ws.OtherAdmin = await ws.AddPersonAsync("admin");
        ws.Member = await ws.AddPersonAsync("member");
        ws.Guest = await ws.AddPersonAsync("guest");
        ws.Daemon = await ws.AddDaemonAsync("member", TestTokens.AllScopes.Split(' '));
        ws.AgentId = (await ws.AddMemberAsync(new { kind = "agent", displayName = "Agent Smith", role = "member" })).Id;
        var strangerOid = Guid.NewGuid().ToString();
        ws.Stranger = new Caller(strangerOid, 0, factory.ClientFor(strangerOid));
        return ws;
    }

    public async Task<Caller> AddPersonAsync(string role, string? scopes = TestTokens.AllScopes)
    {
        var oid = Guid.NewGuid().ToString();
        var member = await AddMemberAsync(new { kind = "person", displayName = $"{role} {oid[..6]}", objectId = oid, role });
        return new Caller(oid, member.Id, Factory.ClientFor(oid, scopes));
    }

    public async Task<Caller> AddDaemonAsync(string role, params string[] appRoles)
    {
        var oid = Guid.NewGuid().ToString();
        var member = await AddMemberAsync(new { kind = "daemon", displayName = $"daemon {oid[..6]}", objectId = oid, role });
        return new Caller(oid, member.Id, Factory.WithToken(TestTokens.ForDaemon(oid, appRoles)));
    }

    public async Task<MemberResponse> AddMemberAsync(object body)
    {
        var response = await Admin.Client.PostJsonAsync($"{Root}/members", body);
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<MemberResponse>();
    }

    /// <summary>A client for someone with the given scopes who is the same person as <paramref name="caller"/>.</summary>
    public HttpClient ClientWithScopes(Caller caller, string? scopes) => Factory.ClientFor(caller.ObjectId, scopes);

    public async Task<WorkflowResponse> CreateWorkflowAsync(Caller? owner = null, string? name = null, object? body = null)
    {
        var client = (owner ?? Admin).Client;
        var response = await client.PostJsonAsync($"{Root}/workflows", body ?? new { name = name ?? $"Workflow {Guid.NewGuid():N}" });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<WorkflowResponse>();
    }

    public async Task<TaskResponse> AddTaskAsync(long workflowId, string name, params long[] nextTaskIds)
    {
        var response = await Admin.Client.PostJsonAsync($"{Root}/workflows/{workflowId}/tasks", new { name, nextTaskIds });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<TaskResponse>();
    }

    public async Task<WorkflowResponse> GetWorkflowAsync(long workflowId, Caller? caller = null)
    {
        var response = await (caller ?? Admin).Client.GetAsync($"{Root}/workflows/{workflowId}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<WorkflowResponse>();
    }

    /// <summary>A workflow with three tasks A → B → C, A being the start.</summary>
    public async Task<(WorkflowResponse Workflow, TaskResponse A, TaskResponse B, TaskResponse C)> CreateWorkflowWithTasksAsync(string? name = null)
    {
        var workflow = await CreateWorkflowAsync(name: name);
        var c = await AddTaskAsync(workflow.Id, "C");
        var b = await AddTaskAsync(workflow.Id, "B", c.Id);
        var a = await AddTaskAsync(workflow.Id, "A", b.Id);
        var update = await Admin.Client.PutJsonAsync($"{Root}/workflows/{workflow.Id}", new { startTaskId = a.Id });
        await update.ShouldSucceedAsync();
        return (await update.ReadAsync<WorkflowResponse>(), a, b, c);
    }
}
