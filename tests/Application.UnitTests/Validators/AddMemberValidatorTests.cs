using Workflows.Application.Members.Commands.AddMember;
using static Workflows.Application.UnitTests.Validators.Validation;

namespace Workflows.Application.UnitTests.Validators;

public sealed class AddMemberValidatorTests
{
    private readonly AddMemberValidator _validator = new();

    private IReadOnlyDictionary<string, string[]> ErrorsFor(AddMemberRequest body) =>
        ErrorsOf(_validator, new AddMemberCommand(Guid.NewGuid(), body));

    [TestCase(MemberKind.Person)]
    [TestCase(MemberKind.Daemon)]
    public void Validate_PersonOrDaemonWithObjectId_IsValid(MemberKind kind)
    {
        Assert.That(ErrorsFor(new() { Kind = kind, DisplayName = "Ada", ObjectId = Guid.NewGuid().ToString(), Role = MemberRole.Member }), Is.Empty);
    }

    [Test]
    public void Validate_AgentWithoutObjectId_IsValid()
    {
        Assert.That(ErrorsFor(new() { Kind = MemberKind.Agent, DisplayName = "Dispatcher", Role = MemberRole.Member }), Is.Empty);
    }

    [TestCase(MemberKind.Person)]
    [TestCase(MemberKind.Daemon)]
    public void Validate_PersonOrDaemonWithoutObjectId_IsAnErrorOnObjectId(MemberKind kind)
    {
        Assert.That(ErrorsFor(new() { Kind = kind, DisplayName = "Ada", Role = MemberRole.Member }).Keys, Is.EqualTo(new[] { "objectId" }));
    }

    [Test]
    public void Validate_AgentWithObjectId_IsAnErrorOnObjectId()
    {
        var errors = ErrorsFor(new() { Kind = MemberKind.Agent, DisplayName = "Dispatcher", ObjectId = "oid", Role = MemberRole.Member });

        Assert.That(errors.Keys, Is.EqualTo(new[] { "objectId" }));
        Assert.That(errors["objectId"], Is.EqualTo(new[] { "An agent has no 'objectId': it never signs in." }));
    }

    [Test]
    public void Validate_ObjectIdOverLimit_IsAnErrorOnObjectId()
    {
        Assert.That(ErrorsFor(new() { Kind = MemberKind.Person, DisplayName = "Ada", ObjectId = Text(101), Role = MemberRole.Member }).Keys,
            Is.EqualTo(new[] { "objectId" }));
    }

    [Test]
    public void Validate_MissingKindRoleAndDisplayName_AreErrorsOnEach()
    {
        Assert.That(ErrorsFor(new()).Keys, Is.EquivalentTo(new[] { "kind", "role", "displayName" }));
    }

    [Test]
    public void Validate_UndefinedKindOrRole_AreErrorsOnEach()
    {
        var errors = ErrorsFor(new() { Kind = (MemberKind)9, DisplayName = "Ada", ObjectId = "oid", Role = (MemberRole)9 });

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "kind", "role" }));
    }

    [Test]
    public void Validate_DisplayNameOverLimit_IsAnErrorOnDisplayName()
    {
        Assert.That(ErrorsFor(new() { Kind = MemberKind.Agent, DisplayName = Text(201), Role = MemberRole.Guest }).Keys,
            Is.EqualTo(new[] { "displayName" }));
    }
}
