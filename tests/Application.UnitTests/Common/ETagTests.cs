namespace Workflows.Application.UnitTests.Common;

/// <summary><c>If-Match</c> stays optional; when sent, a stale (or weak: If-Match compares strongly) tag is refused.</summary>
public sealed class ETagTests
{
    [Test]
    public void For_IsTheVersionQuoted()
    {
        Assert.That(ETag.For(7), Is.EqualTo("\"7\""));
    }

    [Test]
    public void ForWorkflow_DependsOnTheVersionAndTheCallersAuthority()
    {
        Assert.That(ETag.ForWorkflow(7, WorkflowAccess.Use), Is.Not.EqualTo(ETag.ForWorkflow(7, WorkflowAccess.Admin)));
        Assert.That(ETag.ForWorkflow(7, WorkflowAccess.Use), Is.Not.EqualTo(ETag.ForWorkflow(8, WorkflowAccess.Use)));
        Assert.That(ETag.ForWorkflow(7, WorkflowAccess.Use), Does.StartWith("\"").And.EndWith("\""));
    }

    [TestCase(null)]
    [TestCase("*")]
    [TestCase("\"7\"")]
    [TestCase("\"5\", \"7\"")]
    [TestCase(" \"7\" ")]
    public void EnsureMatches_AbsentWildcardOrListingTheCurrentTag_Passes(string? ifMatch)
    {
        Assert.That(() => ETag.EnsureMatches(ifMatch, 7), Throws.Nothing);
    }

    [TestCase("\"6\"")]
    [TestCase("\"5\", \"6\"")]
    [TestCase("W/\"6\"")]
    [TestCase("W/\"7\"")]
    [TestCase("\"5\",W/\"7\"")]
    [TestCase("7")]
    [TestCase("\"77\"")]
    [TestCase("")]
    public void EnsureMatches_StaleWeakOrMalformed_ThrowsPreconditionFailed(string ifMatch)
    {
        Assert.That(() => ETag.EnsureMatches(ifMatch, 7), Throws.TypeOf<PreconditionFailedException>());
    }

    [TestCase(null, false)]
    [TestCase("\"7\"", true)]
    [TestCase("W/\"7\"", true)]
    [TestCase("*", true)]
    [TestCase("\"6\"", false)]
    [TestCase("\"6\", \"7\"", true)]
    public void NoneMatchHits_WhenTheCurrentTagIsNamed(string? ifNoneMatch, bool hits)
    {
        Assert.That(ETag.NoneMatchHits(ifNoneMatch, ETag.For(7)), Is.EqualTo(hits));
    }
}
