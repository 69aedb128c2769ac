using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Domain.Resources;
using Workflows.Domain.Workflows;
using Workflows.Infrastructure.Data;

namespace Workflows.Bench.Seeding;

/// <summary>
/// Fills a SQLite file with rows the service itself would have written: the schema comes from the
/// service's own migrations, then plain prepared INSERTs in one transaction (ids assigned here).
/// Stored forms follow the EF model: GUIDs as upper-case text, timestamps as
/// <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> UTC text, enums as their names, NormalizedName and
/// AddressKey as the Domain computes them, abilities and event rules as camelCase JSON.
/// </summary>
public sealed class Seeder : IDisposable
{
    public const string Ability = """[{"type":"voice","enabled":true,"settings":{"language":"en-GB","speed":1.1}}]""";
    public const string EventRule = """[{"event":"task.completed","condition":null,"action":"notify","settings":null}]""";

    private static readonly DateTime Epoch = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    private readonly SqliteConnection _connection;
    private SqliteTransaction _transaction;
    private readonly Dictionary<string, SqliteCommand> _commands = [];
    private readonly Random _random;
    private long _workspaceId, _memberId, _workflowId, _taskId, _assignmentId, _accessId, _phoneId, _inboxId;
    private long _clock;

    private Seeder(SqliteConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        _workspaceId = Max("Workspaces");
        _memberId = Max("Members");
        _workflowId = Max("Workflows");
        _taskId = Max("Tasks");
        _assignmentId = Max("Assignments");
        _accessId = Max("WorkflowRoleAccess");
        _phoneId = Max("PhoneNumbers");
        _inboxId = Max("Inboxes");
        _clock = _workflowId * 1000 + _taskId;
        // Deterministic, and different each time rows are added to a file that already has some.
        _random = new Random(unchecked(20261203 + (int)_clock));
    }

