using System.Text.Json;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.Commands.CreateWorkflow;
using static Workflows.Application.UnitTests.Validators.Validation;

namespace Workflows.Application.UnitTests.Validators;

public sealed class CreateWorkflowValidatorTests
{
    private readonly CreateWorkflowValidator _validator = new();

    private static CreateWorkflowCommand Command(CreateWorkflowRequest body) => new(Guid.NewGuid(), body);

    [Test]
    public void Validate_NameOnly_IsValid()
    {
        Assert.That(ErrorsOf(_validator, Command(new() { Name = "Onboarding" })), Is.Empty);
    }

    [Test]
    public void Validate_EveryFieldAtItsLimit_IsValid()
    {
        var body = new CreateWorkflowRequest
        {
            Name = Text(200),
            Description = Text(2_000),
            Prompt = Text(32_000),
            AgentId = 1,
            DefaultPhoneNumberId = 2,
            DefaultInboxId = 3,
            PosX = -1.5,
            PosY = 1e6,
            Abilities = [.. Enumerable.Range(0, 50).Select(i => new AbilityDto($"a{i}", true, JsonSerializer.SerializeToElement(new { i })))],
            EventRules = [.. Enumerable.Range(0, 100).Select(i => new EventRuleDto($"e{i}", null, "notify", null))],
            MemberRoleAccess = [new(MemberRole.Member, WorkflowAccess.Edit), new(MemberRole.Guest, WorkflowAccess.Use)],
        };

        Assert.That(ErrorsOf(_validator, Command(body)), Is.Empty);
    }

    [Test]
    public void Validate_WithoutBody_IsAnErrorOnBody()
    {
        Assert.That(ErrorsOf(_validator, new CreateWorkflowCommand(Guid.NewGuid(), null!)).Keys, Is.EqualTo(new[] { "body" }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Validate_WithoutName_IsAnErrorOnName(string? name)
    {
        Assert.That(ErrorsOf(_validator, Command(new() { Name = name })).Keys, Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Validate_TextsOverTheirLimits_AreErrorsOnEachField()
    {
        var errors = ErrorsOf(_validator, Command(new() { Name = Text(201), Description = Text(2_001), Prompt = Text(32_001) }));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "name", "description", "prompt" }));
    }

    [Test]
    public void Validate_NonPositiveIds_AreErrorsOnEachField()
    {
        var errors = ErrorsOf(_validator, Command(new() { Name = "n", AgentId = 0, DefaultPhoneNumberId = -1, DefaultInboxId = 0 }));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "agentId", "defaultPhoneNumberId", "defaultInboxId" }));
        Assert.That(errors["agentId"], Is.EqualTo(new[] { "'agentId' must be a positive integer id." }));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Validate_CoordinateThatIsNotFinite_IsAnError(double value)
    {
        var errors = ErrorsOf(_validator, Command(new() { Name = "n", PosX = value, PosY = value }));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "posX", "posY" }));
    }

    [Test]
    public void Validate_TooManyAbilitiesOrEventRules_AreErrorsOnTheLists()
    {
        var errors = ErrorsOf(_validator, Command(new()
        {
            Name = "n",
            Abilities = [.. Enumerable.Range(0, 51).Select(i => new AbilityDto($"a{i}", true, null))],
            EventRules = [.. Enumerable.Range(0, 101).Select(i => new EventRuleDto($"e{i}", null, "notify", null))],
        }));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "abilities", "eventRules" }));
    }

    [Test]
    public void Validate_AbilityWithoutTypeOrWithNonObjectSettings_IsAnErrorOnThatAbility()
    {
        var errors = ErrorsOf(_validator, Command(new()
        {
            Name = "n",
            Abilities = [new AbilityDto("ok", true, null), new AbilityDto("", true, JsonSerializer.SerializeToElement(new[] { 1 }))],
        }));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "abilities[1].type", "abilities[1].settings" }));
    }

    [Test]
    public void Validate_MemberRoleAccessWithRepeatedRole_IsAnErrorOnMemberRoleAccess()
    {
        var errors = ErrorsOf(_validator, Command(new()
        {
            Name = "n",
            MemberRoleAccess = [new(MemberRole.Member, WorkflowAccess.Use), new(MemberRole.Member, WorkflowAccess.Edit)],
        }));

        Assert.That(errors.Keys, Is.EqualTo(new[] { "memberRoleAccess" }));
    }

    [Test]
    public void Validate_MemberRoleAccessWithAccessNone_IsAnErrorOnThatEntry()
    {
        var errors = ErrorsOf(_validator, Command(new()
        {
            Name = "n",
            MemberRoleAccess = [new(MemberRole.Guest, WorkflowAccess.None)],
        }));

        Assert.That(errors.Keys, Is.EqualTo(new[] { "memberRoleAccess[0].access" }));
    }
}
