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

        Assert.That(() => member.ChangeRole((MemberRole)42),
            Throws.TypeOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo("role"));
        Assert.That(member.Role, Is.EqualTo(MemberRole.Guest));
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
