using Microsoft.EntityFrameworkCore;
using Workflows.Application.Tasks;
using Workflows.Application.Workflows;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// ETags on every workflow and task response, <c>If-None-Match</c> → 304, a stale <c>If-Match</c>
/// → 412 on every write that takes one, and the deletion preview's ETag on a cascade delete.
/// </summary>
public sealed class ConditionalRequestTests
{
    private static readonly Drill Drill = Figures.For(Figures.ConditionalRequests);

    [OneTimeTearDown]
    public void AllAsExpected() => Drill.AssertNoneUnexpected();

    [Test]
    public async Task EveryWorkflowAndTaskResponse_CarriesTheETagOfWhatItReturns()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var client = ws.Admin.Client;
        var root = $"{ws.Root}/workflows";

        var created = await Drill.ExpectAsync(await client.PostJsonAsync(root, new { name = "Tagged" }), HttpStatusCode.Created, "create workflow");
        var workflow = await created.ReadAsync<WorkflowResponse>();
        var read = await Drill.ExpectAsync(await client.GetAsync($"{root}/{workflow.Id}"), HttpStatusCode.OK, "get workflow");
        var byUuid = await Drill.ExpectAsync(await client.GetAsync($"{root}/{workflow.Uuid}"), HttpStatusCode.OK, "get workflow by uuid");
        var task = await Drill.ExpectAsync(await client.PostJsonAsync($"{root}/{workflow.Id}/tasks", new { name = "T" }), HttpStatusCode.Created, "create task");
        var taskId = (await task.ReadAsync<TaskResponse>()).Id;
        var taskRead = await Drill.ExpectAsync(await client.GetAsync($"{root}/{workflow.Id}/tasks/{taskId}"), HttpStatusCode.OK, "get task");
        var taskPut = await Drill.ExpectAsync(await client.PutJsonAsync($"{root}/{workflow.Id}/tasks/{taskId}", new { name = "T2" }), HttpStatusCode.OK, "update task");
        var put = await Drill.ExpectAsync(await client.PutJsonAsync($"{root}/{workflow.Id}", new { description = "d" }), HttpStatusCode.OK, "update workflow");
        var clone = await Drill.ExpectAsync(await client.PostJsonAsync($"{root}/{workflow.Id}/clone", new { name = "Tagged copy" }), HttpStatusCode.Created, "clone");
        var preview = await Drill.ExpectAsync(await client.GetAsync($"{root}/{workflow.Id}/deletion-preview"), HttpStatusCode.OK, "deletion preview");

