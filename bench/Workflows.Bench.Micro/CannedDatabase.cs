using System.Collections;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Workflows.Application.Common.Interfaces;
using Workflows.Application.Common.Security;
using Workflows.Domain.Assignments;
using Workflows.Domain.Audit;
using Workflows.Domain.Members;
using Workflows.Domain.Resources;
using Workflows.Domain.Templates;
using Workflows.Domain.Workflows;
using Workflows.Domain.Workspaces;

namespace Workflows.Bench.Micro;

/// <summary>
/// The unit of work with no database behind it: every query of a set answers with the one entity
/// it was given, without translating or running anything. What remains of a request is the
/// pipeline's own work (building the queries' expressions included).
/// </summary>
public sealed class CannedDatabase(Member member, Workflow workflow) : IApplicationDbContext
{
    public DbSet<Member> Members { get; } = new CannedSet<Member>(member);
    public DbSet<Workflow> Workflows { get; } = new CannedSet<Workflow>(workflow);
    public DbSet<Workspace> Workspaces => throw new NotSupportedException();
    public DbSet<WorkflowTask> Tasks => throw new NotSupportedException();
    public DbSet<TaskTransition> TaskTransitions => throw new NotSupportedException();
    public DbSet<WorkflowVersion> WorkflowVersions => throw new NotSupportedException();
    public DbSet<PhoneNumber> PhoneNumbers => throw new NotSupportedException();
    public DbSet<Inbox> Inboxes => throw new NotSupportedException();
    public DbSet<Assignment> Assignments => throw new NotSupportedException();
    public DbSet<WorkspaceTemplate> WorkspaceTemplates => throw new NotSupportedException();
    public DbSet<AuditEntry> AuditEntries => throw new NotSupportedException();
    public DatabaseFacade Database => throw new NotSupportedException();

    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
}

/// <summary>The membership lookup with no database behind it: it answers with the one member.</summary>
public sealed class CannedMembershipLookup(Member member) : IMembershipLookup
{
    private readonly Task<Member?> _found = Task.FromResult<Member?>(member);

    public Task<Member?> FindAsync(string objectId, Guid workspaceUuid, CancellationToken cancellationToken) => _found;
}

/// <summary>The workflow's authority with no database behind it: its id and access policy, at once.</summary>
public sealed class CannedWorkflowAuthorityLookup(Workflow workflow) : IWorkflowAuthorityLookup
{
    private readonly Task<(long Id, WorkflowAccessPolicy Policy)?> _found =
        Task.FromResult<(long Id, WorkflowAccessPolicy Policy)?>((workflow.Id, workflow.AccessPolicy));

    public Task<(long Id, WorkflowAccessPolicy Policy)?> FindAsync(long workspaceId, WorkflowKey workflow, CancellationToken cancellationToken) => _found;
}

/// <summary>The workflow store with no database behind it: every read answers with the one workflow.</summary>
public sealed class CannedWorkflowStore(Workflow workflow) : IWorkflowStore
{
    private readonly Task<Workflow?> _found = Task.FromResult<Workflow?>(workflow);

    public Task<Workflow?> FindWithTasksAsync(long workspaceId, long workflowId, bool forUpdate, CancellationToken cancellationToken) => _found;

    public Task<Workflow?> FindWithTasksAsync(long workspaceId, Guid workflowUuid, bool forUpdate, CancellationToken cancellationToken) => _found;

    public Task<Workflow> InsertAsync(Workflow workflow, CancellationToken cancellationToken) => Task.FromResult(workflow);

    public Task<int?> DeleteAsync(long workflowId, long expectedVersion, CancellationToken cancellationToken) => Task.FromResult<int?>(0);

    public Task<int> TransferOwnershipAsync(long fromMemberId, long toMemberId, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<int> RemoveAgentAsync(long agentId, CancellationToken cancellationToken) => Task.FromResult(0);
}

internal sealed class CannedSet<T>(T item) : DbSet<T>, IQueryable<T>, IAsyncEnumerable<T> where T : class
{
    private readonly CannedProvider<T> _provider = new(item);

    public override IEntityType EntityType => throw new NotSupportedException();
    public Type ElementType => typeof(T);
    public Expression Expression => Expression.Constant(this);
    public IQueryProvider Provider => _provider;
    public IEnumerator<T> GetEnumerator() => new List<T> { item }.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public override IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Single(item);

    private sealed class Single(T item) : IAsyncEnumerator<T>
    {
        private bool _done;
        public T Current => item;
        public ValueTask<bool> MoveNextAsync() => ValueTask.FromResult(!_done && (_done = true));
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

internal sealed class CannedQuery<T>(CannedProvider<T> provider, Expression expression, T item) : IQueryable<T>, IAsyncEnumerable<T> where T : class
{
    public Type ElementType => typeof(T);
    public Expression Expression => expression;
    public IQueryProvider Provider => provider;
    public IEnumerator<T> GetEnumerator() => new List<T> { item }.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new CannedSet<T>(item).GetAsyncEnumerator(cancellationToken);
}

internal sealed class CannedProvider<T>(T item) : IAsyncQueryProvider where T : class
{
    private readonly Task<T> _result = Task.FromResult(item);

    public IQueryable CreateQuery(Expression expression) => new CannedQuery<T>(this, expression, item);
    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) =>
        (IQueryable<TElement>)(object)new CannedQuery<T>(this, expression, item);
    public object? Execute(Expression expression) => item;
    public TResult Execute<TResult>(Expression expression) => (TResult)(object)item;
    public TResult ExecuteAsync<TResult>(Expression expression, CancellationToken cancellationToken = default) =>
        (TResult)(object)_result;
}