    /// <summary>Creates (or reopens) the file and brings it to the service's latest migration.</summary>
    public static async Task<Seeder> OpenAsync(string path, bool fresh)
    {
        if (fresh)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(path + suffix)) File.Delete(path + suffix);
            }
        }
        var connectionString = $"Data Source={path}";
        var options = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite(connectionString).Options;
        await using (var db = new SqliteWorkflowsDbContext(options))
        {
            await db.Database.MigrateAsync();
            // The rows written here already carry their keys: the data step has nothing to do.
            await db.Database.ExecuteSqlAsync($"DELETE FROM PendingDataSteps WHERE Name = {TextKeyRefresh.Marker}");
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var connection = new SqliteConnection(connectionString + ";Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            pragma.ExecuteNonQuery();
        }
        return new Seeder(connection);
    }

    public long AddWorkspace(Guid uuid, string name) =>
        Insert("INSERT INTO Workspaces (Id, Uuid, Name, CreatedAt) VALUES ($0, $1, $2, $3)",
            ++_workspaceId, Text(uuid), name, Stamp());

    public long AddMember(long workspaceId, string kind, string displayName, string? objectId, string role) =>
        Insert("INSERT INTO Members (Id, WorkspaceId, Kind, DisplayName, ObjectId, Role, CreatedAt) VALUES ($0, $1, $2, $3, $4, $5, $6)",
            ++_memberId, workspaceId, kind, displayName, objectId, role, Stamp());

    public long AddPhoneNumber(long workspaceId, string number) =>
        Insert("INSERT INTO PhoneNumbers (Id, WorkspaceId, Number, Label, CreatedAt) VALUES ($0, $1, $2, $3, $4)",
            ++_phoneId, workspaceId, number, "Line " + number[^2..], Stamp());

    public long AddInbox(long workspaceId, string address) =>
        Insert("INSERT INTO Inboxes (Id, WorkspaceId, Address, AddressKey, Label, CreatedAt) VALUES ($0, $1, $2, $3, $4, $5)",
            ++_inboxId, workspaceId, address, Inbox.KeyOf(address), null, Stamp());

    public sealed record WorkflowSpec(
        long WorkspaceId, string Name, long OwnerId, long? AgentId = null, long? PhoneNumberId = null, long? InboxId = null,
        bool Archived = false, bool Abilities = false, bool EventRules = false, string? Description = null, string? Prompt = null);

    public sealed record SeededWorkflow(long Id, Guid Uuid, string Name);

    /// <summary>A workflow with <paramref name="tasks"/> tasks: a chain with a branch at every fifth task, the first one the start.</summary>
    public SeededWorkflow AddWorkflow(WorkflowSpec spec, int tasks)
    {
        var id = ++_workflowId;
        var uuid = NewGuid();
        var created = Stamp();
        var name = spec.Name.Trim();
        Insert(
            "INSERT INTO Workflows (Id, Uuid, WorkspaceId, Name, NormalizedName, Description, Prompt, OwnerId, AgentId, " +
            "DefaultPhoneNumberId, DefaultInboxId, PosX, PosY, IsArchived, Version, CreatedAt, UpdatedAt, Abilities, EventRules) " +
            "VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
            id, Text(uuid), spec.WorkspaceId, name, Workflow.Normalize(name), spec.Description, spec.Prompt, spec.OwnerId, spec.AgentId,
            spec.PhoneNumberId, spec.InboxId, 40.0 + id % 17 * 12.5, 80.25, spec.Archived ? 1 : 0, 1 + tasks + (tasks > 0 ? 1 : 0),
            created, created, spec.Abilities ? Ability : "[]", spec.EventRules ? EventRule : "[]");

        var first = _taskId + 1;
        for (var k = 0; k < tasks; k++)
        {
            var stamp = Stamp();
            Insert(
                "INSERT INTO Tasks (Id, Uuid, WorkflowId, Name, Description, Prompt, PosX, PosY, IsStart, Version, CreatedAt, UpdatedAt) " +
                "VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                ++_taskId, Text(NewGuid()), id, TaskNames[k % TaskNames.Length] + (k >= TaskNames.Length ? $" {k / TaskNames.Length + 1}" : ""),
                k % 3 == 0 ? "Checks the request against the policy and records the outcome." : null,
                k % 2 == 0 ? TaskPrompt : null, 100.0 + 180 * (k % 8), 60.5 + 120 * (k / 8), k == 0 ? 1 : 0, 2, stamp, stamp);
        }
        for (var k = 0; k < tasks - 1; k++)
        {
            Insert("INSERT INTO TaskTransitions (FromTaskId, ToTaskId) VALUES ($0, $1)", first + k, first + k + 1);
            if (k % 5 == 0 && k + 2 < tasks)
                Insert("INSERT INTO TaskTransitions (FromTaskId, ToTaskId) VALUES ($0, $1)", first + k, first + k + 2);
        }
        return new SeededWorkflow(id, uuid, name);
    }

    /// <summary>Role is the enum's name (Admin, Member, Guest); access its number (1 use … 4 admin).</summary>
    public void AddRoleAccess(long workflowId, string role, int access) =>
        Insert("INSERT INTO WorkflowRoleAccess (Id, Role, Access, WorkflowId) VALUES ($0, $1, $2, $3)", ++_accessId, role, access, workflowId);

    public void AddAssignment(long workspaceId, SeededWorkflow workflow, long createdById) =>
        Insert(
            "INSERT INTO Assignments (Id, Uuid, WorkspaceId, WorkflowId, WorkflowUuid, WorkflowName, Title, CreatedById, CreatedAt) " +
            "VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8)",
            ++_assignmentId, Text(NewGuid()), workspaceId, workflow.Id, Text(workflow.Uuid), workflow.Name, $"Case #{_assignmentId}", createdById, Stamp());

    /// <summary>Commits what was added so far and goes on in a new transaction.</summary>
    public void Commit()
    {
        _transaction.Commit();
        _transaction.Dispose();
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        _transaction = _connection.BeginTransaction();
    }

    public void Dispose()
    {
        Commit();
        _transaction.Dispose();
        // No ANALYZE: the service never runs one, so its statements are planned as in production.
        using (var checkpoint = _connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        _connection.Dispose();
    }

    private static readonly string[] TaskNames =
        ["Verify purchase", "Check eligibility", "Collect documents", "Review case", "Approve", "Notify customer", "Issue refund", "Close case", "Escalate", "Follow up"];

    private const string TaskPrompt =
        "You are the support agent for this step. Read the customer's message and the case history, confirm the facts " +
        "that this step needs, and write a short note for the next step. Never promise what the policy does not allow.";

    private long Insert(string sql, params object?[] values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++) command.Parameters.Add(new SqliteParameter("$" + i.ToString(CultureInfo.InvariantCulture), null));
            command.Prepare();
            _commands[sql] = command;
        }
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
        return values[0] is long id ? id : 0;
    }

    private long Max(string table)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = $"SELECT COALESCE(MAX(Id), 0) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A strictly increasing clock, one millisecond a row, so that creation order is insertion order.</summary>
    private string Stamp() => Epoch.AddMilliseconds(++_clock).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40);
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes);
    }

    private static string Text(Guid value) => value.ToString().ToUpperInvariant();
}