        Assert.Multiple(() =>
        {
            Assert.That(Requests.ETagOf(read), Is.EqualTo(Requests.ETagOf(created)), "nothing changed between create and get");
            Assert.That(Requests.ETagOf(byUuid), Is.EqualTo(Requests.ETagOf(read)), "the uuid names the same representation");
            Assert.That(Requests.ETagOf(task), Is.Not.Empty);
            Assert.That(Requests.ETagOf(taskPut), Is.Not.EqualTo(Requests.ETagOf(taskRead)), "a changed task has a new ETag");
            Assert.That(Requests.ETagOf(put), Is.Not.EqualTo(Requests.ETagOf(read)), "a changed workflow has a new ETag");
            Assert.That(Requests.ETagOf(clone), Is.Not.Empty);
            Assert.That(Requests.ETagOf(preview), Is.Not.Empty);
        });
    }

    [Test]
    public async Task WorkflowETag_ChangesWhenAnyOfItsTasksChanges()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var url = $"{ws.Root}/workflows/{workflow.Id}";
        var tags = new List<string> { await WorkflowETagAsync(ws, url) };

        await Drill.ExpectAsync(await ws.Admin.Client.PostJsonAsync($"{url}/tasks", new { name = "D" }), HttpStatusCode.Created, "add a task");
        tags.Add(await WorkflowETagAsync(ws, url));
        await Drill.ExpectAsync(await ws.Admin.Client.PutJsonAsync($"{url}/tasks/{a.Id}", new { description = "changed" }), HttpStatusCode.OK, "change a task");
        tags.Add(await WorkflowETagAsync(ws, url));
        await Drill.ExpectAsync(await ws.Admin.Client.PutJsonAsync($"{url}/tasks/{a.Id}", new { nextTaskIds = Array.Empty<long>() }), HttpStatusCode.OK, "change a task's transitions");
        tags.Add(await WorkflowETagAsync(ws, url));
        await Drill.ExpectAsync(await ws.Admin.Client.DeleteAsync($"{url}/tasks/{a.Id}"), HttpStatusCode.OK, "delete a task");
        tags.Add(await WorkflowETagAsync(ws, url));

        Assert.That(tags, Is.Unique, "each task change gave the workflow a new ETag");
    }

    [Test]
    public async Task IfNoneMatch_WithTheCurrentETag_Returns304WithoutBody_AndAStaleOneReturns200()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var client = ws.Admin.Client;
        var workflowUrl = $"{ws.Root}/workflows/{workflow.Id}";
        var taskUrl = $"{workflowUrl}/tasks/{a.Id}";
        var workflowTag = Requests.ETagOf(await client.GetAsync(workflowUrl));
        var taskTag = Requests.ETagOf(await client.GetAsync(taskUrl));

        foreach (var (url, tag, what) in new[] { (workflowUrl, workflowTag, "workflow"), (taskUrl, taskTag, "task") })
        {
            foreach (var header in new[] { tag, $"W/{tag}", $"\"stale\", {tag}", "*" })
            {
                var notModified = await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Get, url, ifNoneMatch: header), HttpStatusCode.NotModified, $"GET {what} If-None-Match: {header}");
                Assert.That(await notModified.Content.ReadAsByteArrayAsync(), Is.Empty, "a 304 has no body");
                Assert.That(Requests.ETagOf(notModified), Is.EqualTo(tag));
            }
            await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Get, url, ifNoneMatch: "\"stale\""), HttpStatusCode.OK, $"GET {what} with a stale If-None-Match");
        }
    }

    [Test]
    public async Task StaleIfMatch_OnEveryConditionalWrite_Returns412_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var (workflow, a, b, _) = await ws.CreateWorkflowWithTasksAsync();
        var client = ws.Admin.Client;
        var url = $"{ws.Root}/workflows/{workflow.Id}";
        var staleWorkflowTag = Requests.ETagOf(await client.GetAsync(url));
        var staleTaskTag = Requests.ETagOf(await client.GetAsync($"{url}/tasks/{a.Id}"));
        // Someone else changes the workflow and task A: the tags read above are stale now.
        await Drill.ExpectAsync(await client.PutJsonAsync($"{url}/tasks/{a.Id}", new { description = "someone else's change" }), HttpStatusCode.OK, "concurrent change");
        var before = await WorkflowRows.ReadAsync(ws.Factory, workflow.Id);

        var writes = new (HttpMethod Method, string Url, object? Body, string Tag, string What)[]
        {
            (HttpMethod.Put, url, new { name = "Overwritten" }, staleWorkflowTag, "PUT workflow"),
            (HttpMethod.Delete, $"{url}?cascade=true", null, staleWorkflowTag, "DELETE workflow"),
            (HttpMethod.Post, $"{url}/archive", null, staleWorkflowTag, "archive"),
            (HttpMethod.Post, $"{url}/unarchive", null, staleWorkflowTag, "unarchive"),
            (HttpMethod.Put, $"{url}/tasks/{a.Id}", new { name = "Overwritten" }, staleTaskTag, "PUT task"),
            (HttpMethod.Delete, $"{url}/tasks/{a.Id}", null, staleTaskTag, "DELETE task"),
            (HttpMethod.Put, $"{url}/tasks/{b.Id}", new { name = "Overwritten" }, "\"999999\"", "PUT task with another version's tag"),
            (HttpMethod.Put, url, new { name = "Overwritten" }, $"W/{Requests.ETagOf(await client.GetAsync(url))}", "PUT workflow with a weak tag (If-Match compares strongly)"),
        };
        foreach (var (method, target, body, tag, what) in writes)
            await Drill.ExpectAsync(await client.SendAsync(method, target, body, ifMatch: tag), HttpStatusCode.PreconditionFailed, what, "precondition_failed");

        Assert.That(await WorkflowRows.ReadAsync(ws.Factory, workflow.Id), Is.EqualTo(before), "no 412 changed anything");
    }

    [Test]
    public async Task CurrentIfMatch_OrNone_LetsEveryConditionalWriteThrough()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var client = ws.Admin.Client;

        foreach (var withIfMatch in new[] { true, false })
        {
            var (workflow, a, b, _) = await ws.CreateWorkflowWithTasksAsync();
            var url = $"{ws.Root}/workflows/{workflow.Id}";
            async Task<string?> Tag(string target) => withIfMatch ? Requests.ETagOf(await client.GetAsync(target)) : null;
            var mode = withIfMatch ? "with the current If-Match" : "without If-Match";

            await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Put, url, new { description = mode }, ifMatch: await Tag(url)), HttpStatusCode.OK, $"PUT workflow {mode}");
            await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, $"{url}/archive", ifMatch: await Tag(url)), HttpStatusCode.OK, $"archive {mode}");
            await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, $"{url}/unarchive", ifMatch: await Tag(url)), HttpStatusCode.OK, $"unarchive {mode}");
            await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Put, $"{url}/tasks/{a.Id}", new { description = mode }, ifMatch: await Tag($"{url}/tasks/{a.Id}")), HttpStatusCode.OK, $"PUT task {mode}");
            await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Delete, $"{url}/tasks/{b.Id}", ifMatch: await Tag($"{url}/tasks/{b.Id}")), HttpStatusCode.OK, $"DELETE task {mode}");
            var deleted = await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Delete, $"{url}?cascade=true", ifMatch: await Tag(url)), HttpStatusCode.OK, $"DELETE workflow {mode}");
            Assert.That(await deleted.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success","deletedTaskCount":2}"""));
        }
    }

    [Test]
    public async Task CascadeDelete_WithThePreviewsETag_DeletesExactlyWhatWasPreviewed()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();
        await CreateAssignmentAsync(ws, workflow.Id);
        var url = $"{ws.Root}/workflows/{workflow.Id}";

        var previewResponse = await Drill.ExpectAsync(await ws.Admin.Client.GetAsync($"{url}/deletion-preview"), HttpStatusCode.OK, "preview");
        var preview = await BodyShape.ReadAsync(previewResponse);
        var deleted = await Drill.ExpectAsync(
            await ws.Admin.Client.SendAsync(HttpMethod.Delete, $"{url}?cascade=true", ifMatch: Requests.ETagOf(previewResponse)), HttpStatusCode.OK, "delete with the preview's ETag");

        Assert.That((await BodyShape.ReadAsync(deleted)).GetProperty("deletedTaskCount").GetInt32(), Is.EqualTo(preview.GetProperty("taskCount").GetInt32()));
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.Zero);
        Assert.That(await ws.Factory.QueryAsync(db => db.Assignments.CountAsync(a => a.WorkflowUuid == workflow.Uuid)), Is.EqualTo(1), "assignments outlive the workflow");
    }

    /// <summary>What may change between a preview and the delete, each making the preview's ETag stale.</summary>
    private static readonly (string Change, Func<TestWorkspace, WorkflowResponse, TaskResponse, Task> Make)[] ChangesAfterPreview =
    [
        ("a task added", (ws, w, _) => ws.AddTaskAsync(w.Id, "Late task")),
        ("a task changed", async (ws, w, a) => Assert.That((await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{w.Id}/tasks/{a.Id}", new { description = "late" })).StatusCode, Is.EqualTo(HttpStatusCode.OK))),
        ("a task deleted", async (ws, w, a) => Assert.That((await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{w.Id}/tasks/{a.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK))),
        ("an assignment started", (ws, w, _) => CreateAssignmentAsync(ws, w.Id)),
        ("the workflow renamed", async (ws, w, _) => Assert.That((await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{w.Id}", new { name = $"Renamed {Guid.NewGuid():N}" })).StatusCode, Is.EqualTo(HttpStatusCode.OK))),
    ];

    [TestCaseSource(nameof(ChangeNames))]
    public async Task CascadeDelete_WithThePreviewsETag_AfterAChange_Returns412_AndDeletesNothing(string change)
    {
        var make = ChangesAfterPreview.Single(c => c.Change == change).Make;
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var url = $"{ws.Root}/workflows/{workflow.Id}";
        var previewTag = Requests.ETagOf(await ws.Admin.Client.GetAsync($"{url}/deletion-preview"));

        await make(ws, workflow, a);
        var before = await WorkflowRows.ReadAsync(ws.Factory, workflow.Id);
        await Drill.ExpectAsync(
            await ws.Admin.Client.SendAsync(HttpMethod.Delete, $"{url}?cascade=true", ifMatch: previewTag), HttpStatusCode.PreconditionFailed, $"delete after {change}", "precondition_failed");

        Assert.That(await WorkflowRows.ReadAsync(ws.Factory, workflow.Id), Is.EqualTo(before));
        Assert.That(before.Workflows, Is.EqualTo(1));
    }

    private static IEnumerable<string> ChangeNames() => ChangesAfterPreview.Select(c => c.Change);

    private static async Task<string> WorkflowETagAsync(TestWorkspace ws, string url) =>
        Requests.ETagOf(await Drill.ExpectAsync(await ws.Admin.Client.GetAsync(url), HttpStatusCode.OK, "get workflow"));

    private static async Task CreateAssignmentAsync(TestWorkspace ws, long workflowId)
    {
        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId, title = "Ticket" });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }
}
