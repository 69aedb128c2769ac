using System.Text.Json;

namespace Workflows.Domain.UnitTests.Workflows;

/// <summary>Creating a workflow and changing its settings.</summary>
public sealed class WorkflowSettingsTests
{
    [TestCase(MemberRole.Admin)]
    [TestCase(MemberRole.Member)]
    public void Create_ByAdminOrMember_IsOwnedByThem(MemberRole role)
    {
        var owner = Build.Member(role);

        var workflow = Workflow.Create(Build.WorkspaceId, "Onboarding", owner);

        Assert.That(workflow.OwnerId, Is.EqualTo(owner.Id));
        Assert.That(workflow.WorkspaceId, Is.EqualTo(Build.WorkspaceId));
        Assert.That(workflow.Uuid, Is.Not.EqualTo(Guid.Empty));
        Assert.That(workflow.IsArchived, Is.False);
    }

    [Test]
    public void Create_ByGuest_ThrowsAccessDenied()
    {
        Assert.That(() => Workflow.Create(Build.WorkspaceId, "Onboarding", Build.Member(MemberRole.Guest)),
            Throws.TypeOf<AccessDeniedException>());
    }

    [Test]
    public void Create_InAnotherWorkspaceThanTheOwners_ThrowsAccessDenied()
    {
        Assert.That(() => Workflow.Create(Build.OtherWorkspaceId, "Onboarding", Build.Member(MemberRole.Admin)),
            Throws.TypeOf<AccessDeniedException>());
    }

    [Test]
    public void Create_TrimsNameAndNormalizesIt()
    {
        var workflow = Build.Workflow("  Customer Onboarding  ");

        Assert.That(workflow.Name, Is.EqualTo("Customer Onboarding"));
        Assert.That(workflow.NormalizedName, Is.EqualTo("CUSTOMER ONBOARDING"));
    }

    [Test]
    public void Normalize_MakesNamesThatDifferOnlyInCaseAndSurroundingBlanksEqual()
    {
        Assert.That(Workflow.Normalize(" onboarding "), Is.EqualTo(Workflow.Normalize("ONBOARDING")));
        Assert.That(Workflow.Normalize("onboarding"), Is.Not.EqualTo(Workflow.Normalize("on boarding")));
    }

