using System.Linq.Expressions;
using Workflows.Domain.Common;
using Workflows.Domain.Members;

namespace Workflows.Domain.Workflows;

/// <summary>
/// The workflow aggregate: its settings, its access policy and its tasks. Every rule that can be
/// decided from the workflow itself is guarded here; rules that need the whole workspace (unique
/// names, references to other resources) are checked by the application before calling in.
/// </summary>
public sealed class Workflow : IEntity
{
    private readonly List<WorkflowTask> _tasks = [];
    private readonly List<RoleAccess> _memberRoleAccess = [];
    private IReadOnlyList<Ability> _abilities = [];
    private IReadOnlyList<EventRule> _eventRules = [];

    private Workflow() { }

    public long Id { get; private set; }
    public Guid Uuid { get; private set; }
    public long WorkspaceId { get; private set; }
    public string Name { get; private set; } = null!;

    /// <summary>The name as compared for uniqueness (case-insensitive), kept in a unique index.</summary>
    public string NormalizedName { get; private set; } = null!;

    public string? Description { get; private set; }
    public string? Prompt { get; private set; }
    public long OwnerId { get; private set; }
    public long? AgentId { get; private set; }
    public long? DefaultPhoneNumberId { get; private set; }
    public long? DefaultInboxId { get; private set; }
    public double? PosX { get; private set; }
    public double? PosY { get; private set; }
    public bool IsArchived { get; private set; }

