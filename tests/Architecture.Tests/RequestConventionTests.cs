using System.Reflection;
using Mediator;
using Workflows.Application.Workflows.Commands.CreateWorkflow;
using Workflows.Application.Workspaces.Commands.CreateWorkspace;

namespace Workflows.Application.UnitTests.Common;

/// <summary>
/// The authorization behaviour trusts attributes and interfaces; these conventions make sure every
/// request declares them, so a new request cannot slip past the gates.
/// </summary>
public sealed class RequestConventionTests
{
    private static readonly Type[] Requests = [.. typeof(DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
        .OrderBy(t => t.FullName)];

    [Test]
    public void Requests_AreFound()
    {
        // Guards the other conventions against passing on an empty list.
        Assert.That(Requests, Does.Contain(typeof(CreateWorkflowCommand)).And.Contain(typeof(CreateWorkspaceCommand)));
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
        Assert.That(typeof(Workflows.Commands.DeleteWorkflow.DeleteWorkflowCommand).GetCustomAttribute<RequiresScopeAttribute>()!.Scope,
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
}
