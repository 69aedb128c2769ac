using Workflows.Domain.Common;
using Workflows.Domain.Members;

namespace Workflows.Domain.Workflows;

/// <summary>Copies of a workflow: a clone, a workflow built from a template, a template made from a workflow.</summary>
public sealed partial class Workflow
{
    /// <summary>
    /// A complete copy owned by <paramref name="caller"/> (who needs use authority on this one, checked before): settings, access policy, every task and
    /// the transitions between them, with the start task pointing at the copy. Never archived.
    /// </summary>
    public Workflow Clone(string name, Member caller)
    {
        var copy = Create(WorkspaceId, name, caller);
        copy.Description = Description;
        copy.Prompt = Prompt;
        copy.AgentId = AgentId;
        copy.DefaultPhoneNumberId = DefaultPhoneNumberId;
        copy.DefaultInboxId = DefaultInboxId;
        copy.PosX = PosX;
        copy.PosY = PosY;
        copy._abilities = [.. _abilities];
        copy._eventRules = [.. _eventRules];
        copy._memberRoleAccess.AddRange(_memberRoleAccess.Select(a => new RoleAccess(a.Role, a.Access)));

        // Transitions are followed by id: the source is a stored workflow, so its tasks have ids.
        var copies = _tasks.ToDictionary(t => t.Id, t => new WorkflowTask(copy, t.Details));
        foreach (var original in _tasks)
        {
            var clone = copies[original.Id];
            clone.SetStart(original.IsStart);
            clone.ReplaceTransitions(original.Transitions.Select(tr => copies[tr.ToTaskId]));
            copy._tasks.Add(clone);
        }
        return copy;
    }

    /// <summary>
    /// A new workflow built from a template's blueprint: its settings, every task, the
    /// transitions between them and the start task. <paramref name="description"/> overrides the
    /// blueprint's when given.
    /// </summary>
    public static Workflow FromBlueprint(long workspaceId, string name, string? description, WorkflowBlueprint blueprint, Member owner)
    {
        var keys = blueprint.Tasks.Select(t => t.Key).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count
            || blueprint.Tasks.Any(t => t.Next.Any(n => !keys.Contains(n)))
            || blueprint.Tasks.Count(t => t.IsStart) > 1)
            throw new RuleViolationException(ErrorCodes.InvalidTemplate, "The template's tasks do not form a valid workflow.");

        var workflow = Create(workspaceId, name, owner);
        workflow.ChangeDescription(description ?? blueprint.Description);
        workflow.ChangePrompt(blueprint.Prompt);
        workflow.ReplaceAbilities(blueprint.Abilities);
        workflow.ReplaceEventRules(blueprint.EventRules);
        var tasks = blueprint.Tasks.ToDictionary(t => t.Key, t => workflow.AddTask(t.Details, [], t.IsStart), StringComparer.Ordinal);
        foreach (var task in blueprint.Tasks.Where(t => t.Next.Count > 0))
            workflow.ConnectTask(tasks[task.Key], task.Next.Select(n => tasks[n]));
        return workflow;
    }

    /// <summary>This workflow as a reusable definition (for saving it as a template).</summary>
    public WorkflowBlueprint ToBlueprint()
    {
        var keys = _tasks.Select((t, i) => (t, Key: $"task-{i + 1}")).ToDictionary(x => x.t.Id, x => x.Key);
        return new WorkflowBlueprint(
            Description,
            Prompt,
            [.. _abilities],
            [.. _eventRules],
            _tasks.Select(t => new BlueprintTask(keys[t.Id], t.Details, t.NextTaskIds.Select(id => keys[id]).ToList(), t.IsStart)).ToList());
    }
}
