namespace Workflows.Domain.UnitTests.Workflows;

/// <summary>A clone is a complete copy owned by the caller, with its task graph rebuilt among the copies.</summary>
public sealed class WorkflowCloneTests
{
    private Member _owner = null!;
    private Workflow _source = null!;

    [SetUp]
    public void StoredSourceWorkflow()
    {
        // greet -> qualify -> (greet, close); start at greet. Ids as the database gave them.
        _owner = Build.Member(MemberRole.Admin);
        _source = Build.Workflow(_owner, "Sales call");
        _source.ChangeDescription("Calls leads");
        _source.ChangePrompt("Be polite");
        _source.MoveTo(3, 4);
        _source.AssignAgent(Build.Agent());
        _source.SetDefaultPhoneNumber(7);
        _source.SetDefaultInbox(8);
        _source.ReplaceAbilities(WorkflowSettingsTests.Abilities(2));
        _source.ReplaceEventRules(WorkflowSettingsTests.EventRules(3));
        _source.ReplaceMemberRoleAccess(
            [new RoleAccess(MemberRole.Member, WorkflowAccess.Edit), new RoleAccess(MemberRole.Guest, WorkflowAccess.Use)]);

        var greet = Build.Task(_source, "Greet");
        var close = Build.Task(_source, "Close");
        var qualify = Build.Task(_source, "Qualify", greet.Id, close.Id);
        _source.UpdateTask(greet.Id, greet.Details, [qualify.Id]);
        _source.SetStartTask(greet.Id);
    }

    [Test]
    public void Clone_CopiesEveryTaskAsANewTask()
    {
        var copy = _source.Clone("Sales call (copy)", Build.Member(MemberRole.Member));

        Assert.That(copy.Tasks.Select(t => t.Details), Is.EqualTo(_source.Tasks.Select(t => t.Details)));
        Assert.That(copy.Tasks, Has.None.AnyOf(_source.Tasks.Cast<object>().ToArray()));
        Assert.That(copy.Tasks.Select(t => t.Workflow), Has.All.SameAs(copy));
    }

    [Test]
    public void Clone_RemapsTransitionsToTheCopies()
    {
        var copy = _source.Clone("Sales call (copy)", Build.Member(MemberRole.Member));

        Assert.That(Graph(copy), Is.EquivalentTo(Graph(_source)));
        var copies = copy.Tasks.ToHashSet();
        Assert.That(copy.Tasks.SelectMany(t => t.Transitions), Has.All.Matches<TaskTransition>(tr => copies.Contains(tr.To) && copies.Contains(tr.From)));
    }

    [Test]
    public void Clone_StartTaskIsTheCopyOfTheStartTask()
    {
        var copy = _source.Clone("Sales call (copy)", Build.Member(MemberRole.Member));

        var start = copy.Tasks.Single(t => t.IsStart);
        Assert.That(start.Name, Is.EqualTo("Greet"));
        Assert.That(_source.Tasks, Does.Not.Contain(start));
    }

    [Test]
    public void Clone_CopiesSettingsAbilitiesEventRulesAndRoleAccess()
    {
        var copy = _source.Clone("Sales call (copy)", Build.Member(MemberRole.Member));

        Assert.That((copy.Description, copy.Prompt, copy.PosX, copy.PosY), Is.EqualTo((_source.Description, _source.Prompt, _source.PosX, _source.PosY)));
        Assert.That((copy.AgentId, copy.DefaultPhoneNumberId, copy.DefaultInboxId), Is.EqualTo((_source.AgentId, _source.DefaultPhoneNumberId, _source.DefaultInboxId)));
        Assert.That(copy.Abilities, Is.EqualTo(_source.Abilities));
        Assert.That(copy.EventRules, Is.EqualTo(_source.EventRules));
        Assert.That(copy.MemberRoleAccess.Select(a => (a.Role, a.Access)), Is.EqualTo(_source.MemberRoleAccess.Select(a => (a.Role, a.Access))));
    }

    [Test]
    public void Clone_RoleAccessIsTheCopysOwn()
    {
        // Changing the copy's policy must not change the source's.
        var caller = Build.Member(MemberRole.Member);
        var copy = _source.Clone("Sales call (copy)", caller);

        copy.ReplaceMemberRoleAccess([]);

        Assert.That(_source.MemberRoleAccess, Has.Count.EqualTo(2));
    }

    [Test]
    public void Clone_IsOwnedByTheCaller_NamedAsAsked_AndNew()
    {
        var caller = Build.Member(MemberRole.Member);

        var copy = _source.Clone("  Sales call (copy) ", caller);

        Assert.That(copy.OwnerId, Is.EqualTo(caller.Id));
        Assert.That(copy.Name, Is.EqualTo("Sales call (copy)"));
        Assert.That(copy.NormalizedName, Is.EqualTo("SALES CALL (COPY)"));
        Assert.That(copy.WorkspaceId, Is.EqualTo(_source.WorkspaceId));
        Assert.That(copy.Uuid, Is.Not.EqualTo(_source.Uuid));
    }

    [Test]
    public void Clone_OfArchivedWorkflow_IsNotArchived()
    {
        _source.Archive();

        var copy = _source.Clone("Sales call (copy)", Build.Member(MemberRole.Member));

        Assert.That(copy.IsArchived, Is.False);
        Assert.That(_source.IsArchived, Is.True);
    }

    [Test]
    public void Clone_ByMemberOfAnotherWorkspace_ThrowsAccessDenied()
    {
        // The copy stays in the source's workspace, where this caller may create nothing.
        Assert.That(() => _source.Clone("Copy", Build.Member(MemberRole.Admin, Build.OtherWorkspaceId)),
            Throws.InstanceOf<AccessDeniedException>());
    }

    [Test]
    public void Clone_ByGuestWhoMayUseTheSource_ThrowsAccessDeniedForTheRole()
    {
        // The source's policy lets guests use it, but creating a workflow needs the role member or admin.
        var guest = Build.Member(MemberRole.Guest);
        Assert.That(_source.AccessFor(guest), Is.EqualTo(WorkflowAccess.Use));

        Assert.That(() => _source.Clone("Copy", guest), Throws.TypeOf<AccessDeniedException>());
    }

    [Test]
    public void Clone_LeavesTheSourceUnchanged()
    {
        var (version, tasks, graph) = (_source.Version, _source.Tasks.ToList(), Graph(_source));

        _source.Clone("Sales call (copy)", Build.Member(MemberRole.Member));

        Assert.That(_source.Version, Is.EqualTo(version));
        Assert.That(_source.Tasks, Is.EqualTo(tasks));
        Assert.That(Graph(_source), Is.EquivalentTo(graph));
    }

    /// <summary>The task graph by names, which survive copying (ids do not).</summary>
    private static List<string> Graph(Workflow workflow) =>
        [.. workflow.Tasks.SelectMany(t => t.Transitions).Select(tr => $"{tr.From.Name} -> {tr.To.Name}")];
}
