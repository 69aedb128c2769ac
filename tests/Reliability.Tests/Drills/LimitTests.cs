using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Domain.Workflows;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>The product's limits, on every route they apply to, at the limit and one past it.</summary>
public sealed class LimitTests
{
    private const int OneMebibyte = 1024 * 1024;
    private static readonly Drill Drill = Figures.For(Figures.Limits);

    [OneTimeTearDown]
    public void AllAsExpected() => Drill.AssertNoneUnexpected();

    [Test]
    public async Task BodyOver1MiB_OnEveryRoute_Returns413_WhetherDeclaredOrStreamed()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var stage = await Stage.CreateAsync(ws, ws.Admin);
        var oversized = JsonOfSize(OneMebibyte + 1);
        var calls = new List<(Route Route, Call Call)>();
        foreach (var route in Route.All) calls.Add((route, await route.PrepareAsync(stage)));
        var before = await CountsAsync(ws);

        foreach (var (route, call) in calls)
        {
            await Drill.ExpectAsync(await SendAsync(ws.Admin.Client, call, new ByteArrayContent(oversized)),
                HttpStatusCode.RequestEntityTooLarge, $"{route}, 1 MiB + 1 byte, Content-Length declared", "body_too_large");
            if (call.Body is null) continue; // a route that reads no body never meets a streamed one's end
            await Drill.ExpectAsync(await SendAsync(ws.Admin.Client, call, new UnsizedContent(oversized)),
                HttpStatusCode.RequestEntityTooLarge, $"{route}, 1 MiB + 1 byte, streamed", "body_too_large");
        }
        var keyed = new HttpRequestMessage(HttpMethod.Post, $"{ws.Root}/workflows") { Content = new UnsizedContent(oversized) };
        keyed.Headers.Add("Idempotency-Key", "oversized");
        await Drill.ExpectAsync(await ws.Admin.Client.SendAsync(keyed), HttpStatusCode.RequestEntityTooLarge, "an idempotent POST, streamed over 1 MiB", "body_too_large");

