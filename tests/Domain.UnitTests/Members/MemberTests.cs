namespace Workflows.Domain.UnitTests.Members;

public sealed class MemberTests
{
    [TestCase(MemberKind.Person)]
    [TestCase(MemberKind.Daemon)]
    public void Create_PersonOrDaemon_KeepsTrimmedObjectId(MemberKind kind)
    {
        var member = Member.Create(Build.WorkspaceId, kind, "Ada", "  oid-1  ", MemberRole.Member);

        Assert.That(member.ObjectId, Is.EqualTo("oid-1"));
        Assert.That(member.IsAgent, Is.False);
    }

    [TestCase(MemberKind.Person, null)]
    [TestCase(MemberKind.Person, "")]
    [TestCase(MemberKind.Daemon, "   ")]
    public void Create_PersonOrDaemonWithoutObjectId_ThrowsOnObjectId(MemberKind kind, string? objectId)
    {
        Assert.That(() => Member.Create(Build.WorkspaceId, kind, "Ada", objectId, MemberRole.Member),
            Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("objectId"));
    }

    [Test]
    public void Create_Agent_HasNoObjectId()
    {
        var agent = Member.Create(Build.WorkspaceId, MemberKind.Agent, "Dispatcher", null, MemberRole.Member);

        Assert.That(agent.ObjectId, Is.Null);
        Assert.That(agent.IsAgent, Is.True);
    }

    [Test]
    public void Create_AgentWithObjectId_ThrowsOnObjectId()
    {
        // An agent never signs in, so a token's oid must never match it.
        Assert.That(() => Member.Create(Build.WorkspaceId, MemberKind.Agent, "Dispatcher", "oid-1", MemberRole.Member),
            Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("objectId"));
    }

    [Test]
    public void Create_WithUndefinedKind_ThrowsOnKind()
    {
        Assert.That(() => Member.Create(Build.WorkspaceId, (MemberKind)42, "Ada", "oid-1", MemberRole.Member),
            Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("kind"));
    }

    [Test]
    public void Create_WithUndefinedRole_ThrowsOnRole()
    {
        Assert.That(() => Member.Create(Build.WorkspaceId, MemberKind.Person, "Ada", "oid-1", (MemberRole)42),
            Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("role"));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Create_WithBlankDisplayName_ThrowsOnDisplayName(string displayName)
    {
        Assert.That(() => Member.Create(Build.WorkspaceId, MemberKind.Person, displayName, "oid-1", MemberRole.Member),
            Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("displayName"));
    }

    [Test]
    public void Create_WithDisplayNameOverLimit_ThrowsOnDisplayName()
    {
        Assert.That(() => Member.Create(Build.WorkspaceId, MemberKind.Person, Build.Text(Member.DisplayNameMaxLength + 1), "oid-1", MemberRole.Member),
            Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("displayName"));
    }

    [TestCase(MemberRole.Admin, WorkflowAccess.Admin)]
    [TestCase(MemberRole.Member, WorkflowAccess.Use)]
    [TestCase(MemberRole.Guest, WorkflowAccess.None)]
    public void DefaultWorkflowAccess_FollowsRole(MemberRole role, WorkflowAccess expected)
    {
        Assert.That(Build.Member(role).DefaultWorkflowAccess, Is.EqualTo(expected));
    }

    [TestCase(MemberRole.Admin, true)]
    [TestCase(MemberRole.Member, true)]
    [TestCase(MemberRole.Guest, false)]
    public void CanCreateWorkflows_OnlyAdminsAndMembers(MemberRole role, bool expected)
    {
        Assert.That(Build.Member(role).CanCreateWorkflows, Is.EqualTo(expected));
    }

    [Test]
    public void ChangeRole_ToUndefinedRole_ThrowsAndKeepsRole()
    {
        var member = Build.Member(MemberRole.Guest);

        Assert.That(() => member.ChangeRole((MemberRole)42, otherAdmins: 1),
            Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("role"));
        Assert.That(member.Role, Is.EqualTo(MemberRole.Guest));
    }

    [Test]
    public void ChangeRole_DemotingTheLastAdmin_ThrowsLastAdmin()
    {
        var admin = Build.Member(MemberRole.Admin);

        Assert.That(() => admin.ChangeRole(MemberRole.Member, otherAdmins: 0), Throws.TypeOf<LastAdminException>());
        Assert.That(admin.Role, Is.EqualTo(MemberRole.Admin));
    }

    [Test]
    public void ChangeRole_DemotingAnAdminWhileAnotherRemains_Succeeds()
    {
        var admin = Build.Member(MemberRole.Admin);

        admin.ChangeRole(MemberRole.Guest, otherAdmins: 1);

        Assert.That(admin.Role, Is.EqualTo(MemberRole.Guest));
    }

    [Test]
    public void EnsureCanBeRemoved_LastAdmin_ThrowsLastAdmin()
    {
        var admin = Build.Member(MemberRole.Admin);

        Assert.That(() => admin.EnsureCanBeRemoved(otherAdmins: 0, ownedWorkflows: 0, transferTo: null), Throws.TypeOf<LastAdminException>());
    }

    [Test]
    public void EnsureCanBeRemoved_OwnerOfWorkflowsWithoutTransfer_ThrowsMemberOwnsWorkflows()
    {
        var owner = Build.Member(MemberRole.Member);

        Assert.That(() => owner.EnsureCanBeRemoved(otherAdmins: 1, ownedWorkflows: 2, transferTo: null),
            Throws.TypeOf<MemberOwnsWorkflowsException>().With.Property(nameof(MemberOwnsWorkflowsException.Code)).EqualTo("member_owns_workflows"));
    }

    [Test]
    public void EnsureCanBeRemoved_TransferToThemselvesOrAnAgent_IsAnInvalidReference()
    {
        var owner = Build.Member(MemberRole.Member);
        var agent = Build.Agent();

        Assert.That(() => owner.EnsureCanBeRemoved(1, 2, owner), Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("transferTo"));
        Assert.That(() => owner.EnsureCanBeRemoved(1, 2, agent), Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("transferTo"));
    }

    [Test]
    public void EnsureCanBeRemoved_OwnerWithAHeir_IsAllowed()
    {
        var owner = Build.Member(MemberRole.Member);
        var heir = Build.Member(MemberRole.Member);

        Assert.That(() => owner.EnsureCanBeRemoved(otherAdmins: 1, ownedWorkflows: 2, transferTo: heir), Throws.Nothing);
    }

    [Test]
    public void AddFounder_MakesTheCreatorAnAdminOfTheWorkspace()
    {
        var workspace = Workspaces.Workspace.Create("Acme");

        var founder = workspace.AddFounder(MemberKind.Person, "Ada", "oid-1");

        Assert.That(founder.Role, Is.EqualTo(MemberRole.Admin));
        Assert.That(founder.Workspace, Is.SameAs(workspace));
    }
}
