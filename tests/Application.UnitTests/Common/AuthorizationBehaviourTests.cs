using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Moq;
using Workflows.Application.Common.Behaviours;
using Workflows.Application.Common.Interfaces;
using Workflows.Application.Members;
using Workflows.Application.Members.Commands.AddMember;
using Workflows.Application.Members.Queries.ListMembers;
using Workflows.Application.Workflows.Commands.DeleteWorkflow;
using Workflows.Application.Workspaces;
using Workflows.Application.Workspaces.Commands.CreateWorkspace;
using Workflows.Domain.Workspaces;
using Workflows.Infrastructure.Data;

namespace Workflows.Application.UnitTests.Common;

/// <summary>The gates before every handler, against the real model on an in-memory SQLite database.</summary>
public sealed class AuthorizationBehaviourTests
{
    private const string AdminOid = "oid-admin";
    private const string MemberOid = "oid-member";
    private const string GuestOid = "oid-guest";
    private const string OutsiderOid = "oid-outsider";

    private SqliteConnection _connection = null!;
    private SqliteWorkflowsDbContext _db = null!;
    private Workspace _workspace = null!;
    private Workspace _otherWorkspace = null!;
    private CurrentMember _currentMember = null!;

    /// <summary>A request the application does not have: one that forgot its scope.</summary>
    public sealed record Unmarked(Guid WorkspaceUuid) : IRequest<string>, IWorkspaceRequest;

    [SetUp]
    public async Task WorkspaceWithAdminMemberAndGuest()
    {
        // An in-memory SQLite database lives as long as its connection stays open.
        _connection = new SqliteConnection("DataSource=:memory:");
        await _connection.OpenAsync();
        _db = new SqliteWorkflowsDbContext(new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync();

        _workspace = Workspace.Create("Acme");
        _otherWorkspace = Workspace.Create("Globex");
        _db.Workspaces.AddRange(_workspace, _otherWorkspace);
        _db.Members.AddRange(
            _workspace.AddFounder(MemberKind.Person, "Ada", AdminOid),
            Member.Create(_workspace, MemberKind.Daemon, "Importer", MemberOid, MemberRole.Member),
            Member.Create(_workspace, MemberKind.Person, "Grace", GuestOid, MemberRole.Guest),
            Member.Create(_workspace, MemberKind.Agent, "Dispatcher", null, MemberRole.Admin),
            // Admin elsewhere, guest here: the membership that counts is the one in the route's workspace.
            _otherWorkspace.AddFounder(MemberKind.Person, "Guest here", GuestOid),
            _otherWorkspace.AddFounder(MemberKind.Person, "Outsider", OutsiderOid));
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();

        _currentMember = new CurrentMember();
    }

    [TearDown]
    public async Task CloseDatabase()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Test]
    public void Handle_WithoutCaller_ThrowsUnauthenticated()
    {
        var next = new Next<ListMembersQuery, Page<MemberResponse>>();

        Assert.ThrowsAsync<UnauthenticatedException>(async () =>
            await Behaviour<ListMembersQuery, Page<MemberResponse>>(Caller(null, Scopes.Admin))
                .Handle(new ListMembersQuery(_workspace.Uuid), next.Handle, CancellationToken.None));
        Assert.That(next.Called, Is.False);
    }

    [TestCase(Scopes.Read)]
    [TestCase("User.Read")]
    public void Handle_WithoutTheScopeTheRequestNeeds_ThrowsInsufficientScope(string granted)
    {
        var next = new Next<AddMemberCommand, MemberResponse>();

        var thrown = Assert.ThrowsAsync<InsufficientScopeException>(async () =>
            await Behaviour<AddMemberCommand, MemberResponse>(Caller(AdminOid, granted))
                .Handle(AddMember(_workspace.Uuid), next.Handle, CancellationToken.None));
        Assert.That(thrown.Needed, Is.EqualTo(Scope.Write));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public void Handle_DeleteWithWriteScope_ThrowsInsufficientScopeForAdmin()
    {
        var thrown = Assert.ThrowsAsync<InsufficientScopeException>(async () =>
            await Behaviour<DeleteWorkflowCommand, StatusResponse>(Caller(AdminOid, Scopes.Read, Scopes.Write))
                .Handle(new DeleteWorkflowCommand(_workspace.Uuid, 1, Cascade: false), new Next<DeleteWorkflowCommand, StatusResponse>().Handle, CancellationToken.None));
        Assert.That(thrown.Needed, Is.EqualTo(Scope.Admin));
    }

    [TestCase(Scopes.Read)]
    [TestCase(Scopes.Write)]
    [TestCase(Scopes.Admin)]
    public async Task Handle_ReadRequest_PassesWithAnyWorkflowsScope(string granted)
    {
        // Each scope includes the ones below it.
        var next = new Next<ListMembersQuery, Page<MemberResponse>>();

        await Behaviour<ListMembersQuery, Page<MemberResponse>>(Caller(MemberOid, granted))
            .Handle(new ListMembersQuery(_workspace.Uuid), next.Handle, CancellationToken.None);

        Assert.That(next.Called, Is.True);
    }

    [Test]
    public void Handle_CallerWhoIsNoMember_ThrowsNotFound()
    {
        var thrown = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Behaviour<ListMembersQuery, Page<MemberResponse>>(Caller(OutsiderOid, Scopes.Read))
                .Handle(new ListMembersQuery(_workspace.Uuid), new Next<ListMembersQuery, Page<MemberResponse>>().Handle, CancellationToken.None));
        Assert.That(thrown.Message, Is.EqualTo(NotFoundException.Workspace().Message));
    }

