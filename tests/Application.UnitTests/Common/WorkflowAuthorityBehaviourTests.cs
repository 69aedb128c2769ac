using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Moq;
using Workflows.Application.Assignments;
using Workflows.Application.Assignments.Commands.CreateAssignment;
using Workflows.Application.Common.Behaviours;
using Workflows.Application.Common.Interfaces;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.Commands.CloneWorkflow;
using Workflows.Application.Workflows.Commands.DeleteWorkflow;
using Workflows.Application.Workflows.Commands.UpdateWorkflow;
using Workflows.Application.Workflows.Queries.GetWorkflow;
using Workflows.Domain.Workspaces;
using Workflows.Infrastructure.Data;

namespace Workflows.Application.UnitTests.Common;

/// <summary>
/// Authority on a workflow, checked by the pipeline before any handler runs, on the workflow as it
/// is before the request; against the real model on an in-memory SQLite database.
/// </summary>
public sealed class WorkflowAuthorityBehaviourTests
{
    private const string AdminOid = "oid-admin";
    private const string OwnerOid = "oid-owner";
    private const string MemberOid = "oid-member";
    private const string GuestOid = "oid-guest";

    private SqliteConnection _connection = null!;
    private SqliteWorkflowsDbContext _db = null!;
    private Workspace _workspace = null!;
    private Member _owner = null!;
    private Member _colleague = null!;
    private Workflow _workflow = null!;
    private Workflow _elsewhere = null!;
    private CurrentMember _currentMember = null!;
    private CurrentWorkflow _currentWorkflow = null!;

    /// <summary>A workflow request the application does not have: one that forgot its authority.</summary>
    [RequiresScope(Scope.Read)]
    public sealed record Undeclared(Guid WorkspaceUuid, long WorkflowId) : IRequest<string>, IWorkflowRequest
    {
        WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
    }

    [SetUp]
    public async Task WorkflowOwnedByAPlainMember()
    {
        _connection = new SqliteConnection("DataSource=:memory:");
        await _connection.OpenAsync();
        _db = new SqliteWorkflowsDbContext(new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync();

        _workspace = Workspace.Create("Acme");
        var other = Workspace.Create("Globex");
        _db.Workspaces.AddRange(_workspace, other);
        var admin = _workspace.AddFounder(MemberKind.Person, "Ada", AdminOid);
        var otherAdmin = other.AddFounder(MemberKind.Person, "Ada elsewhere", AdminOid);
        _owner = Member.Create(_workspace, MemberKind.Person, "Olive", OwnerOid, MemberRole.Member);
        _colleague = Member.Create(_workspace, MemberKind.Person, "Mo", MemberOid, MemberRole.Member);
        _db.Members.AddRange(admin, otherAdmin, _owner, _colleague,
            Member.Create(_workspace, MemberKind.Person, "Grace", GuestOid, MemberRole.Guest));
        await _db.SaveChangesAsync();

        _workflow = Workflow.Create(_workspace.Id, "Refunds", _owner);
        _workflow.ReplaceMemberRoleAccess([new RoleAccess(MemberRole.Member, WorkflowAccess.Edit)]);
        _elsewhere = Workflow.Create(other.Id, "Invoices", otherAdmin);
        _db.Workflows.AddRange(_workflow, _elsewhere);
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();

        _currentMember = new CurrentMember();
        _currentWorkflow = new CurrentWorkflow();
    }

    [TearDown]
    public async Task CloseDatabase()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Test]
    public async Task Handle_CallerWithTheDeclaredAuthority_CallsNextWithTheWorkflowResolved()
    {
        var next = await RunAsync(MemberOid, Get(_workflow.Uuid.ToString()));

        Assert.That(next.Called, Is.True);
        Assert.That(_currentWorkflow.Id, Is.EqualTo(_workflow.Id));
        Assert.That(_currentWorkflow.Access, Is.EqualTo(WorkflowAccess.Edit));
        Assert.That(_currentWorkflow.Policy.OwnerId, Is.EqualTo(_owner.Id));
    }

