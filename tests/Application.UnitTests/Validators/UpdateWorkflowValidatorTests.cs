using Workflows.Application.Workflows.Commands.UpdateWorkflow;
using static Workflows.Application.UnitTests.Validators.Validation;

namespace Workflows.Application.UnitTests.Validators;

/// <summary>PUT changes only what was sent: absent fields are not checked, <c>null</c> clears where clearing is allowed.</summary>
public sealed class UpdateWorkflowValidatorTests
{
    private readonly UpdateWorkflowValidator _validator = new();

    private IReadOnlyDictionary<string, string[]> ErrorsFor(UpdateWorkflowRequest body) =>
        ErrorsOf(_validator, new UpdateWorkflowCommand(Guid.NewGuid(), 1, body));

    [Test]
    public void Validate_EmptyBody_IsValid()
    {
        Assert.That(ErrorsFor(new UpdateWorkflowRequest()), Is.Empty);
    }

    [Test]
    public void Validate_WithoutBody_IsAnErrorOnBody()
    {
        Assert.That(ErrorsOf(_validator, new UpdateWorkflowCommand(Guid.NewGuid(), 1, null!)).Keys, Is.EqualTo(new[] { "body" }));
    }

    [Test]
    public void Validate_NamePresent_IsChecked()
    {
        Assert.That(ErrorsFor(new() { Name = "Offboarding" }), Is.Empty);
        Assert.That(ErrorsFor(new() { Name = "  " }).Keys, Is.EqualTo(new[] { "name" }));
        Assert.That(ErrorsFor(new() { Name = Text(201) }).Keys, Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Validate_NameSentAsNull_IsAnErrorOnName()
    {
        // A workflow always has a name: null cannot clear it.
        Assert.That(ErrorsFor(new() { Name = new Optional<string?>(null) }).Keys, Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Validate_DescriptionAndPromptSentAsNull_AreValid()
    {
        Assert.That(ErrorsFor(new() { Description = new Optional<string?>(null), Prompt = new Optional<string?>(null) }), Is.Empty);
    }

    [Test]
    public void Validate_DescriptionAndPromptOverTheirLimits_AreErrors()
    {
        Assert.That(ErrorsFor(new() { Description = Text(2_001), Prompt = Text(32_001) }).Keys,
            Is.EquivalentTo(new[] { "description", "prompt" }));
    }

    [Test]
    public void Validate_OwnerIdSentAsNull_IsAnErrorOnOwnerId()
    {
        var errors = ErrorsFor(new() { OwnerId = new Optional<long?>(null) });

        Assert.That(errors.Keys, Is.EqualTo(new[] { "ownerId" }));
        Assert.That(errors["ownerId"], Is.EqualTo(new[] { "'ownerId' cannot be cleared: a workflow always has an owner." }));
    }

    [Test]
    public void Validate_OwnerIdPresent_MustBePositive()
    {
        Assert.That(ErrorsFor(new() { OwnerId = 5L }), Is.Empty);
        Assert.That(ErrorsFor(new() { OwnerId = 0L }).Keys, Is.EqualTo(new[] { "ownerId" }));
    }

    [Test]
    public void Validate_ClearableReferencesSentAsNull_AreValid()
    {
        var errors = ErrorsFor(new()
        {
            AgentId = new Optional<long?>(null),
            StartTaskId = new Optional<long?>(null),
            DefaultPhoneNumberId = new Optional<long?>(null),
            DefaultInboxId = new Optional<long?>(null),
            PosX = new Optional<double?>(null),
            Abilities = new Optional<IReadOnlyList<Workflows.AbilityDto>?>(null),
            MemberRoleAccess = new Optional<IReadOnlyList<Workflows.RoleAccessDto>?>(null),
        });

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_NonPositiveReferences_AreErrorsOnEachField()
    {
        var errors = ErrorsFor(new() { AgentId = 0L, StartTaskId = -3L, DefaultPhoneNumberId = 0L, DefaultInboxId = -1L });

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "agentId", "startTaskId", "defaultPhoneNumberId", "defaultInboxId" }));
    }

    [Test]
    public void Validate_CoordinatePresentButNotFinite_IsAnError()
    {
        Assert.That(ErrorsFor(new() { PosY = double.NegativeInfinity }).Keys, Is.EqualTo(new[] { "posY" }));
    }

    [Test]
    public void Validate_MemberRoleAccessWithRepeatedRole_IsAnError()
    {
        var errors = ErrorsFor(new()
        {
            MemberRoleAccess = new Optional<IReadOnlyList<Workflows.RoleAccessDto>?>(
                [new(MemberRole.Guest, WorkflowAccess.Use), new(MemberRole.Guest, WorkflowAccess.Use)]),
        });

        Assert.That(errors.Keys, Is.EqualTo(new[] { "memberRoleAccess" }));
    }
}
