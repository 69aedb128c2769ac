namespace Workflows.Bench.Seeding;

/// <summary>How much to seed: the real volume, or a small one for the smoke run.</summary>
public sealed record Volume(
    int BigWorkflows,
    int TasksPerWorkflow,
    int OtherWorkspaces,
    int OtherWorkflows,
    int Assignments,
    int ListWorkflows,
    int[] ListPages,
    int MillionWorkflows,
    int MillionTasksEach,
    int[] GetSizes,
    int[] CloneSizes,
    int[] DeleteSizes,
    int Repetitions)
{
    public static readonly Volume Full = new(
        BigWorkflows: 10_000, TasksPerWorkflow: 20, OtherWorkspaces: 9, OtherWorkflows: 500, Assignments: 50_000,
        ListWorkflows: 52_000, ListPages: [1, 100, 1_000], MillionWorkflows: 1_000, MillionTasksEach: 1_000,
        GetSizes: [1, 20, 200, 1_000], CloneSizes: [1, 10, 100, 1_000], DeleteSizes: [10, 100, 1_000], Repetitions: 7);

    public static readonly Volume Smoke = new(
        BigWorkflows: 300, TasksPerWorkflow: 20, OtherWorkspaces: 2, OtherWorkflows: 20, Assignments: 1_000,
        ListWorkflows: 1_100, ListPages: [1, 10, 20], MillionWorkflows: 20, MillionTasksEach: 100,
        GetSizes: [1, 20, 200], CloneSizes: [1, 10, 100], DeleteSizes: [10, 100], Repetitions: 2);

    public long MillionTasks => (long)MillionWorkflows * MillionTasksEach;
}

/// <summary>The two callers every token is minted for: present in every seeded workspace.</summary>
public static class Callers
{
    /// <summary>A workspace admin (writes, deletion previews).</summary>
    public const string AdminOid = "be4c0000-0000-4000-8000-00000000ad01";

    /// <summary>A plain member (reads): the list runs its access filter for them.</summary>
    public const string MemberOid = "be4c0000-0000-4000-8000-00000000ee02";
}

/// <summary>What the wrk runs need to know about the main database.</summary>
public sealed record MainData(Guid Workspace, long WorkspaceId, long MemberId, IReadOnlyList<long> Workflows, long Sample, long RichSample);

/// <summary>What the in-process scaling curves need to know about their database.</summary>
public sealed record ScalingData(
    Guid Workspace,
    IReadOnlyDictionary<int, long> Sized,
    IReadOnlyDictionary<int, List<long>> DeleteTargets,
    Guid ListWorkspace,
    long ListWorkspaceId,
    long ListMemberId,
    Guid SmallWorkspace,
    long SmallWorkflow,
    long MillionWorkspaceId,
    long MillionOwnerId);

public static class Datasets
{
    /// <summary>
    /// The database the service and the baselines are loaded with: one big workspace (100 members,
    /// <see cref="Volume.BigWorkflows"/> workflows of <see cref="Volume.TasksPerWorkflow"/> tasks, phone
    /// numbers, inboxes, access policies, assignments) and smaller ones beside it.
    /// </summary>
    public static async Task<MainData> SeedMainAsync(string path, Volume volume)
    {
        using var seed = await Seeder.OpenAsync(path, fresh: true);
        var big = SeedWorkspace(seed, Guid.Parse("be4c0000-0000-4000-8000-0000000b1600"), "Acme Support", volume.BigWorkflows, volume.TasksPerWorkflow, 100);
        seed.Commit();

        var random = new Random(7);
        var open = big.Workflows.Where((_, i) => !IsArchived(i)).ToList();
        for (var i = 0; i < volume.Assignments; i++)
            seed.AddAssignment(big.WorkspaceId, open[random.Next(open.Count)], big.Members[random.Next(big.Members.Count)]);
        seed.Commit();

        for (var w = 0; w < volume.OtherWorkspaces; w++)
        {
            SeedWorkspace(seed, Guid.NewGuid(), $"Team {w + 1}", volume.OtherWorkflows, 5, 10);
            seed.Commit();
        }

        var rich = big.Workflows.Select((wf, i) => (wf, i)).First(x => x.i % 10 == 0 && x.i % 3 == 0 && x.i % 5 == 0 && !IsArchived(x.i)).wf;
        return new MainData(big.Uuid, big.WorkspaceId, big.MemberCallerId, big.Workflows.Select(w => w.Id).ToList(), big.Workflows[1].Id, rich.Id);
    }

    /// <summary>
    /// The database of the scaling curves: workflows of each size, cascade-delete targets, a list of
    /// <see cref="Volume.ListWorkflows"/> workflows, a small workspace, and an empty one that is filled
    /// with <see cref="Volume.MillionTasks"/> tasks later (<see cref="AddMillionAsync"/>).
    /// </summary>
    public static async Task<ScalingData> SeedScalingAsync(string path, Volume volume)
    {
        using var seed = await Seeder.OpenAsync(path, fresh: true);

        var scaling = SeedWorkspace(seed, Guid.NewGuid(), "Scaling", 0, 0, 10);
        var sizes = volume.GetSizes.Concat(volume.CloneSizes).Distinct().Order().ToList();
        var sized = sizes.ToDictionary(n => n, n => seed.AddWorkflow(
            new Seeder.WorkflowSpec(scaling.WorkspaceId, $"Sized {n}", scaling.AdminCallerId, Description: "A workflow of a known size."), n).Id);
        var deletes = volume.DeleteSizes.ToDictionary(n => n, n => Enumerable.Range(0, volume.Repetitions + 1)
            .Select(r => seed.AddWorkflow(new Seeder.WorkflowSpec(scaling.WorkspaceId, $"Delete {n} #{r}", scaling.AdminCallerId), n).Id).ToList());
        seed.Commit();

        var list = SeedWorkspace(seed, Guid.NewGuid(), "Listing", volume.ListWorkflows, 2, 100);
        seed.Commit();

        var small = SeedWorkspace(seed, Guid.NewGuid(), "Small team", 20, 20, 10);
        var million = SeedWorkspace(seed, Guid.NewGuid(), "Enterprise", 0, 0, 10);
        return new ScalingData(scaling.Uuid, sized, deletes, list.Uuid, list.WorkspaceId, list.MemberCallerId,
            small.Uuid, small.Workflows[3].Id, million.WorkspaceId, million.AdminCallerId);
    }

