using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Behaviours;
using Workflows.Application.Members.Commands.RemoveMember;
using Workflows.Domain.Workspaces;
using Workflows.Infrastructure.Data;

namespace Workflows.Application.UnitTests.Common;

/// <summary>One transaction around a [Transactional] request, against the real model on an in-memory SQLite database.</summary>
public sealed class TransactionBehaviourTests
{
    private SqliteConnection _connection = null!;
    private SqliteWorkflowsDbContext _db = null!;
    private Transactions _transactions = null!;

    [SetUp]
    public async Task OpenDatabase()
    {
        _connection = new SqliteConnection("DataSource=:memory:");
        await _connection.OpenAsync();
        _db = new SqliteWorkflowsDbContext(new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync();
        _transactions = new Transactions(_db);
    }

    [TearDown]
    public async Task CloseDatabase()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Test]
    public async Task Handle_TransactionalRequest_RunsTheHandlerInATransactionAndCommitsIt()
    {
        var inTransaction = false;

        await Behaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), async (_, ct) =>
        {
            inTransaction = _transactions.IsActive;
            await AddWorkspaceAsync("Acme", ct);
            return StatusResponse.Success;
        }, CancellationToken.None);

        Assert.That(inTransaction, Is.True);
        Assert.That(_transactions.IsActive, Is.False);
        Assert.That(await _db.Workspaces.CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Handle_TransactionalRequestWhoseHandlerThrows_LeavesEveryRowAsItWas()
    {
        Assert.ThrowsAsync<ConcurrentUpdateException>(async () =>
            await Behaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), async (_, ct) =>
            {
                await AddWorkspaceAsync("Acme", ct);
                throw new ConcurrentUpdateException();
            }, CancellationToken.None));

        _db.ChangeTracker.Clear();
        Assert.That(await _db.Workspaces.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Handle_WorkAddedBeforeCommit_RunsInTheSameTransactionAfterTheHandler()
    {
        var order = new List<string>();

        await Behaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), (_, _) =>
        {
            _transactions.BeforeCommit(_ =>
            {
                order.Add($"before commit, in a transaction: {_transactions.IsActive}");
                return Task.CompletedTask;
            });
            order.Add("handler");
            return ValueTask.FromResult(StatusResponse.Success);
        }, CancellationToken.None);

        Assert.That(order, Is.EqualTo(new[] { "handler", "before commit, in a transaction: True" }));
    }

    [Test]
    public async Task Handle_WorkAddedAfterCommit_RunsOnceTheTransactionHasCommitted()
    {
        var order = new List<string>();

        await Behaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), async (_, ct) =>
        {
            _transactions.AfterCommit(() => order.Add($"after commit, in a transaction: {_transactions.IsActive}"));
            _transactions.BeforeCommit(_ =>
            {
                order.Add("before commit");
                return Task.CompletedTask;
            });
            await AddWorkspaceAsync("Acme", ct);
            order.Add("handler");
            return StatusResponse.Success;
        }, CancellationToken.None);

        Assert.That(order, Is.EqualTo(new[] { "handler", "before commit", "after commit, in a transaction: False" }));
    }

    [Test]
    public async Task Handle_HandlerThrows_WorkAddedAfterCommitNeverRuns_NorWithTheNextTransaction()
    {
        var ran = new List<string>();
        Assert.ThrowsAsync<ConcurrentUpdateException>(async () =>
            await Behaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), (_, _) =>
            {
                _transactions.AfterCommit(() => ran.Add("rolled back"));
                throw new ConcurrentUpdateException();
            }, CancellationToken.None));

        await Behaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), (_, _) =>
        {
            _transactions.AfterCommit(() => ran.Add("committed"));
            return ValueTask.FromResult(StatusResponse.Success);
        }, CancellationToken.None);

        Assert.That(ran, Is.EqualTo(new[] { "committed" }));
    }

    [Test]
    public void Handle_WorkBeforeCommitFails_WorkAddedAfterCommitNeverRuns()
    {
        var ran = false;

        Assert.ThrowsAsync<ConcurrentUpdateException>(async () =>
            await Behaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), (_, _) =>
            {
                _transactions.AfterCommit(() => ran = true);
                _transactions.BeforeCommit(_ => throw new ConcurrentUpdateException());
                return ValueTask.FromResult(StatusResponse.Success);
            }, CancellationToken.None));

        Assert.That(ran, Is.False);
    }

    [Test]
    public async Task RunAsync_InsideAnOpenTransaction_JoinsIt_AndRollsBackWithIt()
    {
        // The workflow store's inserts run in the request's transaction when there is one.
        Assert.ThrowsAsync<ConcurrentUpdateException>(async () =>
            await _transactions.RunAsync<int>(async ct =>
            {
                await _transactions.RunAsync(async inner =>
                {
                    await AddWorkspaceAsync("Acme", inner);
                    return 0;
                }, ct);
                throw new ConcurrentUpdateException();
            }, CancellationToken.None));

        _db.ChangeTracker.Clear();
        Assert.That(await _db.Workspaces.CountAsync(), Is.Zero);
    }

    /// <summary>A command without [Transactional] (reads are not commands, and never reach this behaviour).</summary>
    private sealed record UntransactedCommand : ICommand<int>;

    [Test]
    public async Task Handle_CommandWithoutTransactional_RunsWithoutATransaction()
    {
        bool? inTransaction = null;

        await Behaviour<UntransactedCommand, int>().Handle(new UntransactedCommand(), (_, _) =>
        {
            inTransaction = _transactions.IsActive;
            return ValueTask.FromResult(0);
        }, CancellationToken.None);

        Assert.That(inTransaction, Is.False);
        Assert.That(() => _transactions.BeforeCommit(_ => Task.CompletedTask), Throws.InvalidOperationException);
        Assert.That(() => _transactions.AfterCommit(() => { }), Throws.InvalidOperationException);
    }

    private TransactionBehaviour<TMessage, TResponse> Behaviour<TMessage, TResponse>() where TMessage : IBaseCommand => new(_transactions);

    private async Task AddWorkspaceAsync(string name, CancellationToken ct)
    {
        _db.Workspaces.Add(Workspace.Create(name));
        await _db.SaveChangesAsync(ct);
    }
}
