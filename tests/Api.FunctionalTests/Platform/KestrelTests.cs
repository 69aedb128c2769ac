using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// The body limit and the response headers as Kestrel serves them (the in-process test server
/// frames neither bodies nor headers the way a real connection does).
/// </summary>
public sealed class KestrelTests
{
    private const int Limit = 1024 * 1024;
    private WorkflowsApiFactory _factory = null!;
    private Uri _address = null!;
    private TestWorkspace _ws = null!;

    [OneTimeSetUp]
    public async Task StartOnKestrel()
    {
        _factory = new WorkflowsApiFactory();
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _address = new Uri(address.TrimEnd('/') + "/");
        _factory.ClientOptions.BaseAddress = _address;
        _ws = await TestWorkspace.CreateAsync(_factory);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [TestCase(Limit - 1, false, HttpStatusCode.Created)]
    [TestCase(Limit, false, HttpStatusCode.Created)]
    [TestCase(Limit + 1, false, HttpStatusCode.RequestEntityTooLarge)]
    [TestCase(Limit - 1, true, HttpStatusCode.Created)]
    [TestCase(Limit, true, HttpStatusCode.Created)]
    [TestCase(Limit + 1, true, HttpStatusCode.RequestEntityTooLarge)]
    public async Task BodyAtTheLimit_IsTheSameWhateverTheFraming(int size, bool chunked, HttpStatusCode expected)
    {
        var name = $"Sized {size} {chunked}";
        var body = PaddedWorkflowBody(name, size);
        HttpContent content = chunked ? new UnsizedContent(body) : new ByteArrayContent(body);
        if (!chunked) content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var client = Client();

        var response = await client.PostAsync($"{_ws.Root}/workflows", content);

        if (expected == HttpStatusCode.Created) await response.ShouldSucceedAsync(HttpStatusCode.Created);
        else await response.ShouldBeProblemAsync(expected, "body_too_large");
        Assert.That(await _factory.QueryAsync(db => db.Workflows.CountAsync(w => w.Name == name)), Is.EqualTo(expected == HttpStatusCode.Created ? 1 : 0));
    }

    [Test]
    public async Task Answers_DoNotNameTheServer()
    {
        using var client = Client();

        var ok = await client.GetAsync($"{_ws.Root}/workflows");
        var notFound = await client.GetAsync("api/v2/no-such-thing");

        await ok.ShouldSucceedAsync();
        Assert.That((ok.Headers.Server.Count, notFound.Headers.Server.Count), Is.EqualTo((0, 0)));
        Assert.That(ok.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
    }

    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = _address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.ForPerson(_ws.Admin.ObjectId));
        return client;
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
}
