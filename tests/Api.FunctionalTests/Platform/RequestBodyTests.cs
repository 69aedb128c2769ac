using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// Bodies the service will not read: too large (413), not JSON (415), broken JSON (400). Each is a
/// problem body without internals, and nothing is written.
/// </summary>
public sealed class RequestBodyTests
{
    private const int OverOneMebibyte = 1024 * 1024 + 64 * 1024;

    [Test]
    public async Task BodyOver1MiB_WithContentLength_Returns413_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var content = new ByteArrayContent(LargeWorkflowBody());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Assert.That(content.Headers.ContentLength, Is.GreaterThan(1024 * 1024));

        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task BodyOver1MiB_Chunked_Returns413_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var content = new UnsizedContent(LargeWorkflowBody());
        Assert.That(content.Headers.ContentLength, Is.Null);

        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task BodyUnder1MiB_Chunked_IsRead()
    {
        var ws = await TestWorkspace.CreateAsync();
        var content = new UnsizedContent(Encoding.UTF8.GetBytes("""{"name":"Sent in chunks"}"""));

        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows", content);

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task WrongContentType_Returns415_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows",
            new StringContent("""{"name":"As text"}""", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task MalformedJson_Returns400NamingTheBody_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows", """{"name": "Broken",""");

        var problem = await response.ShouldBeValidationProblemAsync("body");
        Assert.That(problem.Errors!["body"], Is.Not.Empty);
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task NotJsonAtAll_Returns400NamingTheBody()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows", "name=Form");

        await response.ShouldBeValidationProblemAsync("body");
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task FieldOfTheWrongJsonType_Returns400NamingTheField()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows", """{"name": 42}""");

        var problem = await response.ShouldBeValidationProblemAsync("name");
        Assert.That(problem.Errors!.Keys, Does.Not.Contain("body"));
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task EmptyBody_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows", "");

        await response.ShouldBeValidationProblemAsync("body");
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    private const int Limit = 1024 * 1024;

    /// <summary>The limit is one number of bytes, whether the body declares its length or is sent in chunks.</summary>
    [TestCase(Limit - 1, false, HttpStatusCode.Created)]
    [TestCase(Limit, false, HttpStatusCode.Created)]
    [TestCase(Limit + 1, false, HttpStatusCode.RequestEntityTooLarge)]
    [TestCase(Limit - 1, true, HttpStatusCode.Created)]
    [TestCase(Limit, true, HttpStatusCode.Created)]
    [TestCase(Limit + 1, true, HttpStatusCode.RequestEntityTooLarge)]
    public async Task BodyAtTheLimit_IsTheSameWhateverTheFraming(int size, bool chunked, HttpStatusCode expected)
    {
        var ws = await TestWorkspace.CreateAsync();
        var body = PaddedWorkflowBody($"Sized {size} {chunked}", size);
        HttpContent content = chunked ? new UnsizedContent(body) : new ByteArrayContent(body);
        if (!chunked) content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows", content);

        if (expected == HttpStatusCode.Created) await response.ShouldSucceedAsync(HttpStatusCode.Created);
        else await response.ShouldBeProblemAsync(expected, "body_too_large");
        Assert.That(await WorkflowCountAsync(ws), Is.EqualTo(expected == HttpStatusCode.Created ? 1 : 0));
    }

    /// <summary>A valid workflow body of exactly <paramref name="size"/> bytes: JSON followed by white space.</summary>
    private static byte[] PaddedWorkflowBody(string name, int size)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"name":"{{name}}"}""");
        var body = new byte[size];
        Array.Fill(body, (byte)' ');
        json.CopyTo(body, 0);
        return body;
    }

    /// <summary>A valid workflow body, over 1 MiB only because of its description.</summary>
    private static byte[] LargeWorkflowBody() =>
        Encoding.UTF8.GetBytes($$"""{"name":"Large","description":"{{new string('x', OverOneMebibyte)}}"}""");

    private static Task<int> WorkflowCountAsync(TestWorkspace ws) =>
        ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.WorkspaceId == ws.Workspace.Id));
}
