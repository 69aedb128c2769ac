using System.Net;

namespace Workflows.TestSupport;

public static class ResponseAssertions
{
    /// <summary>
    /// Asserts a success status; when it is another, the failure shows the body (a problem's
    /// detail says why the service refused).
    /// </summary>
    public static async Task ShouldSucceedAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK) =>
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
}
