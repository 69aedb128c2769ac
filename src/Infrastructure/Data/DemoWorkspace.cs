using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workflows.Application.Templates;
using Workflows.Domain.Assignments;
using Workflows.Domain.Members;
using Workflows.Domain.Resources;
using Workflows.Domain.Workflows;
using Workflows.Domain.Workspaces;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// A ready-made workspace for trying the API in Development: people of every role, a daemon, two
/// agents, phone numbers, inboxes and a handful of workflows (one archived, one with assignments).
/// Seeded once; the README lists who is in it and how to call as each of them.
/// </summary>
public sealed class DemoWorkspace(WorkflowsDbContext db, ITemplateCatalog templates, ILogger<DemoWorkspace> logger)
{
    public static readonly Guid Uuid = Guid.Parse("5eed0000-0000-4000-8000-00000000de70");

    /// <summary>The people and apps of the demo workspace: name, Azure AD object id, kind, role.</summary>
    public static readonly IReadOnlyList<(string Name, string ObjectId, MemberKind Kind, MemberRole Role)> Callers =
    [
        ("Alice Admin", "a11ce000-0000-4000-8000-000000000001", MemberKind.Person, MemberRole.Admin),
        ("Bob Member", "b0b00000-0000-4000-8000-000000000002", MemberKind.Person, MemberRole.Member),
        ("Carol Guest", "ca201000-0000-4000-8000-000000000003", MemberKind.Person, MemberRole.Guest),
        ("Nightly sync", "da3e0000-0000-4000-8000-000000000004", MemberKind.Daemon, MemberRole.Member),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Workspaces.AnyAsync(w => w.Uuid == Uuid, cancellationToken)) return;

        var workspace = Workspace.Create("Acme Support (demo)", Uuid);
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync(cancellationToken);

        var people = Callers.Select(c => Member.Create(workspace.Id, c.Kind, c.Name, c.ObjectId, c.Role)).ToList();
        var triageBot = Member.Create(workspace.Id, MemberKind.Agent, "Triage bot", null, MemberRole.Member);
        var billingBot = Member.Create(workspace.Id, MemberKind.Agent, "Billing bot", null, MemberRole.Member);
        db.Members.AddRange([.. people, triageBot, billingBot]);
        var london = PhoneNumber.Create(workspace.Id, "+442071234567", "London support line");
        var sales = PhoneNumber.Create(workspace.Id, "+14155550123", "US sales line");
        var support = Inbox.Create(workspace.Id, "support@acme.example", "Support");
        var billing = Inbox.Create(workspace.Id, "billing@acme.example", "Billing");
        db.PhoneNumbers.AddRange(london, sales);
        db.Inboxes.AddRange(support, billing);
        await db.SaveChangesAsync(cancellationToken);

        var (alice, bob) = (people[0], people[1]);
        var fromTemplate = templates.BuiltIn.ToDictionary(t => t.Name);

        var triage = Workflow.FromBlueprint(workspace.Id, "Support triage", null, fromTemplate["Customer support triage"].Blueprint, alice);
        triage.AssignAgent(triageBot);
        triage.SetDefaultPhoneNumber(london.Id);
        triage.SetDefaultInbox(support.Id);
        // Guests may use it; members may edit it.
        triage.ReplaceMemberRoleAccess([new RoleAccess(MemberRole.Guest, WorkflowAccess.Use), new RoleAccess(MemberRole.Member, WorkflowAccess.Edit)]);

        var invoices = Workflow.FromBlueprint(workspace.Id, "Invoice approval", null, fromTemplate["Invoice approval"].Blueprint, alice);
        invoices.AssignAgent(billingBot);
        invoices.SetDefaultInbox(billing.Id);

        var onboarding = Workflow.FromBlueprint(workspace.Id, "Employee onboarding", null, fromTemplate["Employee onboarding"].Blueprint, bob);

        var reset = Workflow.Create(workspace.Id, "Password reset", bob);
        reset.ChangeDescription("Verify the caller, then send a reset link.");
        var send = reset.AddTask(new TaskDetails("Send reset link", "Mail a one-time link.", null, 240, 0), [], false);
        reset.AddTask(new TaskDetails("Verify identity", "Ask two security questions.", null, 0, 0), [send], isStart: true);

        var legacy = Workflow.Create(workspace.Id, "Legacy escalation", alice);
        legacy.ChangeDescription("Replaced by Support triage; kept for its history.");
        legacy.AddTask(new TaskDetails("Escalate by phone", null, null, 0, 0), [], isStart: true);
        legacy.Archive();

        db.Workflows.AddRange(triage, invoices, onboarding, reset, legacy);
        await db.SaveChangesAsync(cancellationToken);

        db.Assignments.AddRange(
            Assignment.Start(triage, "Order #1042 arrived damaged", bob.Id),
            Assignment.Start(triage, "Cannot log in after password change", alice.Id));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo workspace {Uuid}", Uuid);
    }
}
