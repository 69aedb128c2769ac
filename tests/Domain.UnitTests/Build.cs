using System.Reflection;

namespace Workflows.Domain.UnitTests;

/// <summary>
/// Builders for the aggregate's tests. Ids are assigned by the database in production; here they
/// are set by reflection, in this file only, wherever a rule follows ids (owner, tasks, transitions).
/// </summary>
internal static class Build
{
    public const long WorkspaceId = 1;
    public const long OtherWorkspaceId = 2;

    private static long _nextId = 1_000;

    public static long NextId() => Interlocked.Increment(ref _nextId);

    public static T WithId<T>(T entity, long id) where T : class
    {
        var property = typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no Id.");
        property.SetValue(entity, id);
        return entity;
    }

    public static Member Member(MemberRole role, long workspaceId = WorkspaceId, MemberKind kind = MemberKind.Person)
    {
        var objectId = kind == MemberKind.Agent ? null : Guid.NewGuid().ToString();
        return WithId(Domain.Members.Member.Create(workspaceId, kind, $"{kind} {role}", objectId, role), NextId());
    }

    public static Member Agent(long workspaceId = WorkspaceId) => Member(MemberRole.Member, workspaceId, MemberKind.Agent);

    public static Workflow Workflow(Member owner, string name = "Onboarding") =>
        WithId(Domain.Workflows.Workflow.Create(owner.WorkspaceId, name, owner), NextId());

    /// <summary>A workflow owned by a workspace admin that nobody else in these tests is.</summary>
    public static Workflow Workflow(string name = "Onboarding") => Workflow(Member(MemberRole.Admin), name);

    public static TaskDetails Details(string name) => new(name, $"{name} description", $"{name} prompt", 10, 20);

    /// <summary>Adds a task and gives it an id, as saving it would.</summary>
    public static WorkflowTask Task(Workflow workflow, string name, params long[] nextTaskIds) =>
        WithId(workflow.AddTask(Details(name), nextTaskIds), NextId());

    public static Workflow WithPolicy(this Workflow workflow, params RoleAccess[] entries)
    {
        workflow.ReplaceMemberRoleAccess(entries);
        return workflow;
    }

    public static string Text(int length) => new('x', length);
}