    /// <summary>Grows with every change to the workflow or any of its tasks: the concurrency token and ETag source.</summary>
    public long Version { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<WorkflowTask> Tasks => _tasks;
    public IReadOnlyList<RoleAccess> MemberRoleAccess => _memberRoleAccess;
    public IReadOnlyList<Ability> Abilities => _abilities;
    public IReadOnlyList<EventRule> EventRules => _eventRules;

    /// <summary>The task work begins at (needs the tasks loaded).</summary>
    public long? StartTaskId => _tasks.FirstOrDefault(t => t.IsStart)?.Id;

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    public static Workflow Create(long workspaceId, string name, Member owner)
    {
        EnsureCanCreate(owner, workspaceId);
        var workflow = new Workflow
        {
            Uuid = Guid.NewGuid(),
            WorkspaceId = workspaceId,
            OwnerId = owner.Id,
        };
        workflow.Rename(name);
        return workflow;
    }

    // ---- authority ---------------------------------------------------------------------------

    /// <summary>
    /// What <paramref name="member"/> may do to this workflow: the owner and workspace admins have
    /// admin; otherwise the policy's entry for the member's role, or the role's default.
    /// </summary>
    public WorkflowAccess AccessFor(Member member) =>
        AccessFor(member, WorkspaceId, OwnerId, _memberRoleAccess.FirstOrDefault(a => a.Role == member.Role)?.Access);

    /// <summary>
    /// The same rule from the columns it needs (for lists read without whole aggregates):
    /// <paramref name="accessForRole"/> is the policy's entry for the member's role, if any.
    /// </summary>
    public static WorkflowAccess AccessFor(Member member, long workspaceId, long ownerId, WorkflowAccess? accessForRole)
    {
        if (member.WorkspaceId != workspaceId) return WorkflowAccess.None;
        if (member.Id == ownerId || member.IsWorkspaceAdmin) return WorkflowAccess.Admin;
        return accessForRole ?? member.DefaultWorkflowAccess;
    }

    /// <summary>
    /// The same rule as <see cref="AccessFor"/>, as a query filter: the workflows on which
    /// <paramref name="member"/> has at least <paramref name="needed"/>.
    /// </summary>
    public static Expression<Func<Workflow, bool>> AccessibleBy(Member member, WorkflowAccess needed)
    {
        var memberId = member.Id;
        var workspaceId = member.WorkspaceId;
        var role = member.Role;
        if (member.IsWorkspaceAdmin)
            return w => w.WorkspaceId == workspaceId;
        var defaultSuffices = member.DefaultWorkflowAccess >= needed;
        return w => w.WorkspaceId == workspaceId
            && (w.OwnerId == memberId
                || w.MemberRoleAccess.Any(a => a.Role == role && a.Access >= needed)
                || (defaultSuffices && !w.MemberRoleAccess.Any(a => a.Role == role)));
    }

    public void Demand(Member member, WorkflowAccess needed)
    {
        if (AccessFor(member) < needed) throw new WorkflowAccessDeniedException(needed);
    }

    // ---- settings ----------------------------------------------------------------------------

    public void Rename(string name)
    {
        var trimmed = Guard.Text(name, "name", WorkflowLimits.NameMaxLength);
        if (trimmed == Name) return;
        Name = trimmed;
        NormalizedName = Normalize(trimmed);
        Touch();
    }

    public void ChangeDescription(string? description)
    {
        description = Guard.OptionalText(description, "description", WorkflowLimits.DescriptionMaxLength);
        if (description == Description) return;
        Description = description;
        Touch();
    }

    public void ChangePrompt(string? prompt)
    {
        prompt = Guard.OptionalText(prompt, "prompt", WorkflowLimits.PromptMaxLength);
        if (prompt == Prompt) return;
        Prompt = prompt;
        Touch();
    }

    public void MoveTo(double? posX, double? posY)
    {
        if (posX == PosX && posY == PosY) return;
        PosX = posX;
        PosY = posY;
        Touch();
    }

    public void AssignAgent(Member? agent)
    {
        if (agent is not null && (!agent.IsAgent || agent.WorkspaceId != WorkspaceId))
            throw new InvalidReferenceException("agentId", "'agentId' must name an agent member of this workspace.");
        if (agent?.Id == AgentId) return;
        AgentId = agent?.Id;
        Touch();
    }

    public void TransferOwnership(Member newOwner, Member actor)
    {
        if (newOwner.Id == OwnerId) return; // unchanged: no admin authority needed
        Demand(actor, WorkflowAccess.Admin);
        if (newOwner.WorkspaceId != WorkspaceId || newOwner.IsAgent)
            throw new InvalidReferenceException("ownerId", "'ownerId' must name a person or daemon member of this workspace.");
        OwnerId = newOwner.Id;
        Touch();
    }

    /// <summary>Names the workspace phone number calls start from; the caller checks it belongs to the workspace.</summary>
    public void SetDefaultPhoneNumber(long? phoneNumberId)
    {
        if (phoneNumberId == DefaultPhoneNumberId) return;
        DefaultPhoneNumberId = phoneNumberId;
        Touch();
    }

    /// <summary>Names the workspace inbox mail starts from; the caller checks it belongs to the workspace.</summary>
    public void SetDefaultInbox(long? inboxId)
    {
        if (inboxId == DefaultInboxId) return;
        DefaultInboxId = inboxId;
        Touch();
    }

    public void SetStartTask(long? taskId)
    {
        WorkflowTask? start = null;
        if (taskId is { } id)
        {
            start = _tasks.FirstOrDefault(t => t.Id == id)
                ?? throw new InvalidReferenceException("startTaskId", "'startTaskId' must name a task of this workflow.");
        }
        if (ReferenceEquals(start, _tasks.FirstOrDefault(t => t.IsStart))) return;
        foreach (var task in _tasks) task.SetStart(ReferenceEquals(task, start));
        Touch();
    }

    public void ReplaceAbilities(IEnumerable<Ability> abilities)
    {
        var list = abilities.ToList();
        if (list.Count > WorkflowLimits.MaxAbilities)
            throw new RuleViolationException("invalid_value", $"A workflow can have at most {WorkflowLimits.MaxAbilities} abilities.", "abilities");
        if (SameItems(list, _abilities, (x, y) => x.Type == y.Type && x.Enabled == y.Enabled && SameJson(x.Settings, y.Settings))) return;
        _abilities = list;
        Touch();
    }

    public void ReplaceEventRules(IEnumerable<EventRule> eventRules)
    {
        var list = eventRules.ToList();
        if (list.Count > WorkflowLimits.MaxEventRules)
            throw new RuleViolationException("invalid_value", $"A workflow can have at most {WorkflowLimits.MaxEventRules} event rules.", "eventRules");
        if (SameItems(list, _eventRules, (x, y) => x.Event == y.Event && x.Condition == y.Condition && x.Action == y.Action && SameJson(x.Settings, y.Settings))) return;
        _eventRules = list;
        Touch();
    }

    /// <summary>Only someone with admin authority on the workflow may change who else can use it.</summary>
    public void ReplaceMemberRoleAccess(IEnumerable<RoleAccess> entries, Member actor)
    {
        var list = entries.ToList();
        // Validated before the "unchanged" shortcut: with a role repeated, a list can match the
        // policy entry for entry without being the same policy.
        if (list.Any(e => !Enum.IsDefined(e.Role) || e.Access is < WorkflowAccess.Use or > WorkflowAccess.Admin))
            throw new RuleViolationException("invalid_value", "Each entry needs a role (admin, member, guest) and an access (use, edit, delete, admin).", "memberRoleAccess");
        if (list.GroupBy(e => e.Role).Any(g => g.Count() > 1))
            throw new RuleViolationException("invalid_value", "Each role may appear only once in 'memberRoleAccess'.", "memberRoleAccess");
        var unchanged = list.Count == _memberRoleAccess.Count
            && list.All(e => _memberRoleAccess.Any(a => a.Role == e.Role && a.Access == e.Access));
        if (unchanged) return; // a GET body sent back as it is needs no admin authority
        Demand(actor, WorkflowAccess.Admin);
        _memberRoleAccess.Clear();
        _memberRoleAccess.AddRange(list);
        Touch();
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /// <summary>Hides the workflow from the default list and refuses new assignments. Idempotent.</summary>
    public void Archive()
    {
        if (IsArchived) return;
        IsArchived = true;
        Touch();
    }

    /// <summary>Idempotent.</summary>
    public void Unarchive()
    {
        if (!IsArchived) return;
        IsArchived = false;
        Touch();
    }

    /// <summary>Archived workflows take no new assignments.</summary>
    public void EnsureCanTakeAssignments()
    {
        if (IsArchived) throw new WorkflowArchivedException();
    }

    /// <summary>
    /// Guards a deletion: the actor needs delete authority, and a workflow with tasks goes only
    /// with <paramref name="cascade"/>. The tasks are counted by the caller so that a deletion
    /// never has to load them.
    /// </summary>
    public void EnsureCanBeDeleted(Member actor, int taskCount, bool cascade)
    {
        Demand(actor, WorkflowAccess.Delete);
        if (taskCount > 0 && !cascade) throw new WorkflowHasTasksException(taskCount);
    }

    /// <summary>
    /// A complete copy owned by <paramref name="caller"/>: settings, access policy, every task and
    /// the transitions between them, with the start task pointing at the copy. Never archived.
    /// </summary>
    public Workflow Clone(string name, Member caller)
    {
        Demand(caller, WorkflowAccess.Use);
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
            throw new RuleViolationException("invalid_template", "The template's tasks do not form a valid workflow.");

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

    // ---- tasks -------------------------------------------------------------------------------

    public WorkflowTask? FindTask(long taskId) => _tasks.FirstOrDefault(t => t.Id == taskId);

    public WorkflowTask AddTask(TaskDetails details, IReadOnlyCollection<long> nextTaskIds)
    {
        if (_tasks.Count >= WorkflowLimits.MaxTasks) throw new TooManyTasksException();
        var next = ResolveTasks(nextTaskIds);
        var task = new WorkflowTask(this, details);
        task.ReplaceTransitions(next);
        _tasks.Add(task);
        Touch();
        return task;
    }

    /// <summary>Adds a task whose transitions point at tasks that may not have ids yet (templates).</summary>
    public WorkflowTask AddTask(TaskDetails details, IEnumerable<WorkflowTask> next, bool isStart = false)
    {
        if (_tasks.Count >= WorkflowLimits.MaxTasks) throw new TooManyTasksException();
        var targets = next.ToList();
        if (targets.Any(t => !_tasks.Contains(t)))
            throw new InvalidReferenceException("nextTaskIds", "Transitions may only point at tasks of the same workflow.");
        var task = new WorkflowTask(this, details);
        task.ReplaceTransitions(targets);
        if (isStart)
        {
            foreach (var other in _tasks) other.SetStart(false);
            task.SetStart(true);
        }
        _tasks.Add(task);
        Touch();
        return task;
    }

    /// <summary>Links an existing task on to further tasks (templates build their graph this way).</summary>
    public void ConnectTask(WorkflowTask task, IEnumerable<WorkflowTask> next)
    {
        var targets = next.ToList();
        if (!_tasks.Contains(task) || targets.Any(t => !_tasks.Contains(t)))
            throw new InvalidReferenceException("nextTaskIds", "Transitions may only point at tasks of the same workflow.");
        task.ReplaceTransitions(targets);
        Touch();
    }

    /// <summary>Changes a task; <paramref name="nextTaskIds"/> null leaves its transitions as they are.</summary>
    public WorkflowTask UpdateTask(long taskId, TaskDetails details, IReadOnlyCollection<long>? nextTaskIds)
    {
        var task = FindTask(taskId) ?? throw new InvalidOperationException($"Task {taskId} is not part of workflow {Id}.");
        var next = nextTaskIds is null ? null : ResolveTasks(nextTaskIds);
        var before = task.Version;
        task.Apply(details);
        if (next is not null) task.ReplaceTransitions(next);
        if (task.Version != before) Touch();
        return task;
    }

    /// <summary>Removes a task and every transition that led to it; if it was the start, there is none now.</summary>
    public void RemoveTask(long taskId)
    {
        var task = FindTask(taskId) ?? throw new InvalidOperationException($"Task {taskId} is not part of workflow {Id}.");
        foreach (var other in _tasks) other.RemoveTransitionsTo(task);
        _tasks.Remove(task);
        Touch();
    }

    private List<WorkflowTask> ResolveTasks(IReadOnlyCollection<long> ids)
    {
        var found = new List<WorkflowTask>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            found.Add(FindTask(id) ?? throw new InvalidReferenceException(
                "nextTaskIds", $"Task {id} is not a task of this workflow."));
        }
        return found;
    }

    private static void EnsureCanCreate(Member owner, long workspaceId)
    {
        if (owner.WorkspaceId != workspaceId || !owner.CanCreateWorkflows)
            throw new AccessDeniedException("Creating workflows needs the workspace role 'member' or 'admin'.");
    }

    private static bool SameItems<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, Func<T, T, bool> same) =>
        a.Count == b.Count && a.Zip(b).All(pair => same(pair.First, pair.Second));

    private static bool SameJson(System.Text.Json.JsonElement? a, System.Text.Json.JsonElement? b) =>
        a is null || b is null ? a is null && b is null : System.Text.Json.JsonElement.DeepEquals(a.Value, b.Value);

    private void Touch() => Version++;
}
