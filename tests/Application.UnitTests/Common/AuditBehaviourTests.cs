using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Moq;
using Workflows.Application.Common.Audit;
using Workflows.Application.Common.Behaviours;
using Workflows.Application.Common.Interfaces;
using Workflows.Application.Members.Commands.RemoveMember;
using Workflows.Domain.Audit;
using Workflows.Domain.Workspaces;
using Workflows.Infrastructure.Data;

namespace Workflows.Application.UnitTests.Common;

/// <summary>The audit trail of a [Transactional] request: written as its transaction's last step, and required.</summary>
public sealed class AuditBehaviourTests
{
    private SqliteConnection _connection = null!;
    private SqliteWorkflowsDbContext _db = null!;
    private Transactions _transactions = null!;
    private AuditTrail _trail = null!;
    private readonly List<string> _steps = [];

    [SetUp]
    public async Task OpenDatabase()
    {
        _connection = new SqliteConnection("DataSource=:memory:");
        await _connection.OpenAsync();
        _db = new SqliteWorkflowsDbContext(new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync();
        _transactions = new Transactions(_db);
        var user = new Mock<ICurrentUser>();
        user.Setup(u => u.ObjectId).Returns("caller");
        _trail = new AuditTrail(user.Object, new CurrentMember(), TimeProvider.System);
        _steps.Clear();
    }

    [TearDown]
    public async Task CloseDatabase()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Test]
    public void AHandlerThatAccountsForNothing_FailsTheRequest_AndNothingCommits()
    {
        Assert.ThrowsAsync<InvalidOperationException>(async () => await HandleAsync(async ct =>
        {
            _db.Workspaces.Add(Workspace.Create("Unaudited"));
            await _db.SaveChangesAsync(ct);
        }));

        _db.ChangeTracker.Clear();
        Assert.That(_db.Workspaces.Count(), Is.Zero);
        Assert.That(_steps, Is.Empty);
    }

    [Test]
    public async Task AHandlerThatChangedNothing_WritesNoEntry()
    {
        await HandleAsync(_ =>
        {
            _trail.Unchanged();
            return Task.CompletedTask;
        });

        Assert.That(_steps, Is.Empty);
    }

    [Test]
    public async Task TheEntries_AreAppendedAfterEveryOtherStepBeforeTheCommit()
    {
        await HandleAsync(async ct =>
        {
            var workspace = Workspace.Create("Audited");
            var founder = workspace.AddFounder(MemberKind.Person, "Founder", "caller");
            _db.Workspaces.Add(workspace);
            _db.Members.Add(founder);
            await _db.SaveChangesAsync(ct);
            _trail.RecordAs(founder, AuditActions.WorkspaceCreated, new AuditTarget(workspace.Id, workspace.Uuid, workspace.Name));
        }, afterHandler: () => _transactions.BeforeCommit(_ =>
        {
            _steps.Add("before commit");
            return Task.CompletedTask;
        }));

        Assert.That(_steps, Is.EqualTo(new[] { "before commit", "append workspace.created" }));
    }

    /// <summary>The transaction and audit behaviours around a handler; <paramref name="afterHandler"/> runs as an outer behaviour would after it.</summary>
    private async Task HandleAsync(Func<CancellationToken, Task> handler, Action? afterHandler = null)
    {
        var log = new Mock<IAuditLog>();
        log.Setup(l => l.AppendAsync(It.IsAny<IReadOnlyList<AuditEntry>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<AuditEntry> entries, CancellationToken _) => _steps.AddRange(entries.Select(e => $"append {e.Action}")))
            .Returns(Task.CompletedTask);
        var audit = new AuditBehaviour<RemoveMemberCommand, StatusResponse>(_trail, log.Object, _transactions);
        await new TransactionBehaviour<RemoveMemberCommand, StatusResponse>(_transactions).Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), async (message, ct) =>
        {
            var result = await audit.Handle(message, async (_, inner) =>
            {
                await handler(inner);
                return StatusResponse.Success;
            }, ct);
            afterHandler?.Invoke();
            return result;
        }, CancellationToken.None);
    }
}
