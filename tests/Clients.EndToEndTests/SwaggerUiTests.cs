using System.Text.Json;
using Workflows.Clients.EndToEndTests.Infrastructure;
using Workflows.TestSupport;

namespace Workflows.Clients.EndToEndTests;

/// <summary>Swagger UI, served by the running service, in a real browser (headless Chromium).</summary>
public sealed class SwaggerUiTests
{
    [Test]
    public async Task SwaggerUi_ListsEveryOperation_AndTryItOutWithoutATokenAnswers401()
    {
        const string test = "the Swagger UI browser test";
        var node = Tools.RequireNode(test);
        var chromium = Tools.RequireChromium(test);
        await Tools.EnsurePackagesAsync(Repository.BrowserCheck, test);

        var artifacts = Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.WorkDirectory, "TestResults", "artifacts")).FullName;
        var screenshot = Path.Combine(artifacts, "swagger-ui.png");
        File.Delete(screenshot);
        var profile = Directory.CreateTempSubdirectory("workflows-chromium-").FullName;
        ProcessResult run;
        try
        {
            run = await Tools.RunAsync(node, ["swagger-ui.mjs"], Repository.BrowserCheck,
                new Dictionary<string, string>
                {
                    ["SWAGGER_UI_URL"] = new Uri(Testing.Service.BaseAddress, "swagger").ToString(),
                    ["TRY_OPERATION"] = "operations-Workspaces-Workspaces_List",
                    ["SCREENSHOT"] = screenshot,
                    ["USER_DATA_DIR"] = profile,
                    ["CHROMIUM_PATH"] = chromium,
                },
                TimeSpan.FromMinutes(2));
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        Assert.That(run.ExitCode, Is.Zero, $"the browser check failed:\n{run}");
        var seen = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;

        var document = await Contract.DocumentAsync();
        var expected = document.Operations.Select(o => $"operations-{o.Operation.Tags.Single()}-{o.Operation.OperationId}");
        var listed = seen.GetProperty("operations").EnumerateArray().Select(e => e.GetString());
        Assert.That(listed, Is.EquivalentTo(expected), "every operation of the document, once");

        var tryItOut = seen.GetProperty("tryItOut");
        Assert.That(tryItOut.GetProperty("status").GetString(), Is.EqualTo("401"), run.Output);
        Assert.That(tryItOut.GetProperty("body").GetString(), Does.Contain("\"code\": \"unauthenticated\""), run.Output);

        Assert.That(File.Exists(screenshot) ? new FileInfo(screenshot).Length : 0, Is.GreaterThan(10_000), "a screenshot of the page");
        TestContext.AddTestAttachment(screenshot, "Swagger UI after Try it out on Workspaces_List without a token");
        TestContext.Out.WriteLine($"Screenshot: {screenshot}");
    }
}
