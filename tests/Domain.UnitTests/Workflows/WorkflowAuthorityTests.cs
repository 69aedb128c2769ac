namespace Workflows.Domain.UnitTests.Workflows;

/// <summary>Who may do what to a workflow (its access policy): owner, workspace admin, the role policy, the role defaults.</summary>
public sealed class WorkflowAuthorityTests
{
    [Test]
    public void AccessFor_Owner_IsAdmin_EvenAsGuest()
    {
        var workflow = Build.Workflow();
        var guest = Build.Member(MemberRole.Guest);
        workflow.TransferOwnership(guest);

        Assert.That(workflow.AccessFor(guest), Is.EqualTo(WorkflowAccess.Admin));
    }

    [Test]
    public void AccessFor_WorkspaceAdmin_IsAdminOnAnyWorkflow()
    {
        var workflow = Build.Workflow(Build.Member(MemberRole.Member));

        Assert.That(workflow.AccessFor(Build.Member(MemberRole.Admin)), Is.EqualTo(WorkflowAccess.Admin));
    }

    [Test]
    public void AccessFor_WorkspaceAdmin_IsNotLoweredByThePolicy()
    {
        var workflow = Build.Workflow().WithPolicy(new RoleAccess(MemberRole.Admin, WorkflowAccess.Use));

        Assert.That(workflow.AccessFor(Build.Member(MemberRole.Admin)), Is.EqualTo(WorkflowAccess.Admin));
    }

    [TestCase(MemberRole.Member, WorkflowAccess.Edit)]
    [TestCase(MemberRole.Member, WorkflowAccess.Delete)]
    [TestCase(MemberRole.Guest, WorkflowAccess.Use)]
    [TestCase(MemberRole.Guest, WorkflowAccess.Admin)]
    public void AccessFor_RoleWithPolicyEntry_GetsTheEntrysAccess(MemberRole role, WorkflowAccess granted)
    {
        var workflow = Build.Workflow().WithPolicy(new RoleAccess(role, granted));

        Assert.That(workflow.AccessFor(Build.Member(role)), Is.EqualTo(granted));
    }

    [Test]
    public void AccessFor_MemberWithoutPolicyEntry_DefaultsToUse()
    {
        var workflow = Build.Workflow().WithPolicy(new RoleAccess(MemberRole.Guest, WorkflowAccess.Edit));

        Assert.That(workflow.AccessFor(Build.Member(MemberRole.Member)), Is.EqualTo(WorkflowAccess.Use));
    }

    [Test]
    public void AccessFor_GuestWithoutPolicyEntry_DefaultsToNone()
    {
        var workflow = Build.Workflow().WithPolicy(new RoleAccess(MemberRole.Member, WorkflowAccess.Edit));

        Assert.That(workflow.AccessFor(Build.Member(MemberRole.Guest)), Is.EqualTo(WorkflowAccess.None));
    }

    [TestCase(MemberRole.Admin)]
    [TestCase(MemberRole.Member)]
    public void AccessFor_MemberOfAnotherWorkspace_IsNone(MemberRole role)
    {
        // Nothing crosses the tenant boundary, not even for that workspace's admins.
        var workflow = Build.Workflow().WithPolicy(new RoleAccess(role, WorkflowAccess.Admin));

        Assert.That(workflow.AccessFor(Build.Member(role, Build.OtherWorkspaceId)), Is.EqualTo(WorkflowAccess.None));
    }

    [Test]
    public void Demand_BelowNeededLevel_ThrowsWorkflowAccessDeniedNamingTheLevel()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AccessPolicy.Demand(Build.Member(MemberRole.Member), WorkflowAccess.Edit),
            Throws.TypeOf<WorkflowAccessDeniedException>()
                .With.Property(nameof(WorkflowAccessDeniedException.Needed)).EqualTo(WorkflowAccess.Edit));
    }

    [Test]
    public void Demand_AtOrBelowGrantedLevel_Passes()
    {
        var workflow = Build.Workflow().WithPolicy(new RoleAccess(MemberRole.Member, WorkflowAccess.Edit));
        var member = Build.Member(MemberRole.Member);

        Assert.That(() => workflow.AccessPolicy.Demand(member, WorkflowAccess.Use), Throws.Nothing);
        Assert.That(() => workflow.AccessPolicy.Demand(member, WorkflowAccess.Edit), Throws.Nothing);
        Assert.That(() => workflow.AccessPolicy.Demand(member, WorkflowAccess.Delete), Throws.TypeOf<WorkflowAccessDeniedException>());
    }

    [Test]
    public void Demand_ByMemberOfAnotherWorkspace_Throws()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AccessPolicy.Demand(Build.Member(MemberRole.Admin, Build.OtherWorkspaceId), WorkflowAccess.Use),
            Throws.TypeOf<WorkflowAccessDeniedException>());
    }

    // ---- AccessibleBy: the list filter must say what AccessFor says ---------------------------

    private static readonly RoleAccess[][] Policies =
    [
        [],
        [new(MemberRole.Member, WorkflowAccess.Use)],
        [new(MemberRole.Member, WorkflowAccess.Edit)],
        [new(MemberRole.Member, WorkflowAccess.Delete)],
        [new(MemberRole.Member, WorkflowAccess.Admin)],
        [new(MemberRole.Guest, WorkflowAccess.Use)],
        [new(MemberRole.Guest, WorkflowAccess.Edit)],
        [new(MemberRole.Guest, WorkflowAccess.Admin)],
        [new(MemberRole.Admin, WorkflowAccess.Use)],
        [new(MemberRole.Member, WorkflowAccess.Delete), new(MemberRole.Guest, WorkflowAccess.Use)],
    ];

    [Test, Combinatorial]
    public void AccessibleBy_AgreesWithAccessFor(
        [Values] MemberRole role,
        [Values(WorkflowAccess.Use, WorkflowAccess.Edit, WorkflowAccess.Delete, WorkflowAccess.Admin)] WorkflowAccess needed)
    {
        var caller = Build.Member(role);
        var workflows = WorkflowsVisibleOrNotTo(caller);

        var filtered = workflows.Where(Workflow.AccessibleBy(caller, needed).Compile()).Select(w => w.Name);
        var expected = workflows.Where(w => w.AccessFor(caller) >= needed).Select(w => w.Name);

        Assert.That(filtered, Is.EquivalentTo(expected));
        // Guard the matrix itself: every caller must see something and miss something at some level.
        Assert.That(workflows.Select(w => w.AccessFor(caller)).Distinct().Count(), Is.GreaterThan(1));
    }

    /// <summary>Every policy, owned by the caller or by someone else, in the caller's workspace or another one.</summary>
    private static List<Workflow> WorkflowsVisibleOrNotTo(Member caller)
    {
        var workflows = new List<Workflow>();
        var admin = Build.Member(MemberRole.Admin);
        var otherAdmin = Build.Member(MemberRole.Admin, Build.OtherWorkspaceId);
        for (var i = 0; i < Policies.Length; i++)
        {
            var policy = string.Join(",", Policies[i].Select(a => $"{a.Role}:{a.Access}"));

            workflows.Add(Build.Workflow(admin, $"others #{i} [{policy}]").WithPolicy(Policies[i]));

            var owned = Build.Workflow(admin, $"caller's #{i} [{policy}]").WithPolicy(Policies[i]);
            owned.TransferOwnership(caller);
            workflows.Add(owned);

            workflows.Add(Build.Workflow(otherAdmin, $"other workspace #{i} [{policy}]").WithPolicy(Policies[i]));
        }
        return workflows;
    }
}
