using System.Net;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Text;

/// <summary>
/// Workflow names over HTTP: names that look the same are one name (409) however they are
/// spelled, names with nothing visible or with bidi controls are refused (400), names are stored
/// in NFC, and their limit counts characters (code points), not UTF-16 code units.
/// </summary>
public sealed class NameTextTests
{
    private static IEnumerable<TestCaseData> LookAlikes()
    {
        yield return new TestCaseData("Café", "Cafe\u0301").SetName("composed and decomposed accents are one name");
        yield return new TestCaseData("ACME intake", "ＡＣＭＥ intake").SetName("fullwidth letters are one name with their plain letters");
        yield return new TestCaseData("Office files", "Oﬃce ﬁles").SetName("ligatures are one name with their letters");
        yield return new TestCaseData("Invoice", "In\u200Bvoice").SetName("a zero-width space makes no other name");
        yield return new TestCaseData("Invoice", "\uFEFFInvoice").SetName("a byte order mark makes no other name");
        yield return new TestCaseData("Invoice", "Invoice\u2060\u00AD").SetName("a word joiner and a soft hyphen make no other name");
        yield return new TestCaseData("Invoice approval", "invoice\u00A0APPROVAL").SetName("case and a no-break space make no other name");
    }

    [TestCaseSource(nameof(LookAlikes))]
    public async Task Create_WithANameThatLooksLikeAnExistingOne_Returns409_AndWritesNothing(string existing, string lookAlike)
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(name: existing);
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = lookAlike });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Update_Clone_AndCreateFromTemplate_WithALookAlikeName_Return409()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(name: "Café");
        var other = await ws.CreateWorkflowAsync(name: "Tea");
        var templates = (await ws.Admin.Client.GetFromJsonAsync<Page<global::Workflows.Application.Templates.TemplateSummaryResponse>>(
            $"{ws.Root}/workflows/templates", TestSupport.Json.Options))!.Items;

        var renamed = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(other.Id), new { name = "CAFE\u0301" });
        var cloned = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(other.Id)}/clone", new { name = "ｃａｆé" });
        var fromTemplate = await ws.Admin.Client.PostJsonAsync(
            $"{ws.Root}/workflows/templates/{templates[0].Uuid}/create-workflow", new { name = "\u200BCafé" });

        await renamed.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        await cloned.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        await fromTemplate.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That((await ws.GetWorkflowAsync(other.Id)).Name, Is.EqualTo("Tea"));
    }

    [TestCase("\u200B\u200C\u200D", TestName = "zero-width characters only")]
    [TestCase("\uFEFF", TestName = "a byte order mark only")]
    [TestCase("\u3164\u3164", TestName = "Hangul fillers only")]
    [TestCase(" \u2060 ", TestName = "blanks and a word joiner only")]
    [TestCase("invoice\u202Efdp.exe", TestName = "a right-to-left override")]
    [TestCase("\u2067report\u2069", TestName = "bidi isolates")]
    [TestCase("name\u200F", TestName = "a right-to-left mark")]
    public async Task Create_WithANameOfInvisibleCharactersOrBidiControls_Returns400NamingName(string name)
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name });

        await response.ShouldBeValidationProblemAsync("name");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_StoresTheNameInNfc()
    {
        var ws = await TestWorkspace.CreateAsync();

        var created = await ws.CreateWorkflowAsync(name: "Cafe\u0301 orders");

        Assert.That(created.Name, Is.EqualTo("Caf\u00E9 orders"));
        Assert.That((await ws.GetWorkflowAsync(created.Id)).Name, Is.EqualTo("Caf\u00E9 orders"));
    }

    [Test]
    public async Task NameLimit_CountsCharacters_NotUtf16CodeUnits()
    {
        var ws = await TestWorkspace.CreateAsync();
        var rockets = string.Concat(Enumerable.Repeat("🚀", 200));

        var accepted = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = rockets });
        var refused = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = rockets + "🚀" });

        await accepted.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That((await accepted.ReadAsync<WorkflowResponse>()).Name, Is.EqualTo(rockets));
        var problem = await refused.ShouldBeValidationProblemAsync("name");
        Assert.That(problem.Errors!["name"], Has.Some.Contains("200 characters (Unicode code points)"));
    }

    [Test]
    public async Task List_FilteredByALookAlikeOfTheName_FindsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = await ws.CreateWorkflowAsync(name: "Ｒéfund desk");

        var page = await ws.ListWorkflowsAsync(query: $"?q={Uri.EscapeDataString("refund DESK".Replace("e", "e\u0301", StringComparison.Ordinal))}");

        Assert.That(page.Items.Select(w => w.Id), Is.EqualTo(new[] { created.Id }));
    }
}
