using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows: archived, q, ownerId, agentId, and who sees what.</summary>
public sealed class FilterWorkflowsTests
{
    [Test]
    public async Task List_Default_Returns200WithEachWorkflowsSummary()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (withTasks, a, _, _) = await ws.CreateWorkflowWithTasksAsync("Support");
        var plain = await ws.CreateWorkflowAsync(ws.Member, body: new { name = "Plain", description = "No tasks yet.", agentId = ws.AgentId });

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows");

        await response.ShouldSucceedAsync();
        var page = await response.ReadAsync<Page<WorkflowSummaryResponse>>();
        Assert.That(page.Items.Select(w => w.Id), Is.EqualTo(new[] { withTasks.Id, plain.Id }));
        Assert.That(page.NextCursor, Is.Null);
        var (first, second) = (page.Items[0], page.Items[1]);
        Assert.Multiple(() =>
        {
            Assert.That((first.Uuid, first.Name, first.OwnerId, first.StartTaskId, first.TaskCount, first.Archived),
                Is.EqualTo((withTasks.Uuid, "Support", ws.Admin.MemberId, (long?)a.Id, 3, false)));
            Assert.That((second.Name, second.Description, second.OwnerId, second.AgentId, second.StartTaskId, second.TaskCount),
                Is.EqualTo(("Plain", (string?)"No tasks yet.", ws.Member.MemberId, (long?)ws.AgentId, (long?)null, 0)));
            Assert.That(page.Items.Select(w => w.Permissions), Has.All.EqualTo(new PermissionsResponse(true, true)));
            Assert.That(first.CreatedAt, Is.EqualTo(withTasks.CreatedAt));
            Assert.That(first.UpdatedAt, Is.EqualTo(withTasks.UpdatedAt));
        });
    }

    [Test]
    public async Task List_Default_HidesArchivedWorkflows()
    {
        var ws = await TestWorkspace.CreateAsync();
        var active = await ws.CreateWorkflowAsync();
        var archived = await ws.CreateWorkflowAsync();
        await ws.ArchiveWorkflowAsync(archived.Id);

        var byDefault = await ws.ListAllWorkflowsAsync(ws.Admin);
        var explicitFalse = await ws.ListAllWorkflowsAsync(ws.Admin, "archived=false");

        Assert.Multiple(() =>
        {
            Assert.That(byDefault.Select(w => w.Id), Is.EqualTo(new[] { active.Id }));
            Assert.That(explicitFalse.Select(w => w.Id), Is.EqualTo(new[] { active.Id }));
        });
    }

    [Test]
    public async Task List_ArchivedTrue_ListsOnlyArchivedWorkflows()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync();
        var archived = await ws.CreateWorkflowAsync();
        await ws.ArchiveWorkflowAsync(archived.Id);

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, "archived=true");

        Assert.That(listed.Select(w => (w.Id, w.Archived)), Is.EqualTo(new[] { (archived.Id, true) }));
    }

    [Test]
    public async Task List_AfterUnarchive_IsBackInTheDefaultList()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveWorkflowAsync(workflow.Id);
        await ws.UnarchiveWorkflowAsync(workflow.Id);

        var active = await ws.ListAllWorkflowsAsync(ws.Admin);
        var archived = await ws.ListAllWorkflowsAsync(ws.Admin, "archived=true");

        Assert.That((active.Select(w => w.Id).ToList(), archived.Count), Is.EqualTo((new List<long> { workflow.Id }, 0)));
    }

    [TestCase("invoice", new[] { "Invoice approval", "Supplier INVOICES" })]
    [TestCase("VOICE", new[] { "Invoice approval", "Supplier INVOICES", "Voice mail" })]
    [TestCase("mail", new[] { "Voice mail" })]
    [TestCase("payroll", new string[0])]
    public async Task List_Q_MatchesPartOfTheNameCaseInsensitively(string q, string[] expected)
    {
        var ws = await TestWorkspace.CreateAsync();
        foreach (var name in new[] { "Invoice approval", "Supplier INVOICES", "Onboarding", "Voice mail" })
            await ws.CreateWorkflowAsync(name: name);

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, $"q={Uri.EscapeDataString(q)}");

        Assert.That(listed.Select(w => w.Name), Is.EqualTo(expected));
    }

    [Test]
    public async Task List_Q_MatchesNonAsciiLettersCaseInsensitively()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(name: "Überweisungen prüfen");
        await ws.CreateWorkflowAsync(name: "Reklamationen");

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, $"q={Uri.EscapeDataString("üBERWEISUNG")}");

        Assert.That(listed.Select(w => w.Name), Is.EqualTo(new[] { "Überweisungen prüfen" }));
    }

    [Test]
    public async Task List_Q_TreatsLikeWildcardsAsPlainText()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(name: "100% refunds");
        await ws.CreateWorkflowAsync(name: "1000 refunds");
        await ws.CreateWorkflowAsync(name: "snake_case names");
        await ws.CreateWorkflowAsync(name: "snakeXcase names");

        var percent = await ws.ListAllWorkflowsAsync(ws.Admin, $"q={Uri.EscapeDataString("0%")}");
        var underscore = await ws.ListAllWorkflowsAsync(ws.Admin, $"q={Uri.EscapeDataString("e_c")}");

        Assert.Multiple(() =>
        {
            Assert.That(percent.Select(w => w.Name), Is.EqualTo(new[] { "100% refunds" }));
            Assert.That(underscore.Select(w => w.Name), Is.EqualTo(new[] { "snake_case names" }));
        });
    }

    [Test]
    public async Task List_Q_CombinesWithArchived()
    {
        var ws = await TestWorkspace.CreateAsync();
        var archivedMatch = await ws.CreateWorkflowAsync(name: "Old invoices");
        await ws.ArchiveWorkflowAsync(archivedMatch.Id);
        await ws.CreateWorkflowAsync(name: "New invoices");
        var archivedOther = await ws.CreateWorkflowAsync(name: "Old onboarding");
        await ws.ArchiveWorkflowAsync(archivedOther.Id);

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, "q=invoice&archived=true");

        Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { archivedMatch.Id }));
    }

    [Test]
    public async Task List_OwnerId_ListsOnlyThatMembersWorkflows()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(ws.Admin);
        var mine1 = await ws.CreateWorkflowAsync(ws.Member);
        await ws.CreateWorkflowAsync(ws.OtherAdmin);
        var mine2 = await ws.CreateWorkflowAsync(ws.Member);

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, $"ownerId={ws.Member.MemberId}");

        Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { mine1.Id, mine2.Id }));
    }

    [Test]
    public async Task List_AgentId_ListsOnlyTheWorkflowsThatAgentRuns()
    {
        var ws = await TestWorkspace.CreateAsync();
        var otherAgent = (await ws.AddMemberAsync(new { kind = "agent", displayName = "Agent Jones", role = "member" })).Id;
        var run = await ws.CreateWorkflowAsync(body: new { name = "Run by Smith", agentId = ws.AgentId });
        await ws.CreateWorkflowAsync(body: new { name = "Run by Jones", agentId = otherAgent });
        await ws.CreateWorkflowAsync(name: "Run by nobody");

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, $"agentId={ws.AgentId}");

        Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { run.Id }));
    }

    [Test]
    public async Task List_OwnerIdAndAgentIdAndQ_AllApply()
    {
        var ws = await TestWorkspace.CreateAsync();
        var match = await ws.CreateWorkflowAsync(ws.Member, body: new { name = "Member invoices", agentId = ws.AgentId });
        await ws.CreateWorkflowAsync(ws.Member, body: new { name = "Member onboarding", agentId = ws.AgentId });
        await ws.CreateWorkflowAsync(ws.Admin, body: new { name = "Admin invoices", agentId = ws.AgentId });
        await ws.CreateWorkflowAsync(ws.Member, body: new { name = "Member invoices without agent" });

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, $"ownerId={ws.Member.MemberId}&agentId={ws.AgentId}&q=INVOICES");

        Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { match.Id }));
    }

    [Test]
    public async Task List_ByGuest_ListsOnlyWorkflowsGrantedToGuests()
    {
        var ws = await TestWorkspace.CreateAsync();
        var granted = await ws.CreateWorkflowAsync();
        await ws.GrantAsync(granted.Id, ("guest", "use"));
        await ws.CreateWorkflowAsync();
        var memberOnly = await ws.CreateWorkflowAsync();
        await ws.GrantAsync(memberOnly.Id, ("member", "edit"));

        var listed = await ws.ListAllWorkflowsAsync(ws.Guest);

        Assert.That(listed.Select(w => (w.Id, w.Permissions)), Is.EqualTo(new[] { (granted.Id, new PermissionsResponse(true, false)) }));
    }

    [Test]
    public async Task List_ByMember_ShowsTheMembersOwnPermissionsOnEachWorkflow()
    {
        var ws = await TestWorkspace.CreateAsync();
        var useOnly = await ws.CreateWorkflowAsync();
        var editable = await ws.CreateWorkflowAsync();
        await ws.GrantAsync(editable.Id, ("member", "edit"));
        var own = await ws.CreateWorkflowAsync(ws.Member);

        var listed = await ws.ListAllWorkflowsAsync(ws.Member);

        Assert.That(listed.Select(w => (w.Id, w.Permissions)), Is.EqualTo(new[]
        {
            (useOnly.Id, new PermissionsResponse(true, false)),
            (editable.Id, new PermissionsResponse(true, true)),
            (own.Id, new PermissionsResponse(true, true)),
        }));
    }

    [Test]
    public async Task List_NeverShowsAnotherWorkspacesWorkflows()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        await other.CreateWorkflowAsync(name: "Theirs");
        var ours = await ws.CreateWorkflowAsync(name: "Ours");

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin);
        var byOwner = await ws.ListAllWorkflowsAsync(ws.Admin, $"ownerId={other.Admin.MemberId}");

        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { ours.Id }));
            Assert.That(byOwner, Is.Empty);
        });
    }

    [TestCase("sort=size", "sort")]
    [TestCase("order=sideways", "order")]
    [TestCase("can=fly", "can")]
    [TestCase("can=none", "can")]
    [TestCase("archived=maybe", "archived")]
    [TestCase("ownerId=0", "ownerId")]
    [TestCase("ownerId=abc", "ownerId")]
    [TestCase("agentId=-1", "agentId")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    public async Task List_InvalidQueryParameter_Returns400(string query, string field)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task List_QLongerThan200_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?q={new string('q', 201)}");

        await response.ShouldBeValidationProblemAsync("q");
    }

    [Test]
    public async Task List_WithReadScopeOnly_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var reader = ws.ClientWithScopes(ws.Member, "workflows:read");

        var page = await reader.GetJsonAsync<Page<WorkflowSummaryResponse>>($"{ws.Root}/workflows");

        Assert.That(page!.Items.Select(w => w.Id), Is.EqualTo(new[] { workflow.Id }));
    }

    [Test]
    public async Task List_WithoutAnyWorkflowsScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "profile").GetAsync($"{ws.Root}/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
