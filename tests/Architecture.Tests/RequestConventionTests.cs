using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Workflows.Application.Common.Interfaces;
using Workflows.Application.Workflows.Commands.CreateWorkflow;
using Workflows.Application.Workspaces.Commands.CreateWorkspace;

namespace Workflows.Architecture.Tests;

/// <summary>
/// The pipeline's behaviours trust attributes and interfaces; these conventions make sure every
/// request declares them, so that a new request cannot slip past a gate, and that handlers leave
/// authority and transactions to the behaviours.
/// </summary>
public sealed class RequestConventionTests
{
    private static readonly Type[] Requests = [.. Layers.Application.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
        .OrderBy(t => t.FullName)];

    [Test]
    public void Requests_AreFound()
    {
        // Guards the other conventions against passing on an empty list.
        Assert.That(Requests, Does.Contain(typeof(CreateWorkflowCommand)).And.Contain(typeof(CreateWorkspaceCommand)));
    }

    [Test]
    public void EveryTransactionalOrIdempotentRequest_IsACommand()
    {
        // The transaction, idempotency and audit behaviours are constrained to commands, so that a
        // read's pipeline does not build and run them: on a query, [Transactional] or
        // IIdempotentCommand would be ignored without a word.
        var writes = Requests.Where(t => t.IsDefined(typeof(TransactionalAttribute)) || typeof(Workflows.Application.Common.Idempotency.IIdempotentCommand).IsAssignableFrom(t)).ToList();

        Assert.That(writes, Is.Not.Empty);
        Assert.That(writes.Where(t => !typeof(IBaseCommand).IsAssignableFrom(t)), Is.Empty);
    }

    [TestCase(typeof(Workflows.Application.Common.Behaviours.TransactionBehaviour<,>))]
    [TestCase(typeof(Workflows.Application.Common.Behaviours.IdempotencyBehaviour<,>))]
    [TestCase(typeof(Workflows.Application.Common.Behaviours.AuditBehaviour<,>))]
    public void TheWriteOnlyBehaviours_AreForCommandsOnly(Type behaviour)
    {
        Assert.That(behaviour.GetGenericArguments()[0].GetGenericParameterConstraints(), Does.Contain(typeof(IBaseCommand)));
    }

    [Test]
    public void EveryRequest_DeclaresItsScope()
    {
        Assert.That(Requests.Where(t => t.GetCustomAttribute<RequiresScopeAttribute>() is null), Is.Empty);
    }

    [Test]
    public void EveryRequestAddressedToAWorkspace_IsAWorkspaceRequest()
    {
        var addressed = Requests.Where(t => t.GetProperty(nameof(IWorkspaceRequest.WorkspaceUuid)) is not null).ToList();

        Assert.That(addressed, Is.Not.Empty);
        Assert.That(addressed.Where(t => !typeof(IWorkspaceRequest).IsAssignableFrom(t)), Is.Empty);
    }

    [Test]
    public void EveryRequestNeedingAWorkspaceAdmin_IsAWorkspaceRequest()
    {
        // Outside a workspace there is no role to check, and the behaviour would not check it.
        var adminOnly = Requests.Where(t => t.IsDefined(typeof(RequiresAdminRoleAttribute))).ToList();

        Assert.That(adminOnly.Where(t => !typeof(IWorkspaceRequest).IsAssignableFrom(t)), Is.Empty);
    }

    [Test]
    public void DeletingAWorkflow_NeedsTheAdminScope()
    {
        Assert.That(typeof(Workflows.Application.Workflows.Commands.DeleteWorkflow.DeleteWorkflowCommand).GetCustomAttribute<RequiresScopeAttribute>()!.Scope,
            Is.EqualTo(Scope.Admin));
    }

