using System.Diagnostics;
using System.Net;

namespace Workflows.Api.FunctionalTests.Security.Entra;

/// <summary>
/// Production's metadata over time: a signing key Entra ID starts using is picked up from the
/// refreshed metadata without a restart, and metadata that cannot be fetched at start costs 401s
/// (said why in the log) until it can, never the service. Each test has its own stand-in and service.
/// </summary>
[NonParallelizable]
public sealed class ProductionMetadataTests
{
    private const string Workspaces = "api/v2/workspaces";
    private const string Tenant = ProductionIdentityFactory.TenantId;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Test]
    public async Task RotatedSigningKey_IsAccepted_AfterTheMetadataRefresh_WithoutARestart()
    {
        await using var entra = await EntraStandIn.StartAsync();
        using var service = new ProductionIdentityFactory(entra);
        var before = await service.WithToken(entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId))).GetAsync(Workspaces);
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the first key, from the metadata fetched at the first call");

        var newKey = EntraStandIn.UnpublishedKey();
        var withNewKid = entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId) { Key = newKey });
        var unpublished = await service.WithToken(withNewKid).GetAsync(Workspaces);
        await unpublished.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.That(unpublished.Headers.WwwAuthenticate.ToString(), Does.Contain("signature key was not found"));

        entra.Publish(newKey);
        var keySetsBefore = entra.KeySetsServed;
        var after = await PollAsync(service, withNewKid);

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), after.Headers.WwwAuthenticate.ToString());
        Assert.That(entra.KeySetsServed, Is.GreaterThan(keySetsBefore), "the new key came from a refreshed key set");
        var oldKeyToken = entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId) { Key = entra.Keys[0] });
        var old = await service.WithToken(oldKeyToken).GetAsync(Workspaces);
        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the old key is still published, so still trusted");
    }

    [TestCase(StandInMode.Unreachable)]
    [TestCase(StandInMode.Unavailable)]
    public async Task MetadataUnavailableLater_KeepsTheMetadataItHas(StandInMode down)
    {
        await using var entra = await EntraStandIn.StartAsync();
        using var service = new ProductionIdentityFactory(entra);
        var token = entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId));
        var first = await service.WithToken(token).GetAsync(Workspaces);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the metadata, fetched at the first call");

        entra.Mode = down;
        var unknownKid = entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId) { Key = EntraStandIn.UnpublishedKey() });
        var refused = await service.WithToken(unknownKid).GetAsync(Workspaces);
        await PollAsync(() => service.Logs.Entries.Any(e => e.Contains("Unable to obtain an updated configuration", StringComparison.Ordinal)));
        var again = await service.WithToken(token).GetAsync(Workspaces);

        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the keys fetched before the failed refresh still count");
    }

    [TestCase(StandInMode.Unreachable)]
    [TestCase(StandInMode.Unavailable)]
    public async Task MetadataUnavailableAtStart_Answers401_SaysWhyInTheLog_AndAcceptsTokensOnceItAnswers(StandInMode down)
    {
        await using var entra = await EntraStandIn.StartAsync(down);
        using var service = new ProductionIdentityFactory(entra);
        var token = entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId));

        var live = await service.CreateClient().GetAsync("health/live");
        var refused = await service.WithToken(token).GetAsync(Workspaces);

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the service started");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.That(entra.Requests, Is.Not.Empty, "the service asked the stand-in");
        var metadata = $"{entra.Instance}{Tenant}/v2.0/.well-known/openid-configuration";
        Assert.That(service.Logs.Entries, Has.Some.Matches<string>(entry => entry.Contains("Unable to obtain configuration from", StringComparison.Ordinal) && entry.Contains(metadata, StringComparison.Ordinal)),
            string.Join("\n", service.Logs.Entries));

        entra.Mode = StandInMode.Answering;
        var accepted = await PollAsync(service, token);

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), accepted.Headers.WwwAuthenticate.ToString());
    }

    /// <summary>Waits until the condition holds (the refresh the refused token asked for has failed), or fails at the deadline.</summary>
    private static async Task PollAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Deadline) Assert.Fail("the service never logged a failed refresh of the metadata");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Calls with the token until it is accepted or the deadline passes; the last answer.</summary>
    private static async Task<HttpResponseMessage> PollAsync(ProductionIdentityFactory service, string token)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await service.WithToken(token).GetAsync(Workspaces);
            if (response.StatusCode != HttpStatusCode.Unauthorized || clock.Elapsed > Deadline) return response;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