        var exactly = await SendAsync(ws.Admin.Client, new Call(HttpMethod.Post, $"{ws.Root}/workflows"), new ByteArrayContent(JsonOfSize(OneMebibyte)));
        await Drill.ExpectAsync(exactly, HttpStatusCode.BadRequest, "exactly 1 MiB is read (and its description refused)", "validation_failed");
        Assert.That(await CountsAsync(ws), Is.EqualTo(before), "no oversized body wrote anything");
    }

    [Test]
    public async Task Limit_OnEveryList_Accepts1To200_AndRefusesTheRest()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var stage = await Stage.CreateAsync(ws, ws.Admin);
        var lists = new[] { "api/v2/workspaces", stage.Url("members"), stage.Url("workflows"), stage.Url($"workflows/{stage.Workflow.Id}/tasks"),
            stage.Url("assignments"), stage.Url("phone-numbers"), stage.Url("inboxes"), stage.Url("workflows/templates") };

        foreach (var list in lists)
        {
            foreach (var limit in new[] { "1", "200" })
                await Drill.ExpectAsync(await ws.Admin.Client.GetAsync($"{list}?limit={limit}"), HttpStatusCode.OK, $"{list}?limit={limit}");
            foreach (var limit in new[] { "201", "0", "-1", "2147483648", "1e3", "ten" })
            {
                var response = await Drill.ExpectAsync(await ws.Admin.Client.GetAsync($"{list}?limit={limit}"), HttpStatusCode.BadRequest, $"{list}?limit={limit}");
                await response.ShouldBeValidationProblemAsync("limit");
            }
        }
    }

    [Test]
    public async Task AThousandTasks_AreAllowed_AndTheThousandAndFirstIsRefused()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var workflow = await ws.CreateWorkflowAsync(name: "Full");
        await ws.SeedTasksAsync(workflow.Id, WorkflowLimits.MaxTasks - 1);
        var url = $"{ws.Root}/workflows/{workflow.Id}";

        await Drill.ExpectAsync(await ws.Admin.Client.PostJsonAsync($"{url}/tasks", new { name = "The thousandth" }), HttpStatusCode.Created, "the 1,000th task");
        await Drill.ExpectAsync(await ws.Admin.Client.PostJsonAsync($"{url}/tasks", new { name = "One too many" }), HttpStatusCode.BadRequest, "the 1,001st task", "too_many_tasks");
        var copy = await Drill.ExpectAsync(await ws.Admin.Client.PostJsonAsync($"{url}/clone", new { name = "Full copy" }), HttpStatusCode.Created, "a clone of 1,000 tasks");

        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.EqualTo(1_000));
        Assert.That((await copy.ReadAsync<Workflows.Application.Workflows.WorkflowResponse>()).Tasks, Has.Count.EqualTo(1_000));
    }

    /// <summary>A text field of a write: where it goes, how to build a body with a value, its field name and its limit.</summary>
    public sealed record TextField(string Name, Func<Stage, string, Call> Build, string Field, int Max)
    {
        public override string ToString() => Name;
    }

    public static readonly TextField[] TextFields =
    [
        new("workspace name", (_, v) => new Call(HttpMethod.Post, "api/v2/workspaces", new { name = v }), "name", 200),
        new("workflow name", (s, v) => new Call(HttpMethod.Post, s.Url("workflows"), new { name = v }), "name", WorkflowLimits.NameMaxLength),
        new("workflow description", (s, v) => new Call(HttpMethod.Post, s.Url("workflows"), new { name = s.UniqueName("W"), description = v }), "description", WorkflowLimits.DescriptionMaxLength),
        new("workflow prompt", (s, v) => new Call(HttpMethod.Post, s.Url("workflows"), new { name = s.UniqueName("W"), prompt = v }), "prompt", WorkflowLimits.PromptMaxLength),
        new("workflow name on PUT", (s, v) => new Call(HttpMethod.Put, s.Url($"workflows/{s.Workflow.Id}"), new { name = v }), "name", WorkflowLimits.NameMaxLength),
        new("workflow description on PUT", (s, v) => new Call(HttpMethod.Put, s.Url($"workflows/{s.Workflow.Id}"), new { description = v }), "description", WorkflowLimits.DescriptionMaxLength),
        new("workflow prompt on PUT", (s, v) => new Call(HttpMethod.Put, s.Url($"workflows/{s.Workflow.Id}"), new { prompt = v }), "prompt", WorkflowLimits.PromptMaxLength),
        new("clone name", (s, v) => new Call(HttpMethod.Post, s.Url($"workflows/{s.Workflow.Id}/clone"), new { name = v }), "name", WorkflowLimits.NameMaxLength),
        new("create-from-template name", (s, v) => new Call(HttpMethod.Post, s.Url($"workflows/templates/{s.TemplateUuid}/create-workflow"), new { name = v }), "name", WorkflowLimits.NameMaxLength),
        new("task name", (s, v) => new Call(HttpMethod.Post, s.Url($"workflows/{s.Workflow.Id}/tasks"), new { name = v }), "name", WorkflowLimits.NameMaxLength),
        new("task description", (s, v) => new Call(HttpMethod.Post, s.Url($"workflows/{s.Workflow.Id}/tasks"), new { name = "T", description = v }), "description", WorkflowLimits.DescriptionMaxLength),
        new("task prompt on PUT", (s, v) => new Call(HttpMethod.Put, s.Url($"workflows/{s.Workflow.Id}/tasks/{s.Task.Id}"), new { prompt = v }), "prompt", WorkflowLimits.PromptMaxLength),
        new("assignment title", (s, v) => new Call(HttpMethod.Post, s.Url("assignments"), new { workflowId = s.Workflow.Id, title = v }), "title", 200),
        new("member display name", (s, v) => new Call(HttpMethod.Post, s.Url("members"), new { kind = "agent", displayName = v, role = "member" }), "displayName", 200),
        new("phone number label", (s, v) => new Call(HttpMethod.Post, s.Url("phone-numbers"), new { number = s.UniquePhoneNumber(), label = v }), "label", 200),
        new("inbox label", (s, v) => new Call(HttpMethod.Post, s.Url("inboxes"), new { address = s.UniqueAddress(), label = v }), "label", 200),
    ];

    [TestCaseSource(nameof(TextFields))]
    public async Task TextAtItsLimit_IsAccepted_AndOneCharacterMore_Returns400(TextField text)
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var stage = await Stage.CreateAsync(ws, ws.Admin);

        var atLimit = text.Build(stage, Filler(text.Max));
        var accepted = await atLimit.SendAsync(ws.Admin.Client);
        Drill.Observe(((int)accepted.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.IsSuccessStatusCode, $"{text} of {text.Max}: {(int)accepted.StatusCode}");
        Assert.That(accepted.IsSuccessStatusCode, Is.True, $"{text} of {text.Max} characters: {await accepted.Content.ReadAsStringAsync()}");

        var refused = await Drill.ExpectAsync(await text.Build(stage, Filler(text.Max + 1)).SendAsync(ws.Admin.Client), HttpStatusCode.BadRequest, $"{text} of {text.Max + 1}");
        await refused.ShouldBeValidationProblemAsync(text.Field);
    }

    [TestCase("abilities", WorkflowLimits.MaxAbilities)]
    [TestCase("eventRules", WorkflowLimits.MaxEventRules)]
    public async Task Lists_AtTheirLimit_AreAccepted_AndOneMore_Returns400(string field, int max)
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        object Item(int i) => field == "abilities" ? new { type = $"ability-{i}", enabled = true } : new { @event = $"event-{i}", action = "notify" };
        object Body(int count) => new Dictionary<string, object> { ["name"] = $"{field} {count}", [field] = Enumerable.Range(0, count).Select(Item).ToArray() };

        await Drill.ExpectAsync(await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", Body(max)), HttpStatusCode.Created, $"{max} {field}");
        var refused = await Drill.ExpectAsync(await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", Body(max + 1)), HttpStatusCode.BadRequest, $"{max + 1} {field}");
        await refused.ShouldBeValidationProblemAsync(field);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Call call, HttpContent content)
    {
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return client.SendAsync(new HttpRequestMessage(call.Method, call.Url) { Content = content });
    }

    /// <summary>A JSON workflow body of exactly <paramref name="bytes"/> bytes (its description makes up the size).</summary>
    private static byte[] JsonOfSize(int bytes)
    {
        const string Head = "{\"name\":\"Large\",\"description\":\"", Tail = "\"}";
        return Encoding.UTF8.GetBytes(Head + new string('x', bytes - Head.Length - Tail.Length) + Tail);
    }

    /// <summary>Text of the given length that every text field accepts (a name, a title, a label).</summary>
    private static string Filler(int length) => string.Create(length, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + (i * 7 % 26));
    });

    private static Task<(int Workflows, int Tasks, int Members)> CountsAsync(TestWorkspace ws) => ws.Factory.QueryAsync(async db => (
        await db.Workflows.CountAsync(), await db.Tasks.CountAsync(), await db.Members.CountAsync()));
}
