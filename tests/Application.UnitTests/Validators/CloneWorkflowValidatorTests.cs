using Workflows.Application.Workflows.Commands.CloneWorkflow;
using static Workflows.Application.UnitTests.Validators.Validation;

namespace Workflows.Application.UnitTests.Validators;

public sealed class CloneWorkflowValidatorTests
{
    private readonly CloneWorkflowValidator _validator = new();

    [Test]
    public void Validate_WithName_IsValid()
    {
        Assert.That(ErrorsOf(_validator, new CloneWorkflowCommand(Guid.NewGuid(), 1, new() { Name = "Copy" })), Is.Empty);
    }

    [TestCase(null)]
    [TestCase(" ")]
    public void Validate_WithoutName_IsAnErrorOnName(string? name)
    {
        Assert.That(ErrorsOf(_validator, new CloneWorkflowCommand(Guid.NewGuid(), 1, new() { Name = name })).Keys,
            Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Validate_NameOverLimit_IsAnErrorOnName()
    {
        Assert.That(ErrorsOf(_validator, new CloneWorkflowCommand(Guid.NewGuid(), 1, new() { Name = Text(201) })).Keys,
            Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Validate_WithoutBody_IsAnErrorOnBody()
    {
        Assert.That(ErrorsOf(_validator, new CloneWorkflowCommand(Guid.NewGuid(), 1, null!)).Keys, Is.EqualTo(new[] { "body" }));
    }
}
