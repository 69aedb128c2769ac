using System.Linq.Expressions;
using Workflows.Domain.Common;
using Workflows.Domain.Members;

namespace Workflows.Domain.Workflows;

/// <summary>
/// The workflow aggregate: its settings and lifecycle here, its task graph in
/// <c>Workflow.Tasks.cs</c>, its copies (clone, templates) in <c>Workflow.Copies.cs</c>, and who may
/// do what to it in <see cref="WorkflowAccessPolicy"/>. Every rule that can be decided from the
/// workflow itself is guarded here; rules that need the whole workspace (unique names, references
/// to other resources) and the caller's authority are checked by the application before calling in.
/// </summary>
public sealed partial class Workflow : IEntity
{
    private readonly List<WorkflowTask> _tasks = [];
    private readonly List<RoleAccess> _memberRoleAccess = [];
    private IReadOnlyList<Ability> _abilities = [];
    private IReadOnlyList<EventRule> _eventRules = [];

    // What this unit of work changed (not stored): one change moves Version on once, whatever it touches.
    private readonly List<string> _changedParts = [];

    private Workflow() { }

    public long Id { get; private set; }
    public Guid Uuid { get; private set; }
    public long WorkspaceId { get; private set; }
    public string Name { get; private set; } = null!;

    /// <summary>
    /// The name as compared for uniqueness (<see cref="Text.NameKey"/>: NFKC, case-folded, without
    /// invisible characters), kept in a unique index per workspace and used to sort by name.
    /// </summary>
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

