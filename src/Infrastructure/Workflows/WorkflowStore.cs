using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workflows.Application.Common.Exceptions;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Workflows;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Workflows;

/// <summary>
/// The workflow aggregate in and out of the database with a fixed number of statements. EF's
/// single query for a workflow with its tasks and their transitions joins every task of the
/// database before filtering, and EF writes a copied task graph one row per statement on SQLite;
/// both grow with data the request does not touch. Here each table is read with its own indexed
/// statement and each table of a new graph is written with set-based inserts.
/// </summary>
internal sealed class WorkflowStore(WorkflowsDbContext db, TimeProvider clock) : IWorkflowStore
{
    /// <summary>How often a read is tried again when the workflow changed while it was being read.</summary>
    private const int MaxReadAttempts = 5;

    public Task<Workflow?> FindWithTasksAsync(long workspaceId, long workflowId, bool forUpdate, CancellationToken cancellationToken) =>
        FindAsync(forUpdate, ct => (forUpdate ? TrackedById : ById)(db, workspaceId, workflowId, ct), cancellationToken);

    public Task<Workflow?> FindWithTasksAsync(long workspaceId, Guid workflowUuid, bool forUpdate, CancellationToken cancellationToken) =>
        FindAsync(forUpdate, ct => (forUpdate ? TrackedByUuid : ByUuid)(db, workspaceId, workflowUuid, ct), cancellationToken);

    // Compiled once: the hottest reads skip EF's per-call expression work. Nothing is Included:
    // each table is read flat by its own index and the graph is put together here.
    private static readonly Func<WorkflowsDbContext, long, long, CancellationToken, Task<Workflow?>> ById =
        EF.CompileAsyncQuery((WorkflowsDbContext db, long workspaceId, long id, CancellationToken _) =>
            db.Workflows.AsNoTracking().FirstOrDefault(w => w.Id == id && w.WorkspaceId == workspaceId));

    private static readonly Func<WorkflowsDbContext, long, Guid, CancellationToken, Task<Workflow?>> ByUuid =
        EF.CompileAsyncQuery((WorkflowsDbContext db, long workspaceId, Guid uuid, CancellationToken _) =>
            db.Workflows.AsNoTracking().FirstOrDefault(w => w.Uuid == uuid && w.WorkspaceId == workspaceId));

    private static readonly Func<WorkflowsDbContext, long, long, CancellationToken, Task<Workflow?>> TrackedById =
        EF.CompileAsyncQuery((WorkflowsDbContext db, long workspaceId, long id, CancellationToken _) =>
            db.Workflows.FirstOrDefault(w => w.Id == id && w.WorkspaceId == workspaceId));

    private static readonly Func<WorkflowsDbContext, long, Guid, CancellationToken, Task<Workflow?>> TrackedByUuid =
        EF.CompileAsyncQuery((WorkflowsDbContext db, long workspaceId, Guid uuid, CancellationToken _) =>
            db.Workflows.FirstOrDefault(w => w.Uuid == uuid && w.WorkspaceId == workspaceId));

    private static readonly Func<WorkflowsDbContext, long, IAsyncEnumerable<WorkflowTask>> TrackedTasksOf =
        EF.CompileAsyncQuery<WorkflowsDbContext, long, WorkflowTask>((db, workflowId) =>
            db.Tasks.Where(t => t.WorkflowId == workflowId).OrderBy(t => t.Id));

    /// <summary>
    /// The workflow's tasks with their transitions and its version now, in one statement (so they
    /// agree): a row per transition, or per task without any, or one empty row for a workflow
    /// without tasks; no row at all when the workflow is gone. Ordered as the indexes read them.
    /// </summary>
    private static readonly Func<WorkflowsDbContext, long, IAsyncEnumerable<GraphRow>> GraphOf =
        EF.CompileAsyncQuery((WorkflowsDbContext db, long workflowId) =>
            from w in db.Workflows.AsNoTracking().Where(w => w.Id == workflowId)
            join t in db.Tasks.AsNoTracking() on w.Id equals t.WorkflowId into tasks
            from t in tasks.DefaultIfEmpty()
            join tr in db.TaskTransitions.AsNoTracking() on t.Id equals tr.FromTaskId into transitions
            from tr in transitions.DefaultIfEmpty()
            orderby t.Id, tr.ToTaskId
            select new GraphRow(w.Version, t, tr));

    private static readonly Func<WorkflowsDbContext, long, IAsyncEnumerable<TaskTransition>> TrackedTransitionsOf =
        EF.CompileAsyncQuery((WorkflowsDbContext db, long workflowId) =>
            from t in db.Tasks
            where t.WorkflowId == workflowId
            join tr in db.TaskTransitions on t.Id equals tr.FromTaskId
            select tr);

    private sealed record GraphRow(long Version, WorkflowTask? Task, TaskTransition? Transition);

