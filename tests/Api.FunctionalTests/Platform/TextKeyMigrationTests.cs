using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflows.Application.Inboxes;
using Workflows.Application.Workflows;
using Workflows.Infrastructure.Data;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// A database written by the release before the name and address keys: the service starts on it,
/// migrates, and its data step gives every old row its key. Look-alike names that now collide keep
/// the oldest workflow's name and the others are renamed; inboxes whose addresses differ only in
/// case are merged into the oldest, and the workflows that named the others follow it.
/// </summary>
public sealed class TextKeyMigrationTests
{
    private const string LastMigrationBeforeTextKeys = "20261203093535_ListKeysetIndexes";
    private static readonly Guid WorkspaceUuid = Guid.NewGuid();
    private readonly string _adminOid = Guid.NewGuid().ToString();

    [Test]
    public async Task Start_OnAnOlderDatabase_GivesOldRowsTheirKeys_RenamesLookAlikes_AndMergesInboxes()
    {
        using var factory = new WorkflowsApiFactory();
        await SeedOlderDatabaseAsync(factory.DatabasePath);

        var client = factory.ClientFor(_adminOid); // starts the service: migrations, then the data step
        var root = $"api/v2/w/{WorkspaceUuid}";

        var (w1, w2, w3, w4, w5) = (await Workflow(client, root, 1), await Workflow(client, root, 2), await Workflow(client, root, 3),
            await Workflow(client, root, 4), await Workflow(client, root, 5));
        Assert.Multiple(() =>
        {
            Assert.That(w1.Name, Is.EqualTo("Café"), "the oldest keeps its name");
            Assert.That(w2.Name, Is.EqualTo("Café (2)"), "a decomposed look-alike is renamed, in NFC");
            Assert.That(w3.Name, Is.EqualTo("ＣＡＦÉ (3)"), "a fullwidth look-alike is renamed");
            Assert.That(w4.Name, Is.EqualTo("Refund desk"), "a name that collides with nothing stays");
            Assert.That(w5.Name, Is.EqualTo("Workflow 5"), "a name with nothing visible gets one");
        });

        var keys = await factory.QueryAsync(db => db.Workflows.Where(w => w.WorkspaceId == 1).OrderBy(w => w.Id).Select(w => w.NormalizedName).ToListAsync());
        Assert.That(keys, Is.EqualTo(new[] { "CAFÉ", "CAFÉ (2)", "CAFÉ (3)", "REFUND DESK", "WORKFLOW 5" }));

        var lookAlike = await client.PostJsonAsync($"{root}/workflows", new { name = "ｒｅｆｕｎｄ desk" });
        await lookAlike.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");

        var inboxes = await client.GetFromJsonAsync<Page<InboxResponse>>($"{root}/inboxes", TestSupport.Json.Options);
        Assert.That(inboxes!.Items.Select(i => (i.Id, i.Address)), Is.EqualTo(new[] { (1L, "Support@Acme.example"), (3L, "billing@acme.example") }));
        Assert.That(w4.DefaultInboxId, Is.EqualTo(1), "the workflow that named the merged inbox names the one kept");
        var sameInbox = await client.PostJsonAsync($"{root}/inboxes", new { address = "BILLING@acme.example" });
        await sameInbox.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_exists");

        var pending = await factory.QueryAsync(db => db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM PendingDataSteps").SingleAsync());
        Assert.That(pending, Is.Zero, "the data step is done and will not run again");
    }

    private static async Task<WorkflowResponse> Workflow(HttpClient client, string root, long id)
    {
        var response = await client.GetAsync($"{root}/workflows/{id}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<WorkflowResponse>();
    }

    /// <summary>The schema of the release before, with rows as it wrote them (keys: trimmed and upper-cased).</summary>
    private async Task SeedOlderDatabaseAsync(string path)
    {
        var options = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite($"Data Source={path}").Options;
        await using (var db = new SqliteWorkflowsDbContext(options))
            await db.GetService<IMigrator>().MigrateAsync(LastMigrationBeforeTextKeys);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        const string at = "2026-01-01 00:00:00";
        var uuid = WorkspaceUuid.ToString().ToUpperInvariant();
        await ExecuteAsync(connection, $"INSERT INTO Workspaces (Id, Uuid, Name, CreatedAt) VALUES (1, '{uuid}', 'Acme', '{at}')");
        await ExecuteAsync(connection, $"INSERT INTO Members (Id, WorkspaceId, Kind, DisplayName, ObjectId, Role, CreatedAt) VALUES (1, 1, 'Person', 'Ann', '{_adminOid}', 'Admin', '{at}')");
        await ExecuteAsync(connection, $"INSERT INTO Inboxes (Id, WorkspaceId, Address, Label, CreatedAt) VALUES (1, 1, 'Support@Acme.example', 'Support', '{at}')");
        await ExecuteAsync(connection, $"INSERT INTO Inboxes (Id, WorkspaceId, Address, Label, CreatedAt) VALUES (2, 1, 'support@acme.example', 'Support again', '{at}')");
        await ExecuteAsync(connection, $"INSERT INTO Inboxes (Id, WorkspaceId, Address, Label, CreatedAt) VALUES (3, 1, 'billing@acme.example', 'Billing', '{at}')");
        var names = new (string Name, long? InboxId)[] { ("Café", null), ("Cafe\u0301", null), ("ＣＡＦÉ", null), ("Refund desk", 2), ("\u200B\u200B", null) };
        for (var i = 0; i < names.Length; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText =
                "INSERT INTO Workflows (Id, Uuid, WorkspaceId, Name, NormalizedName, OwnerId, DefaultInboxId, IsArchived, Version, CreatedAt, UpdatedAt, Abilities, EventRules) " +
                "VALUES ($id, $uuid, 1, $name, $key, 1, $inbox, 0, 1, $at, $at, '[]', '[]')";
            insert.Parameters.AddWithValue("$id", i + 1);
            insert.Parameters.AddWithValue("$uuid", Guid.NewGuid().ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$name", names[i].Name);
            insert.Parameters.AddWithValue("$key", names[i].Name.Trim().ToUpperInvariant());
            insert.Parameters.AddWithValue("$inbox", (object?)names[i].InboxId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$at", at);
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