    /// <summary>
    /// Grows by one with every change to the workflow or any of its tasks (however many fields the
    /// change touches): the concurrency token, the ETag source and the number of the version the
    /// change records in the workflow's history. A new workflow starts at 1.
    /// </summary>
    public long Version { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<WorkflowTask> Tasks => _tasks;
    public IReadOnlyList<RoleAccess> MemberRoleAccess => _memberRoleAccess;
    public IReadOnlyList<Ability> Abilities => _abilities;
    public IReadOnlyList<EventRule> EventRules => _eventRules;

    /// <summary>The task work begins at (needs the tasks loaded).</summary>
    public long? StartTaskId => _tasks.FirstOrDefault(t => t.IsStart)?.Id;

    /// <summary>The key names are compared by (<see cref="Text.NameKey"/>).</summary>
    public static string Normalize(string name) => Text.NameKey(name);

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
    /// Who may do what to this workflow (its workspace, owner and role-access entries). Requests
    /// check it before their handler runs; the aggregate's methods do not check it again.
    /// </summary>
    public WorkflowAccessPolicy AccessPolicy => new(WorkspaceId, OwnerId, _memberRoleAccess);

    /// <inheritdoc cref="WorkflowAccessPolicy.AccessFor(Member, long, long, WorkflowAccess?)"/>
    public static WorkflowAccess AccessFor(Member member, long workspaceId, long ownerId, WorkflowAccess? accessForRole) =>
        WorkflowAccessPolicy.AccessFor(member, workspaceId, ownerId, accessForRole);

    /// <summary>What <paramref name="member"/> may do to this workflow (see <see cref="WorkflowAccessPolicy"/>).</summary>
    public WorkflowAccess AccessFor(Member member) => AccessPolicy.AccessFor(member);

    /// <inheritdoc cref="WorkflowAccessPolicy.AccessibleBy"/>
    public static Expression<Func<Workflow, bool>> AccessibleBy(Member member, WorkflowAccess needed) =>
        WorkflowAccessPolicy.AccessibleBy(member, needed);

    // ---- settings ----------------------------------------------------------------------------

    public void Rename(string name)
    {
        var text = Guard.Text(name, "name", WorkflowLimits.NameMaxLength);
        if (text == Name) return;
        var key = Normalize(text);
        if (key.Length > WorkflowLimits.NameKeyMaxLength)
            throw new RuleViolationException(ErrorCodes.InvalidValue,
                "'name' is too long once its ligatures and other compatibility characters are spelled out as the letters they stand for.", "name");
        Name = text;
        NormalizedName = key;
        Touch("name");
    }

    public void ChangeDescription(string? description)
    {
        description = Guard.OptionalText(description, "description", WorkflowLimits.DescriptionMaxLength, TextKind.MultiLine);
        if (description == Description) return;
        Description = description;
        Touch("description");
    }

    public void ChangePrompt(string? prompt)
    {
        prompt = Guard.OptionalText(prompt, "prompt", WorkflowLimits.PromptMaxLength, TextKind.MultiLine);
        if (prompt == Prompt) return;
        Prompt = prompt;
        Touch("prompt");
    }

    public void MoveTo(double? posX, double? posY)
    {
        if (posX == PosX && posY == PosY) return;
        PosX = posX;
        PosY = posY;
        Touch("position");
    }

    public void AssignAgent(Member? agent)
    {
        if (agent is not null && (!agent.IsAgent || agent.WorkspaceId != WorkspaceId))
            throw new InvalidReferenceException("agentId", "'agentId' must name an agent member of this workspace.");
        if (agent?.Id == AgentId) return;
        AgentId = agent?.Id;
        Touch("agent");
    }

    /// <summary>Hands the workflow to another person or daemon of the workspace (admin authority, checked before).</summary>
    public void TransferOwnership(Member newOwner)
    {
        if (newOwner.Id == OwnerId) return;
        if (newOwner.WorkspaceId != WorkspaceId || newOwner.IsAgent)
            throw new InvalidReferenceException("ownerId", "'ownerId' must name a person or daemon member of this workspace.");
        OwnerId = newOwner.Id;
        Touch("owner");
    }

    /// <summary>Names the workspace phone number calls start from; the caller checks it belongs to the workspace.</summary>
    public void SetDefaultPhoneNumber(long? phoneNumberId)
    {
        if (phoneNumberId == DefaultPhoneNumberId) return;
        DefaultPhoneNumberId = phoneNumberId;
        Touch("default phone number");
    }

    /// <summary>Names the workspace inbox mail starts from; the caller checks it belongs to the workspace.</summary>
    public void SetDefaultInbox(long? inboxId)
    {
        if (inboxId == DefaultInboxId) return;
        DefaultInboxId = inboxId;
        Touch("default inbox");
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
        Touch("start task");
    }

    public void ReplaceAbilities(IEnumerable<Ability> abilities)
    {
        var list = abilities.ToList();
        if (list.Count > WorkflowLimits.MaxAbilities)
            throw new RuleViolationException(ErrorCodes.InvalidValue, $"A workflow can have at most {WorkflowLimits.MaxAbilities} abilities.", "abilities");
        if (SameItems(list, _abilities, (x, y) => x.Type == y.Type && x.Enabled == y.Enabled && SameJson(x.Settings, y.Settings))) return;
        _abilities = list;
        Touch("abilities");
    }

    public void ReplaceEventRules(IEnumerable<EventRule> eventRules)
    {
        var list = eventRules.ToList();
        if (list.Count > WorkflowLimits.MaxEventRules)
            throw new RuleViolationException(ErrorCodes.InvalidValue, $"A workflow can have at most {WorkflowLimits.MaxEventRules} event rules.", "eventRules");
        if (SameItems(list, _eventRules, (x, y) => x.Event == y.Event && x.Condition == y.Condition && x.Action == y.Action && SameJson(x.Settings, y.Settings))) return;
        _eventRules = list;
        Touch("event rules");
    }

    /// <summary>Replaces who else may use the workflow (a change needs admin authority, checked before).</summary>
    public void ReplaceMemberRoleAccess(IEnumerable<RoleAccess> entries)
    {
        var list = entries.ToList();
        // Validated before the "unchanged" shortcut: with a role repeated, a list can match the
        // policy entry for entry without being the same policy.
        if (list.Any(e => !Enum.IsDefined(e.Role) || e.Access is < WorkflowAccess.Use or > WorkflowAccess.Admin))
            throw new RuleViolationException(ErrorCodes.InvalidValue, "Each entry needs a role (admin, member, guest) and an access (use, edit, delete, admin).", "memberRoleAccess");
        if (list.GroupBy(e => e.Role).Any(g => g.Count() > 1))
            throw new RuleViolationException(ErrorCodes.InvalidValue, "Each role may appear only once in 'memberRoleAccess'.", "memberRoleAccess");
        if (AccessPolicy.HasSameEntries(list)) return;
        _memberRoleAccess.Clear();
        _memberRoleAccess.AddRange(list);
        Touch("role access");
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /// <summary>Hides the workflow from the default list and refuses new assignments. Idempotent.</summary>
    public void Archive()
    {
        if (IsArchived) return;
        IsArchived = true;
        Touch("archived");
    }

    /// <summary>Idempotent.</summary>
    public void Unarchive()
    {
        if (!IsArchived) return;
        IsArchived = false;
        Touch("archived");
    }

    /// <summary>Archived workflows take no new assignments.</summary>
    public void EnsureCanTakeAssignments()
    {
        if (IsArchived) throw new WorkflowArchivedException();
    }

    /// <summary>
    /// Guards a deletion: a workflow with tasks goes only with <paramref name="cascade"/>. The
    /// tasks are counted by the caller so that a deletion never has to load them.
    /// </summary>
    public void EnsureCanBeDeleted(int taskCount, bool cascade)
    {
        if (taskCount > 0 && !cascade) throw new WorkflowHasTasksException(taskCount);
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

    /// <summary>
    /// What this unit of work (the aggregate as loaded or created) has changed so far, in the
    /// words a version's summary uses ("name", "prompt", "tasks"…); empty when nothing changed.
    /// </summary>
    public IReadOnlyList<string> ChangedParts() => _changedParts;

    /// <summary>
    /// Ends the unit of work once its change is saved (and its version recorded): the next change
    /// is another version. A workflow loaded for a request starts a unit of work of its own.
    /// </summary>
    public void ChangeSaved() => _changedParts.Clear();

    /// <summary>Whether this unit of work changed anything (and so moved <see cref="Version"/> on by one).</summary>
    public bool HasChanged => _changedParts.Count > 0;

    /// <summary>
    /// Moves the version on by one for the whole unit of work, however many changes it makes, so
    /// that one request is one version (and one ETag) of the workflow.
    /// </summary>
    private void Touch(string part)
    {
        if (_changedParts.Count == 0) Version++;
        if (!_changedParts.Contains(part)) _changedParts.Add(part);
    }
}