    [Test]
    public void Queries_NeedOnlyTheReadScope_AndCommandsTheWriteScopeOrMore()
    {
        // Reads are open to any of the three scopes; writes need workflows:write at least.
        var queries = Requests.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>))).ToList();
        var commands = Requests.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>))).ToList();

        Assert.That(queries, Is.Not.Empty);
        Assert.That(commands, Is.Not.Empty);
        Assert.That(queries.Where(t => t.GetCustomAttribute<RequiresScopeAttribute>()?.Scope != Scope.Read), Is.Empty);
        Assert.That(commands.Where(t => t.GetCustomAttribute<RequiresScopeAttribute>()?.Scope is not (Scope.Write or Scope.Admin)), Is.Empty);
    }

    // ---- authority on a workflow ----------------------------------------------------------------

    [Test]
    public void EveryWorkflowRequest_DeclaresTheAuthorityItNeeds()
    {
        var workflowRequests = Requests.Where(t => typeof(IWorkflowRequest).IsAssignableFrom(t)).ToList();

        Assert.That(workflowRequests, Has.Count.GreaterThan(10));
        Assert.That(workflowRequests.Where(t => t.GetCustomAttribute<RequiresAuthorityAttribute>() is null), Is.Empty);
        Assert.That(workflowRequests.Where(t => t.GetCustomAttribute<RequiresAuthorityAttribute>()!.Access is < WorkflowAccess.Use or > WorkflowAccess.Admin),
            Is.Empty);
    }

    [Test]
    public void EveryRequestNamingAWorkflow_IsAWorkflowRequest_OrFiltersByAuthority()
    {
        // A workflow id on the request or in its body means the request touches that workflow:
        // its authority is checked up front, or (for lists) each row is filtered by it.
        var naming = Requests.Where(NamesAWorkflow).ToList();

        Assert.That(naming, Has.Count.GreaterThan(10));
        Assert.That(naming.Where(t => !typeof(IWorkflowRequest).IsAssignableFrom(t) && !t.IsDefined(typeof(FiltersByAuthorityAttribute))),
            Is.Empty);
    }

    [Test]
    public void AuthorityAttributes_AreOnlyOnWorkspaceRequests()
    {
        Assert.That(Requests.Where(t => (t.IsDefined(typeof(RequiresAuthorityAttribute)) || t.IsDefined(typeof(FiltersByAuthorityAttribute)))
            && !typeof(IWorkspaceRequest).IsAssignableFrom(t)), Is.Empty);
        Assert.That(Requests.Where(t => t.IsDefined(typeof(RequiresAuthorityAttribute)) && !typeof(IWorkflowRequest).IsAssignableFrom(t)),
            Is.Empty, "[RequiresAuthority] works only on an IWorkflowRequest");
    }

    [Test]
    public void TheWorkflowAggregate_LeavesAuthorityToThePipeline()
    {
        // One place for the check: the aggregate answers what someone may do, it never refuses.
        Assert.That(typeof(Workflow).GetMethods().Where(m => m.Name == "Demand"), Is.Empty);
    }

    // ---- transactions and persistence ----------------------------------------------------------

    [Test]
    public void Handlers_TakeNeitherTheDatabaseNorTransactions()
    {
        // Transactions are the transaction behaviour's; handlers see IApplicationDbContext and IWorkflowStore.
        var forbidden = new[] { typeof(DatabaseFacade), typeof(DbContext), typeof(ITransactions) };
        var handlers = Layers.ConcreteTypes(Layers.Application).Where(IsHandler).ToList();

        Assert.That(handlers, Has.Count.GreaterThan(20));
        Assert.That(handlers.SelectMany(h => h.GetConstructors().SelectMany(c => c.GetParameters()),
                (h, p) => (Handler: h.Name, Parameter: p.ParameterType))
            .Where(x => forbidden.Any(f => f.IsAssignableFrom(x.Parameter))), Is.Empty);
    }

    [Test]
    public void TheApplicationDbContext_OffersNoDatabaseFacade()
    {
        Assert.That(typeof(IApplicationDbContext).GetProperties().Where(p => p.PropertyType == typeof(DatabaseFacade)), Is.Empty);
    }

    [Test]
    public void TransactionalRequests_AreCommands()
    {
        var transactional = Requests.Where(t => t.IsDefined(typeof(TransactionalAttribute))).ToList();

        Assert.That(transactional, Is.Not.Empty);
        Assert.That(transactional.Where(t => !t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>))),
            Is.Empty);
    }

    /// <summary>
    /// Commands that write without the transaction behaviour's transaction, and why. Each write of
    /// theirs is still atomic, and no rule they check can be broken by a concurrent request in a
    /// way that leaves the data unsound; an entry goes once the reason does.
    /// </summary>
    private static readonly Dictionary<Type, string> OwnTransaction = [];

    [Test]
    public void EveryCommand_IsTransactional_OrSaysWhyNot()
    {
        // A rule checked in one statement and relied on in another holds only inside one
        // transaction (with the row lock of what it relies on, see IRowLocks): every command that
        // writes runs in one, unless it is listed above with its reason.
        var commands = Requests.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>))).ToList();

        Assert.That(commands, Has.Count.GreaterThan(15));
        Assert.That(commands.Where(t => !t.IsDefined(typeof(TransactionalAttribute)) && !OwnTransaction.ContainsKey(t)).Select(t => t.Name), Is.Empty,
            "commands that are neither [Transactional] nor exempted with a reason");
        Assert.That(OwnTransaction.Keys.Where(t => t.IsDefined(typeof(TransactionalAttribute))).Select(t => t.Name), Is.Empty,
            "exemptions that are no longer needed");
    }

    [Test]
    public void HandlersThatTakeRowLocks_HandleTransactionalRequests()
    {
        // A lock lasts as long as its transaction: outside one it would guard nothing.
        var locking = Layers.ConcreteTypes(Layers.Application).Where(IsHandler)
            .Where(h => h.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType == typeof(IRowLocks)))
            .ToList();

        Assert.That(locking, Has.Count.GreaterThan(5));
        Assert.That(locking.Where(h => !HandledRequest(h).IsDefined(typeof(TransactionalAttribute))).Select(h => h.Name), Is.Empty);
    }

    [Test]
    public void HandlersOfTransactionalRequests_TakeTheAuditTrail_AndNoOthers()
    {
        // Every write records what it changed in the audit log (the audit behaviour also fails a
        // write whose handler did not account for it); a read has nothing to record.
        var handlers = Layers.ConcreteTypes(Layers.Application).Where(IsHandler).ToList();
        bool TakesTheTrail(Type h) => h.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType == typeof(Workflows.Application.Common.Audit.AuditTrail));

        var writes = handlers.Where(h => HandledRequest(h).IsDefined(typeof(TransactionalAttribute))).ToList();
        Assert.That(writes, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(writes.Where(h => !TakesTheTrail(h)).Select(h => h.Name), Is.Empty, "writes without an audit entry");
        Assert.That(handlers.Except(writes).Where(TakesTheTrail).Select(h => h.Name), Is.Empty, "an entry outside a transaction would never be written");
    }

    private static Type HandledRequest(Type handler) => handler.GetInterfaces()
        .First(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>) || i.GetGenericTypeDefinition() == typeof(IQueryHandler<,>)))
        .GetGenericArguments()[0];

    [Test]
    public void IdempotentRequests_AreCommands()
    {
        // The idempotency behaviour claims the key and keeps the result of a write; a read has nothing to keep.
        var idempotent = Requests.Where(t => typeof(Workflows.Application.Common.Idempotency.IIdempotentCommand).IsAssignableFrom(t)).ToList();

        Assert.That(idempotent, Has.Count.EqualTo(5), "create, clone, create from a template, restore a version, create an assignment");
        Assert.That(idempotent.Where(t => !t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>))),
            Is.Empty);
    }

    private static bool NamesAWorkflow(Type request) =>
        request.GetProperty("WorkflowId") is not null
        || request.GetProperty("Body")?.PropertyType.GetProperty("WorkflowId") is not null;

    private static bool IsHandler(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>) || i.GetGenericTypeDefinition() == typeof(IQueryHandler<,>)));
}