    [Test]
    public void Rename_ChangesNameAndNormalizedName()
    {
        var workflow = Build.Workflow("Onboarding");

        workflow.Rename("Offboarding");

        Assert.That(workflow.Name, Is.EqualTo("Offboarding"));
        Assert.That(workflow.NormalizedName, Is.EqualTo("OFFBOARDING"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void Rename_ToBlank_ThrowsOnName(string? name)
    {
        var workflow = Build.Workflow("Onboarding");

        Assert.That(() => workflow.Rename(name!), Fails.On("name"));
        Assert.That(workflow.Name, Is.EqualTo("Onboarding"));
    }

    [Test]
    public void Rename_NameLengthLimit_Is200AfterTrimming()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.Rename($"  {Build.Text(WorkflowLimits.NameMaxLength)}  "), Throws.Nothing);
        Assert.That(workflow.Name, Has.Length.EqualTo(200));
        Assert.That(() => workflow.Rename(Build.Text(WorkflowLimits.NameMaxLength + 1)), Fails.On("name"));
    }

    [Test]
    public void ChangeDescription_LengthLimit_Is2000()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.ChangeDescription(Build.Text(2_000)), Throws.Nothing);
        Assert.That(() => workflow.ChangeDescription(Build.Text(2_001)), Fails.On("description"));
        Assert.That(workflow.Description, Has.Length.EqualTo(2_000));
    }

    [Test]
    public void ChangeDescription_ToNull_ClearsIt()
    {
        var workflow = Build.Workflow();
        workflow.ChangeDescription("Greets new customers");

        workflow.ChangeDescription(null);

        Assert.That(workflow.Description, Is.Null);
    }

    [Test]
    public void ChangePrompt_LengthLimit_Is32000()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.ChangePrompt(Build.Text(32_000)), Throws.Nothing);
        Assert.That(() => workflow.ChangePrompt(Build.Text(32_001)), Fails.On("prompt"));
        Assert.That(workflow.Prompt, Has.Length.EqualTo(32_000));
    }

    // ---- Version: the ETag moves on every real change and only then ------------------------

    [Test]
    public void Version_GrowsByOneForAChange_HoweverManyFieldsItTouches_AndAgainForTheNext()
    {
        var workflow = Build.Workflow("Onboarding");
        workflow.ChangeSaved();
        var start = workflow.Version;

        workflow.Rename("Offboarding");
        workflow.ChangeDescription("d");
        workflow.ChangePrompt("p");
        workflow.MoveTo(1, 2);
        workflow.SetDefaultPhoneNumber(7);
        workflow.SetDefaultInbox(8);

        Assert.That(workflow.Version, Is.EqualTo(start + 1));
        Assert.That(workflow.ChangedParts(), Is.EqualTo(new[] { "name", "description", "prompt", "position", "default phone number", "default inbox" }));
        workflow.ChangeSaved();
        workflow.ChangePrompt("q");
        Assert.That(workflow.Version, Is.EqualTo(start + 2));
    }

    [Test]
    public void Version_StaysWhenValuesAreSetToWhatTheyAre()
    {
        // A GET body sent back to PUT as it is must not move the ETag.
        var workflow = Build.Workflow("Onboarding");
        workflow.ChangeDescription("d");
        workflow.ChangePrompt("p");
        workflow.MoveTo(1, 2);
        workflow.SetDefaultPhoneNumber(7);
        workflow.SetDefaultInbox(8);
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.Rename("  Onboarding ");
        workflow.ChangeDescription("d");
        workflow.ChangePrompt("p");
        workflow.MoveTo(1, 2);
        workflow.SetDefaultPhoneNumber(7);
        workflow.SetDefaultInbox(8);
        workflow.AssignAgent(null);
        workflow.SetStartTask(null);

        Assert.That(workflow.Version, Is.EqualTo(before));
    }

    [Test]
    public void Version_StaysWhenTheSameAbilitiesAndEventRulesAreSentAgain()
    {
        // Equal settings arrive as other JSON documents: compared by content, not by reference.
        var workflow = Build.Workflow();
        workflow.ReplaceAbilities(Abilities(3));
        workflow.ReplaceEventRules(EventRules(2));
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.ReplaceAbilities(Abilities(3));
        workflow.ReplaceEventRules(EventRules(2));

        Assert.That(workflow.Version, Is.EqualTo(before));
        workflow.ReplaceAbilities(Abilities(2));
        Assert.That(workflow.Version, Is.EqualTo(before + 1));
    }

    [Test]
    public void Rename_ChangingOnlyCase_IsAChange()
    {
        var workflow = Build.Workflow("Onboarding");
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.Rename("ONBOARDING");

        Assert.That(workflow.Name, Is.EqualTo("ONBOARDING"));
        Assert.That(workflow.Version, Is.EqualTo(before + 1));
    }

    // ---- agent -------------------------------------------------------------------------------

    [Test]
    public void AssignAgent_AgentOfTheSameWorkspace_IsAssigned()
    {
        var workflow = Build.Workflow();
        var agent = Build.Agent();

        workflow.AssignAgent(agent);

        Assert.That(workflow.AgentId, Is.EqualTo(agent.Id));
    }

    [Test]
    public void AssignAgent_Null_ClearsTheAgent()
    {
        var workflow = Build.Workflow();
        workflow.AssignAgent(Build.Agent());

        workflow.AssignAgent(null);

        Assert.That(workflow.AgentId, Is.Null);
    }

    [TestCase(MemberKind.Person)]
    [TestCase(MemberKind.Daemon)]
    public void AssignAgent_NotAnAgent_ThrowsInvalidReferenceOnAgentId(MemberKind kind)
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AssignAgent(Build.Member(MemberRole.Member, kind: kind)), Fails.InvalidReference("agentId"));
        Assert.That(workflow.AgentId, Is.Null);
    }

    [Test]
    public void AssignAgent_AgentOfAnotherWorkspace_ThrowsInvalidReferenceOnAgentId()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AssignAgent(Build.Agent(Build.OtherWorkspaceId)), Fails.InvalidReference("agentId"));
    }

    [Test]
    public void AssignAgent_SameAgentAgain_IsNoChange()
    {
        var workflow = Build.Workflow();
        var agent = Build.Agent();
        workflow.AssignAgent(agent);
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.AssignAgent(agent);

        Assert.That(workflow.Version, Is.EqualTo(before));
    }

    // ---- owner -------------------------------------------------------------------------------

    [Test]
    public void TransferOwnership_ChangesOwner()
    {
        var owner = Build.Member(MemberRole.Member);
        var workflow = Build.Workflow(owner);
        var colleague = Build.Member(MemberRole.Member);

        workflow.TransferOwnership(colleague);

        Assert.That(workflow.OwnerId, Is.EqualTo(colleague.Id));
        // The previous owner falls back to their role's default.
        Assert.That(workflow.AccessFor(owner), Is.EqualTo(WorkflowAccess.Use));
    }

    [Test]
    public void TransferOwnership_ToTheCurrentOwner_ChangesNothing()
    {
        var owner = Build.Member(MemberRole.Member);
        var workflow = Build.Workflow(owner);
        workflow.ChangeSaved();
        var before = workflow.Version;

        Assert.That(() => workflow.TransferOwnership(owner), Throws.Nothing);
        Assert.That(workflow.Version, Is.EqualTo(before));
    }

    [Test]
    public void TransferOwnership_ToAnAgent_ThrowsInvalidReferenceOnOwnerId()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.TransferOwnership(Build.Agent()), Fails.InvalidReference("ownerId"));
    }

    [Test]
    public void TransferOwnership_ToMemberOfAnotherWorkspace_ThrowsInvalidReferenceOnOwnerId()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.TransferOwnership(Build.Member(MemberRole.Admin, Build.OtherWorkspaceId)),
            Fails.InvalidReference("ownerId"));
    }

    // ---- member role access ------------------------------------------------------------------

    [Test]
    public void ReplaceMemberRoleAccess_ReplacesThePolicy()
    {
        var workflow = Build.Workflow().WithPolicy(new RoleAccess(MemberRole.Guest, WorkflowAccess.Use));

        workflow.ReplaceMemberRoleAccess([new RoleAccess(MemberRole.Member, WorkflowAccess.Edit)]);

        Assert.That(workflow.MemberRoleAccess.Select(a => (a.Role, a.Access)),
            Is.EqualTo(new[] { (MemberRole.Member, WorkflowAccess.Edit) }));
    }

    [Test]
    public void ReplaceMemberRoleAccess_Unchanged_ChangesNothing()
    {
        // The same entries in another order: a GET body sent back by an editor.
        var workflow = Build.Workflow().WithPolicy(
            new RoleAccess(MemberRole.Member, WorkflowAccess.Edit),
            new RoleAccess(MemberRole.Guest, WorkflowAccess.Use));
        workflow.ChangeSaved();
        var before = workflow.Version;

        Assert.That(() => workflow.ReplaceMemberRoleAccess(
            [new RoleAccess(MemberRole.Guest, WorkflowAccess.Use), new RoleAccess(MemberRole.Member, WorkflowAccess.Edit)]), Throws.Nothing);
        Assert.That(workflow.Version, Is.EqualTo(before));
    }

    [Test]
    public void ReplaceMemberRoleAccess_WithDuplicateRole_ThrowsOnMemberRoleAccess()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.ReplaceMemberRoleAccess(
            [new RoleAccess(MemberRole.Member, WorkflowAccess.Use), new RoleAccess(MemberRole.Member, WorkflowAccess.Edit)]), Fails.On("memberRoleAccess"));
        Assert.That(workflow.MemberRoleAccess, Is.Empty);
    }

    [Test]
    public void ReplaceMemberRoleAccess_WithDuplicateRoleMadeOfExistingEntries_StillThrows()
    {
        // As many entries as the policy has, each already in it: not "unchanged", but invalid.
        var workflow = Build.Workflow().WithPolicy(
            new RoleAccess(MemberRole.Member, WorkflowAccess.Edit),
            new RoleAccess(MemberRole.Guest, WorkflowAccess.Use));

        Assert.That(() => workflow.ReplaceMemberRoleAccess(
            [new RoleAccess(MemberRole.Member, WorkflowAccess.Edit), new RoleAccess(MemberRole.Member, WorkflowAccess.Edit)]), Fails.On("memberRoleAccess"));
    }

    [TestCase(WorkflowAccess.None)]
    [TestCase((WorkflowAccess)5)]
    public void ReplaceMemberRoleAccess_WithAccessOutsideUseToAdmin_ThrowsOnMemberRoleAccess(WorkflowAccess access)
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.ReplaceMemberRoleAccess([new RoleAccess(MemberRole.Guest, access)]),
            Fails.On("memberRoleAccess"));
    }

    // ---- abilities and event rules -----------------------------------------------------------

    [Test]
    public void ReplaceAbilities_UpTo50_AreKept()
    {
        var workflow = Build.Workflow();

        workflow.ReplaceAbilities(Abilities(WorkflowLimits.MaxAbilities));

        Assert.That(workflow.Abilities, Has.Count.EqualTo(50));
    }

    [Test]
    public void ReplaceAbilities_Over50_ThrowsOnAbilitiesAndKeepsTheOldOnes()
    {
        var workflow = Build.Workflow();
        workflow.ReplaceAbilities(Abilities(2));

        Assert.That(() => workflow.ReplaceAbilities(Abilities(WorkflowLimits.MaxAbilities + 1)), Fails.On("abilities"));
        Assert.That(workflow.Abilities, Has.Count.EqualTo(2));
    }

    [Test]
    public void ReplaceEventRules_UpTo100_AreKept()
    {
        var workflow = Build.Workflow();

        workflow.ReplaceEventRules(EventRules(WorkflowLimits.MaxEventRules));

        Assert.That(workflow.EventRules, Has.Count.EqualTo(100));
    }

    [Test]
    public void ReplaceEventRules_Over100_ThrowsOnEventRulesAndKeepsTheOldOnes()
    {
        var workflow = Build.Workflow();
        workflow.ReplaceEventRules(EventRules(3));

        Assert.That(() => workflow.ReplaceEventRules(EventRules(WorkflowLimits.MaxEventRules + 1)), Fails.On("eventRules"));
        Assert.That(workflow.EventRules, Has.Count.EqualTo(3));
    }

    internal static List<Ability> Abilities(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Ability($"ability-{i}", i % 2 == 0, JsonSerializer.SerializeToElement(new { n = i })))];

    internal static List<EventRule> EventRules(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new EventRule($"event-{i}", null, "notify", null))];
}