    [Test]
    public void Handle_UnknownWorkspace_ThrowsTheSameNotFoundAsForAStranger()
    {
        // Nothing may tell a stranger whether the workspace exists.
        var thrown = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Behaviour<ListMembersQuery, Page<MemberResponse>>(Caller(AdminOid, Scopes.Read))
                .Handle(new ListMembersQuery(Guid.NewGuid()), new Next<ListMembersQuery, Page<MemberResponse>>().Handle, CancellationToken.None));
        Assert.That(thrown.Message, Is.EqualTo(NotFoundException.Workspace().Message));
    }

    [Test]
    public void Handle_NotFoundComesAfterTheScopeCheck()
    {
        // A token without the scope learns nothing about workspaces either.
        Assert.ThrowsAsync<InsufficientScopeException>(async () =>
            await Behaviour<AddMemberCommand, MemberResponse>(Caller(OutsiderOid, Scopes.Read))
                .Handle(AddMember(Guid.NewGuid()), new Next<AddMemberCommand, MemberResponse>().Handle, CancellationToken.None));
    }

    [TestCase(MemberOid)]
    [TestCase(GuestOid)]
    public void Handle_WorkspaceAdminRequestByNonAdmin_ThrowsAccessDenied(string objectId)
    {
        var next = new Next<AddMemberCommand, MemberResponse>();

        Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Behaviour<AddMemberCommand, MemberResponse>(Caller(objectId, Scopes.Write))
                .Handle(AddMember(_workspace.Uuid), next.Handle, CancellationToken.None));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public async Task Handle_WorkspaceAdminRequestByAdmin_CallsNext()
    {
        var next = new Next<AddMemberCommand, MemberResponse>();

        await Behaviour<AddMemberCommand, MemberResponse>(Caller(AdminOid, Scopes.Write))
            .Handle(AddMember(_workspace.Uuid), next.Handle, CancellationToken.None);

        Assert.That(next.Called, Is.True);
        Assert.That(_currentMember.Member.IsWorkspaceAdmin, Is.True);
    }

    [Test]
    public async Task Handle_Member_SetsCurrentMemberToTheMembershipInTheRoutesWorkspace()
    {
        var next = new Next<ListMembersQuery, Page<MemberResponse>>();

        await Behaviour<ListMembersQuery, Page<MemberResponse>>(Caller(GuestOid, Scopes.Read))
            .Handle(new ListMembersQuery(_workspace.Uuid), next.Handle, CancellationToken.None);

        Assert.That(next.Called, Is.True);
        Assert.That(_currentMember.WorkspaceId, Is.EqualTo(_workspace.Id));
        Assert.That(_currentMember.Member.ObjectId, Is.EqualTo(GuestOid));
        Assert.That(_currentMember.Member.Role, Is.EqualTo(MemberRole.Guest));
    }

    [Test]
    public async Task Handle_RequestOutsideAnyWorkspace_NeedsNoMembership()
    {
        var next = new Next<CreateWorkspaceCommand, WorkspaceResponse>();

        await Behaviour<CreateWorkspaceCommand, WorkspaceResponse>(Caller("oid-newcomer", Scopes.Write))
            .Handle(new CreateWorkspaceCommand(new CreateWorkspaceRequest { Name = "Initech" }), next.Handle, CancellationToken.None);

        Assert.That(next.Called, Is.True);
        Assert.That(() => _currentMember.Member, Throws.InvalidOperationException);
    }

    [Test]
    public void Handle_RequestWithoutRequiresScope_IsRefused()
    {
        // Fail closed: a request that forgot its scope never reaches its handler, whatever the token.
        var next = new Next<Unmarked, string>();

        Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Behaviour<Unmarked, string>(Caller(AdminOid, Scopes.Admin))
                .Handle(new Unmarked(_workspace.Uuid), next.Handle, CancellationToken.None));
        Assert.That(next.Called, Is.False);
    }

    // ---- Scopes.Allow: read < write < admin ---------------------------------------------------

    [TestCase(new string[0], Scope.Read, false)]
    [TestCase(new[] { "User.Read" }, Scope.Read, false)]
    [TestCase(new[] { Scopes.Read }, Scope.Read, true)]
    [TestCase(new[] { Scopes.Read }, Scope.Write, false)]
    [TestCase(new[] { Scopes.Read }, Scope.Admin, false)]
    [TestCase(new[] { Scopes.Write }, Scope.Read, true)]
    [TestCase(new[] { Scopes.Write }, Scope.Write, true)]
    [TestCase(new[] { Scopes.Write }, Scope.Admin, false)]
    [TestCase(new[] { Scopes.Admin }, Scope.Read, true)]
    [TestCase(new[] { Scopes.Admin }, Scope.Write, true)]
    [TestCase(new[] { Scopes.Admin }, Scope.Admin, true)]
    [TestCase(new[] { Scopes.Read, Scopes.Write }, Scope.Admin, false)]
    public void Allow_FollowsTheScopeHierarchy(string[] granted, Scope needed, bool allowed)
    {
        Assert.That(Scopes.Allow(granted.ToHashSet(), needed), Is.EqualTo(allowed));
    }

    private AuthorizationBehaviour<TMessage, TResponse> Behaviour<TMessage, TResponse>(ICurrentUser user)
        where TMessage : IMessage =>
        new(user, new global::Workflows.Infrastructure.Data.MembershipLookup(_db), _currentMember);

    private static ICurrentUser Caller(string? objectId, params string[] permissions)
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.ObjectId).Returns(objectId);
        user.SetupGet(u => u.Permissions).Returns(permissions.ToHashSet());
        return user.Object;
    }

    private static AddMemberCommand AddMember(Guid workspaceUuid) =>
        new(workspaceUuid, new AddMemberRequest { Kind = MemberKind.Agent, DisplayName = "Helper", Role = MemberRole.Member });

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
