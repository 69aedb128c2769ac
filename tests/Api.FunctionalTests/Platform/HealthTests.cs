using System.Net;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>GET /health/live and /health/ready: for load balancers and orchestrators, without a token.</summary>
public sealed class HealthTests
{
    [TestCase("health/live")]
    [TestCase("health/ready")]
    public async Task Health_WithoutToken_Returns200Healthy(string path)
    {
        var response = await Testing.Factory.WithToken(null).GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }
}