    /// <summary>Fills the other workspace with <see cref="Volume.MillionTasks"/> tasks and their transitions.</summary>
    public static async Task AddMillionAsync(string path, Volume volume, ScalingData data)
    {
        using (var seed = await Seeder.OpenAsync(path, fresh: false))
        {
            for (var i = 0; i < volume.MillionWorkflows; i++)
            {
                seed.AddWorkflow(new Seeder.WorkflowSpec(data.MillionWorkspaceId, $"Enterprise flow {i + 1}", data.MillionOwnerId), volume.MillionTasksEach);
                if (i % 100 == 99) seed.Commit();
            }
        }

        // Measure the data's size, not the moment after a bulk load: fold the write-ahead log
        // into the database (as SQLite does over time) before the GET is measured again.
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync();
    }

    private sealed record SeededWorkspace(
        Guid Uuid, long WorkspaceId, long AdminCallerId, long MemberCallerId, List<long> Members, List<Seeder.SeededWorkflow> Workflows);

    private static bool IsArchived(int i) => i % 40 == 39;

    /// <summary>
    /// A workspace with <paramref name="members"/> members (the two callers among them; admins,
    /// members, guests, daemons and agents), three phone numbers and inboxes, and workflows owned
    /// across the members: every second one run by an agent, every tenth open to members for edit,
    /// every seventh to guests for use, every fortieth archived, some with abilities and event rules.
    /// </summary>
    private static SeededWorkspace SeedWorkspace(Seeder seed, Guid uuid, string name, int workflows, int tasks, int members)
    {
        var ws = seed.AddWorkspace(uuid, name);
        var adminCaller = seed.AddMember(ws, "Person", "Bench Admin", Callers.AdminOid, "Admin");
        var memberCaller = seed.AddMember(ws, "Person", "Bench Member", Callers.MemberOid, "Member");
        var owners = new List<long> { adminCaller, memberCaller };
        var agents = new List<long>();
        var all = new List<long> { adminCaller, memberCaller };
        for (var m = 2; m < members; m++)
        {
            var slot = m % 20;
            var (kind, role) = slot switch
            {
                0 => ("Person", "Admin"),
                17 => ("Person", "Guest"),
                18 => ("Daemon", "Member"),
                19 => ("Agent", "Member"),
                _ => ("Person", "Member"),
            };
            var id = seed.AddMember(ws, kind, $"{kind} {m}", kind == "Agent" ? null : $"{uuid:N}-{m}", role);
            all.Add(id);
            if (kind == "Agent") agents.Add(id);
            else if (role != "Guest") owners.Add(id);
        }
        if (agents.Count == 0) agents.Add(seed.AddMember(ws, "Agent", "Triage bot", null, "Member"));

        var phones = Enumerable.Range(0, 3).Select(i => seed.AddPhoneNumber(ws, $"+4420790000{ws % 100:00}{i:00}")).ToList();
        var inboxes = Enumerable.Range(0, 3).Select(i => seed.AddInbox(ws, $"support{i}@ws{ws}.example.com")).ToList();

        var seeded = new List<Seeder.SeededWorkflow>(workflows);
        for (var i = 0; i < workflows; i++)
        {
            var workflow = seed.AddWorkflow(new Seeder.WorkflowSpec(
                ws, $"{Topics[i % Topics.Length]} {i + 1}", owners[i % owners.Count],
                AgentId: i % 2 == 0 ? agents[i % agents.Count] : null,
                PhoneNumberId: i % 4 == 0 ? phones[i % phones.Count] : null,
                InboxId: i % 6 == 0 ? inboxes[i % inboxes.Count] : null,
                Archived: IsArchived(i),
                Abilities: i % 3 == 0,
                EventRules: i % 5 == 0,
                Description: i % 4 == 3 ? null : $"Handles {Topics[i % Topics.Length].ToLowerInvariant()} requests for region {i % 12 + 1}.",
                Prompt: i % 2 == 0 ? "Greet the customer, find the case, and follow the steps in order. Hand over to a person when unsure." : null),
                tasks);
            if (i % 10 == 0) seed.AddRoleAccess(workflow.Id, "Member", 2);
            if (i % 7 == 0) seed.AddRoleAccess(workflow.Id, "Guest", 1);
            seeded.Add(workflow);
        }
        return new SeededWorkspace(uuid, ws, adminCaller, memberCaller, all, seeded);
    }

    private static readonly string[] Topics =
        ["Refund request", "Invoice approval", "Employee onboarding", "Password reset", "Order tracking", "Warranty claim", "Address change", "Escalation"];
}