    private async Task<Workflow?> FindAsync(bool forUpdate, Func<CancellationToken, Task<Workflow?>> find, CancellationToken ct)
    {
        // One connection for the statements: EF would otherwise open and close it (and SQLite
        // set it up again) around each of them.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await FindOnOpenConnectionAsync(forUpdate, find, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Workflow?> FindOnOpenConnectionAsync(bool forUpdate, Func<CancellationToken, Task<Workflow?>> find, CancellationToken ct)
    {
        if (forUpdate)
        {
            // Tracked: tasks and transitions join their workflow as they are read. A change made
            // by someone else between the statements makes the save fail on the workflow's version.
            var tracked = await find(ct);
            if (tracked is null) return null;
            await foreach (var _ in TrackedTasksOf(db, tracked.Id).WithCancellation(ct)) { }
            await foreach (var _ in TrackedTransitionsOf(db, tracked.Id).WithCancellation(ct)) { }
            return tracked;
        }

        for (var attempt = 1; attempt <= MaxReadAttempts; attempt++)
        {
            var workflow = await find(ct);
            if (workflow is null) return null;

            // Every change to a workflow or its tasks raises the workflow's version in the same
            // transaction: the same version beside the tasks means they belong to the state read.
            long? version = null;
            var graph = new List<GraphRow>();
            await foreach (var row in GraphOf(db, workflow.Id).WithCancellation(ct))
            {
                version = row.Version;
                graph.Add(row);
            }
            if (version is null) return null;
            if (version != workflow.Version) continue;

            Assemble(workflow, graph);
            return workflow;
        }
        throw new ConcurrentUpdateException();
    }

    /// <summary>
    /// Puts tasks and transitions read without tracking into their collections, as EF does when
    /// it materializes an Include (a task with several transitions comes once per transition; the
    /// first copy is kept). A read-only aggregate: the ways back to the workflow and to the
    /// tasks' objects stay unset; transitions are followed by id.
    /// </summary>
    private void Assemble(Workflow workflow, List<GraphRow> graph)
    {
        var model = db.Model;
        var taskCollection = model.FindEntityType(typeof(Workflow))!.FindNavigation(nameof(Workflow.Tasks))!.GetCollectionAccessor()!;
        var transitionCollection = model.FindEntityType(typeof(WorkflowTask))!.FindNavigation(nameof(WorkflowTask.Transitions))!.GetCollectionAccessor()!;
        WorkflowTask? current = null;
        foreach (var row in graph)
        {
            if (row.Task is null) continue;
            if (current?.Id != row.Task.Id)
            {
                current = row.Task;
                taskCollection.Add(workflow, current, forMaterialization: true);
            }
            if (row.Transition is { } transition) transitionCollection.Add(current, transition, forMaterialization: true);
        }
    }

    public async Task<Workflow> InsertAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        // Several statements, one unit: the request's transaction ([Transactional]), so that what
        // commits with the copy (an idempotency key's outcome) commits in the same transaction. A
        // transient failure retries the whole request from a clean change tracker and a new copy.
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A workflow graph is inserted in several statements: insert it from a [Transactional] request.");

        // The workflow and its access policy through EF (so a taken name is the usual conflict);
        // the tasks stay out of the change tracker and go in below.
        db.ChangeTracker.TrackGraph(workflow, node =>
        {
            if (node.Entry.Entity is not (WorkflowTask or TaskTransition)) node.Entry.State = EntityState.Added;
        });
        await db.SaveMarkedChangesAsync(cancellationToken);

        var workflowId = workflow.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        await InsertRowsAsync(workflow.Tasks, (property, task) => property.Name switch
        {
            nameof(WorkflowTask.WorkflowId) => workflowId,
            nameof(WorkflowTask.CreatedAt) or nameof(WorkflowTask.UpdatedAt) => now,
            _ => property.GetGetter().GetClrValue(task),
        }, cancellationToken);

        var ids = await db.Tasks.AsNoTracking().Where(t => t.WorkflowId == workflowId)
            .Select(t => new { t.Uuid, t.Id }).ToDictionaryAsync(t => t.Uuid, t => t.Id, cancellationToken);
        var transitions = workflow.Tasks
            .SelectMany(task => task.Transitions.Select(tr => (From: ids[task.Uuid], To: ids[tr.To.Uuid])))
            .ToList();
        await InsertRowsAsync(transitions, (property, transition) => property.Name switch
        {
            nameof(TaskTransition.FromTaskId) => transition.From,
            nameof(TaskTransition.ToTaskId) => transition.To,
            _ => throw new InvalidOperationException($"Unexpected column {property.Name} of task transitions."),
        }, typeof(TaskTransition), cancellationToken);

        return await FindWithTasksAsync(workflow.WorkspaceId, workflowId, forUpdate: false, cancellationToken)
            ?? throw new InvalidOperationException($"Workflow {workflowId} was not found right after it was saved.");
    }

