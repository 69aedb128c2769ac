using System.Net;
using Workflows.Application.Tasks;
using Workflows.TestSupport.WorkspaceApi;

namespace Workflows.Api.FunctionalTests.Text;

/// <summary>
/// One rule for every single-line field (no control, line-break or bidi-control characters) and
/// one for every multi-line field (no C0 controls but tab, CR and LF), over HTTP, for each family
/// of fields: workspace, member, workflow, task, template, assignment, phone number, inbox.
/// </summary>
public sealed class TextFieldTests
{
    private static readonly string[] SingleLineRefusals = ["two\nlines", "carriage\rreturn", "nul\0", "next line\u0085", "invoice\u202Efdp.exe"];

    /// <summary>A request that puts <c>text</c> in one single-line field, and the field the 400 must name.</summary>
    public sealed record Field(string Name, string ErrorKey, Func<TestWorkspace, string, Task<HttpResponseMessage>> Send)
    {
        public override string ToString() => Name;
    }

    private static IEnumerable<Field> SingleLineFields()
    {
        yield return new("workspace name", "name", (ws, text) => ws.Admin.Client.PostJsonAsync("api/v2/workspaces", new { name = text }));
        yield return new("member display name", "displayName", (ws, text) =>
            ws.Admin.Client.PostJsonAsync($"{ws.Root}/members", new { kind = "person", displayName = text, objectId = Guid.NewGuid().ToString(), role = "member" }));
        yield return new("member object id", "objectId", (ws, text) =>
            ws.Admin.Client.PostJsonAsync($"{ws.Root}/members", new { kind = "person", displayName = "Ann", objectId = Guid.NewGuid() + text, role = "member" }));
        yield return new("member display name on PATCH", "displayName", (ws, text) =>
            ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { displayName = text }));
        yield return new("workflow name", "name", (ws, text) => ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = text }));
        yield return new("ability type", "abilities[0].type", (ws, text) =>
            ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Ok", abilities = new[] { new { type = text, enabled = true } } }));
        yield return new("event rule action", "eventRules[0].action", (ws, text) =>
            ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Ok", eventRules = new[] { new { @event = "task.failed", action = text } } }));
        yield return new("task name", "name", async (ws, text) =>
        {
            var workflow = await ws.CreateWorkflowAsync();
            return await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(workflow.Id)}/tasks", new { name = text });
        });
        yield return new("template name", "name", async (ws, text) =>
        {
            var workflow = await ws.CreateWorkflowAsync();
            return await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(workflow.Id)}/save-as-template", new { name = text });
        });
        yield return new("assignment title", "title", async (ws, text) =>
        {
            var workflow = await ws.CreateWorkflowAsync();
            return await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = text });
        });
        yield return new("phone number label", "label", (ws, text) =>
            ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = WorkspaceResourcesExtensions.UniquePhoneNumber(), label = text }));
        yield return new("inbox label", "label", (ws, text) =>
            ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address = WorkspaceResourcesExtensions.UniqueMailAddress(), label = text }));
        yield return new("inbox address", "address", (ws, text) =>
            ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address = "support" + text + "@acme.example" }));
        yield return new("workflow filter", "q", (ws, text) => ws.Admin.Client.GetAsync($"{ws.Root}/workflows?q={Uri.EscapeDataString(text)}"));
    }

    public static IEnumerable<TestCaseData> SingleLineCases() =>
        SingleLineFields().SelectMany(f => SingleLineRefusals.Select(text =>
            new TestCaseData(f, text).SetName($"{f.Name} refuses {Escaped(text)}")));

    [TestCaseSource(nameof(SingleLineCases))]
    public async Task SingleLineField_WithAControlOrBidiCharacter_Returns400NamingTheField(Field field, string text)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await field.Send(ws, text);

        await response.ShouldBeValidationProblemAsync(field.ErrorKey);
    }

    [Test]
    public async Task SingleLineFields_TakeTextOfAnyScript_StoredInNfc()
    {
        var ws = await TestWorkspace.CreateAsync();

        var member = await ws.AddMemberAsync(new { kind = "agent", displayName = "Zoe\u0308 🤖 ロボット", role = "member" });
        var phone = await ws.CreatePhoneNumberAsync(label: "Ligne de Zoe\u0308");

        Assert.That(member.DisplayName, Is.EqualTo("Zo\u00EB 🤖 ロボット"));
        Assert.That(phone.Label, Is.EqualTo("Ligne de Zo\u00EB"));
    }

    private static IEnumerable<TestCaseData> MultiLineCases()
    {
        foreach (var text in new[] { "nul\0here", "bell\u0007", "escape\u001B[2J" })
        {
            yield return new TestCaseData("description", text).SetName($"workflow description refuses {Escaped(text)}");
            yield return new TestCaseData("prompt", text).SetName($"workflow prompt refuses {Escaped(text)}");
        }
    }

    [TestCaseSource(nameof(MultiLineCases))]
    public async Task MultiLineField_WithAControlCharacterOtherThanTabOrLineBreak_Returns400(string field, string text)
    {
        var ws = await TestWorkspace.CreateAsync();
        var body = new Dictionary<string, string> { ["name"] = $"Workflow {Guid.NewGuid():N}", [field] = text };

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", body);

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task MultiLineFields_KeepTabsAndLineBreaks_AndRefuseNulInTasksAndConditions()
    {
        var ws = await TestWorkspace.CreateAsync();
        const string text = "First line\r\n\tSecond line\nThird";
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Multi-line", description = text, prompt = text });

        var task = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(workflow.Id)}/tasks", new { name = "Greet", description = "a\0b" });
        var condition = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id),
            new { eventRules = new[] { new { @event = "task.failed", condition = "retries > 2\0", action = "escalate" } } });
        var taskPrompt = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(workflow.Id)}/tasks", new { name = "Greet", prompt = text });

        Assert.That((workflow.Description, workflow.Prompt), Is.EqualTo((text, text)));
        await task.ShouldBeValidationProblemAsync("description");
        await condition.ShouldBeValidationProblemAsync("eventRules[0].condition");
        await taskPrompt.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That((await taskPrompt.ReadAsync<TaskResponse>()).Prompt, Is.EqualTo(text));
    }

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
}