    [Test]
    public void Handle_CallerBelowTheDeclaredAuthority_ThrowsWorkflowAccessDeniedBeforeTheHandler()
    {
        // Guests have no authority on a workflow whose policy says nothing about them.
        var next = new Next<GetWorkflowQuery, WorkflowResponse>();

        var thrown = Assert.ThrowsAsync<WorkflowAccessDeniedException>(() => RunAsync(GuestOid, Get(_workflow.Id.ToString()), next));
        Assert.That(thrown.Needed, Is.EqualTo(WorkflowAccess.Use));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public void Handle_DeleteWithEditAuthorityOnly_ThrowsWorkflowAccessDeniedForDelete()
    {
        // Before the handler, so a caller who may not delete learns nothing about the tasks either.
        var next = new Next<DeleteWorkflowCommand, StatusResponse>();

        var thrown = Assert.ThrowsAsync<WorkflowAccessDeniedException>(() =>
            RunAsync(MemberOid, new DeleteWorkflowCommand(_workspace.Uuid, _workflow.Id, Cascade: false), next, Scopes.Admin));
        Assert.That(thrown.Needed, Is.EqualTo(WorkflowAccess.Delete));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public void Handle_CloneWithoutUseOnTheSource_ThrowsWorkflowAccessDeniedForUse()
    {
        var thrown = Assert.ThrowsAsync<WorkflowAccessDeniedException>(() =>
            RunAsync(GuestOid, new CloneWorkflowCommand(_workspace.Uuid, _workflow.Id, new CloneWorkflowRequest { Name = "Copy" }),
                new Next<CloneWorkflowCommand, WorkflowResponse>(), Scopes.Write));
        Assert.That(thrown.Needed, Is.EqualTo(WorkflowAccess.Use));
    }

    [Test]
    public void Handle_WorkflowOfAnotherWorkspace_ThrowsNotFound()
    {
        // The admin of both workspaces, asking in this one for the other's workflow.
        Assert.ThrowsAsync<NotFoundException>(() => RunAsync(AdminOid, Get(_elsewhere.Id.ToString())));
        Assert.ThrowsAsync<NotFoundException>(() => RunAsync(AdminOid, Get(_elsewhere.Uuid.ToString())));
    }

    [Test]
    public void Handle_WorkflowNamedInTheBodyThatDoesNotExist_ThrowsWhatTheRequestSays()
    {
        var command = new CreateAssignmentCommand(_workspace.Uuid, new CreateAssignmentRequest { WorkflowId = _elsewhere.Id, Title = "Call" });

        var thrown = Assert.ThrowsAsync<InvalidReferenceException>(() =>
            RunAsync(MemberOid, command, new Next<CreateAssignmentCommand, AssignmentResponse>(), Scopes.Write));
        Assert.That(thrown.Field, Is.EqualTo("workflowId"));
    }

    [Test]
    public void Handle_WorkflowRequestWithoutRequiresAuthority_IsRefused()
    {
        // Fail closed: a workflow request that forgot its authority never reaches its handler.
        var next = new Next<Undeclared, string>();

        Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(AdminOid, new Undeclared(_workspace.Uuid, _workflow.Id), next));
        Assert.That(next.Called, Is.False);
    }

    // ---- update: admin authority only for the owner and the role-access entries ---------------

    [Test]
    public async Task Update_ByEditorChangingOrdinaryFields_CallsNext()
    {
        var next = await RunAsync(MemberOid, Update(new UpdateWorkflowRequest { Name = "Refunds (EU)" }), Scopes.Write);

        Assert.That(next.Called, Is.True);
    }

    [Test]
    public void Update_ByEditorChangingTheOwner_ThrowsWorkflowAccessDeniedForAdmin()
    {
        var thrown = Assert.ThrowsAsync<WorkflowAccessDeniedException>(() =>
            RunAsync(MemberOid, Update(new UpdateWorkflowRequest { OwnerId = _colleague.Id }), Scopes.Write));
        Assert.That(thrown.Needed, Is.EqualTo(WorkflowAccess.Admin));
    }

    [Test]
    public void Update_ByEditorChangingTheRoleAccess_ThrowsWorkflowAccessDeniedForAdmin()
    {
        var access = new List<RoleAccessDto> { new(MemberRole.Member, WorkflowAccess.Admin) };

        var thrown = Assert.ThrowsAsync<WorkflowAccessDeniedException>(() =>
            RunAsync(MemberOid, Update(new UpdateWorkflowRequest { MemberRoleAccess = access }), Scopes.Write));
        Assert.That(thrown.Needed, Is.EqualTo(WorkflowAccess.Admin));
    }

    [Test]
    public async Task Update_ByEditorSendingTheOwnerAndRoleAccessBackUnchanged_CallsNext()
    {
        // A GET body sent back as it is needs no admin authority.
        var body = new UpdateWorkflowRequest
        {
            OwnerId = _owner.Id,
            MemberRoleAccess = new List<RoleAccessDto> { new(MemberRole.Member, WorkflowAccess.Edit) },
        };

        var next = await RunAsync(MemberOid, Update(body), Scopes.Write);

        Assert.That(next.Called, Is.True);
    }

    [Test]
    public async Task Update_ByOwnerWhoIsAPlainMember_HandingItOnAndChangingAccess_CallsNext()
    {
        // Authority is decided on the workflow before the request: the owner has admin authority
        // for the whole request, though the new owner is someone else once it is done.
        var body = new UpdateWorkflowRequest
        {
            OwnerId = _colleague.Id,
            MemberRoleAccess = new List<RoleAccessDto> { new(MemberRole.Guest, WorkflowAccess.Use) },
        };

        var next = await RunAsync(OwnerOid, Update(body), Scopes.Write);

        Assert.That(next.Called, Is.True);
        Assert.That(_currentWorkflow.Access, Is.EqualTo(WorkflowAccess.Admin));
    }

    private GetWorkflowQuery Get(string workflowRef) => new(_workspace.Uuid, workflowRef);

    private UpdateWorkflowCommand Update(UpdateWorkflowRequest body) => new(_workspace.Uuid, _workflow.Id, body);

    private Task<Next<GetWorkflowQuery, WorkflowResponse>> RunAsync(string objectId, GetWorkflowQuery query) =>
        RunAsync(objectId, query, new Next<GetWorkflowQuery, WorkflowResponse>());

    private Task<Next<UpdateWorkflowCommand, WorkflowResponse>> RunAsync(string objectId, UpdateWorkflowCommand command, string scope) =>
        RunAsync(objectId, command, new Next<UpdateWorkflowCommand, WorkflowResponse>(), scope);

    /// <summary>The gates in the pipeline's order: scope and membership, then authority on the workflow.</summary>
    private async Task<Next<TMessage, TResponse>> RunAsync<TMessage, TResponse>(
        string objectId, TMessage message, Next<TMessage, TResponse> next, string scope = Scopes.Read)
        where TMessage : IMessage
    {
        var authorization = new AuthorizationBehaviour<TMessage, TResponse>(Caller(objectId, scope), new MembershipLookup(_db), _currentMember);
        var authority = new WorkflowAuthorityBehaviour<TMessage, TResponse>(new WorkflowAuthorityLookup(_db), _currentMember, _currentWorkflow);
        await authorization.Handle(message, (m, ct) => authority.Handle(m, next.Handle, ct), CancellationToken.None);
        return next;
    }

    private static ICurrentUser Caller(string objectId, string permission)
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.ObjectId).Returns(objectId);
        user.SetupGet(u => u.Permissions).Returns(new HashSet<string> { permission });
        return user.Object;
    }

    private sealed class Next<TMessage, TResponse>
    {
        public bool Called { get; private set; }

        public ValueTask<TResponse> Handle(TMessage message, CancellationToken cancellationToken)
        {
            Called = true;
            return ValueTask.FromResult(default(TResponse)!);
        }
    }
}