    // ---- writes over many rows ------------------------------------------------------------------

    public async Task<int?> DeleteAsync(long workflowId, long expectedVersion, CancellationToken cancellationToken)
    {
        // Claim the version read first: if anything changed the workflow or its tasks since (a
        // task added, a concurrent delete), nothing is deleted.
        var claimed = await db.Workflows
            .Where(w => w.Id == workflowId && w.Version == expectedVersion)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, w => w.Version + 1), cancellationToken);
        if (claimed == 0) return null;

        await db.Assignments.Where(a => a.WorkflowId == workflowId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.WorkflowId, (long?)null), cancellationToken);
        // By the tasks' ids (an index range each), never by a join that reads every transition.
        await db.TaskTransitions
            .Where(tr => db.Tasks.Where(t => t.WorkflowId == workflowId).Select(t => t.Id).Contains(tr.FromTaskId))
            .ExecuteDeleteAsync(cancellationToken);
        var tasks = await db.Tasks.Where(t => t.WorkflowId == workflowId).ExecuteDeleteAsync(cancellationToken);
        await db.Workflows.Where(w => w.Id == workflowId).ExecuteDeleteAsync(cancellationToken);
        return tasks;
    }

    public Task<int> TransferOwnershipAsync(long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A workflow the member also runs as its agent loses that in the same statement, so that it
        // changes once (one version) rather than twice.
        return db.Workflows.Where(w => w.OwnerId == fromMemberId).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.OwnerId, toMemberId)
            .SetProperty(w => w.AgentId, w => w.AgentId == fromMemberId ? null : w.AgentId)
            .SetProperty(w => w.Version, w => w.Version + 1)
            .SetProperty(w => w.UpdatedAt, now), cancellationToken);
    }

    public Task<int> RemoveAgentAsync(long agentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Workflows.Where(w => w.AgentId == agentId).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.AgentId, (long?)null)
            .SetProperty(w => w.Version, w => w.Version + 1)
            .SetProperty(w => w.UpdatedAt, now), cancellationToken);
    }

    private Task InsertRowsAsync<T>(IEnumerable<T> rows, Func<IProperty, T, object?> valueOf, CancellationToken ct) where T : class =>
        InsertRowsAsync(rows, valueOf, typeof(T), ct);

    /// <summary>
    /// Multi-row <c>INSERT … VALUES (…), (…)</c> into the entity's table; values go through EF's
    /// type mappings, so they are stored exactly as EF would store them. Store-generated keys are
    /// left to the database. On SQLite the values are written as the literals EF itself generates
    /// (binding thousands of named parameters there costs time that grows with their square), in
    /// one statement; elsewhere as parameters, as few statements as the parameter limit allows.
    /// </summary>
    private async Task InsertRowsAsync<T>(IEnumerable<T> rows, Func<IProperty, T, object?> valueOf, Type entity, CancellationToken ct)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        var type = db.Model.FindEntityType(entity)!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd || !p.IsPrimaryKey()).ToList();
        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var header = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var literals = db.Database.IsSqlite();
        var rowsPerStatement = literals ? list.Count : Math.Max(1, MaxParameters / columns.Count);

        await using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in list.Chunk(rowsPerStatement))
        {
            var text = new StringBuilder(header);
            var parameters = new List<DbParameter>();
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    if (c > 0) text.Append(", ");
                    var value = valueOf(columns[c], chunk[r]);
                    if (literals)
                    {
                        text.Append(mappings[c].GenerateSqlLiteral(value));
                        continue;
                    }
                    var name = $"p{parameters.Count}";
                    parameters.Add(mappings[c].CreateParameter(factory, sql.GenerateParameterName(name), value, columns[c].IsNullable));
                    text.Append(sql.GenerateParameterNamePlaceholder(name));
                }
                text.Append(')');
            }
            await ExecuteAsync(text.ToString(), parameters, ct);
        }
    }

    /// <summary>
    /// Runs a statement through EF's command pipeline (its logging, interceptors and transaction)
    /// exactly as written: unlike <c>ExecuteSqlRaw</c>, nothing in the text is read as a format item.
    /// </summary>
    private async Task ExecuteAsync(string text, List<DbParameter> parameters, CancellationToken ct)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(text);
        foreach (var parameter in parameters) builder.AddRawParameter(parameter.ParameterName, parameter);
        await builder.Build().ExecuteNonQueryAsync(
            new RelationalCommandParameterObject(
                db.GetService<IRelationalConnection>(), null, null, db, db.GetService<Microsoft.EntityFrameworkCore.Diagnostics.IRelationalCommandDiagnosticsLogger>()),
            ct);
    }

    /// <summary>Parameters one statement may carry: SQL Server takes 2,100; SQLite and PostgreSQL far more.</summary>
    private int MaxParameters => db.Database.IsSqlServer() ? 2000 : 30000;
}
