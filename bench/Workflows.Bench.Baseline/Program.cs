using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.Tokens;
using Workflows.Bench.Shared;

// The bare baseline the benchmark compares the service with: GET workflow and the first page of
// the workflow list, read from the same SQLite file with plain Microsoft.Data.Sqlite and written
// with Utf8JsonWriter in exactly the service's shape. No mediator, validation or mapping; with
// --jwt it validates the same bearer tokens (HS256, same key, issuer and audience), else the
// caller is --caller.
//
//   Workflows.Bench.Baseline --db <file> --urls <url> --cursor-key <base64> [--caller <oid>]
//                            [--jwt --signing-key <base64> --issuer <iss> --audience <aud>]
var options = BaselineOptions.Parse(args);

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(options.Urls);
builder.Logging.ClearProviders();
if (options.Jwt)
{
    builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey!)),
        };
    });
    builder.Services.AddAuthorization();
}

var app = builder.Build();
if (options.Jwt)
{
    app.UseAuthentication();
    app.UseAuthorization();
}

var store = new Store(options.Database, Convert.FromBase64String(options.CursorKey));

var getWorkflow = app.MapGet("/api/v2/w/{workspace}/workflows/{id:long}", (HttpContext http, Guid workspace, long id) =>
{
    var oid = options.Jwt ? http.User.FindFirst("oid")?.Value : options.Caller;
    var etag = "";
    var json = oid is null ? null : store.Workflow(workspace, oid, id, out etag);
    if (json is null) return Results.NotFound();
    http.Response.Headers.ETag = etag;
    return Results.Bytes(json, "application/json; charset=utf-8");
});
var listWorkflows = app.MapGet("/api/v2/w/{workspace}/workflows", (HttpContext http, Guid workspace) =>
{
    var oid = options.Jwt ? http.User.FindFirst("oid")?.Value : options.Caller;
    var json = oid is null ? null : store.FirstPage(workspace, oid);
    return json is null ? Results.NotFound() : Results.Bytes(json, "application/json; charset=utf-8");
});
app.MapGet("/health", () => "ok");
if (options.Jwt)
{
    getWorkflow.RequireAuthorization();
    listWorkflows.RequireAuthorization();
}

await app.RunAsync();

internal sealed record BaselineOptions(
    string Database, string Urls, string CursorKey, string? Caller, bool Jwt, string? SigningKey, string? Issuer, string? Audience)
{
    public static BaselineOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        string Required(string name) => Value(name) ?? throw new ArgumentException($"{name} is required.");
        var jwt = args.Contains("--jwt");
        return new BaselineOptions(
            Required("--db"), Required("--urls"), Required("--cursor-key"),
            jwt ? null : Required("--caller"), jwt,
            jwt ? Required("--signing-key") : null, jwt ? Required("--issuer") : null, jwt ? Required("--audience") : null);
    }
}

/// <summary>The two reads, each a handful of plain SQL statements on a pooled connection.</summary>
internal sealed class Store(string database, byte[] cursorKey)
{
    private const int PageSize = 50;

    /// <summary>As MVC writes bodies: its JSON options escape with the relaxed encoder.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = database,
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = true,
    }.ToString();

    private sealed record Caller(long Id, long WorkspaceId, string Role);

    public byte[]? Workflow(Guid workspace, string oid, long id, out string etag)
    {
        etag = "";
        using var connection = Open();
        if (FindCaller(connection, workspace, oid) is not { } caller) return null;

        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT Id, Uuid, Name, Description, Prompt, OwnerId, AgentId, DefaultPhoneNumberId, DefaultInboxId, PosX, PosY, " +
            "Abilities, EventRules, IsArchived, Version, CreatedAt, UpdatedAt FROM Workflows WHERE Id = $id AND WorkspaceId = $ws";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$ws", caller.WorkspaceId);
        using var w = command.ExecuteReader();
        if (!w.Read()) return null;

        var roleAccess = new List<(string Role, int Access)>();
        using (var access = connection.CreateCommand())
        {
            access.CommandText = "SELECT Role, Access FROM WorkflowRoleAccess WHERE WorkflowId = $id ORDER BY Id";
            access.Parameters.AddWithValue("$id", id);
            using var r = access.ExecuteReader();
            while (r.Read()) roleAccess.Add((r.GetString(0), r.GetInt32(1)));
        }

        var transitions = new Dictionary<long, List<long>>();
        using (var next = connection.CreateCommand())
        {
            next.CommandText =
                "SELECT tr.FromTaskId, tr.ToTaskId FROM TaskTransitions tr JOIN Tasks t ON t.Id = tr.FromTaskId " +
                "WHERE t.WorkflowId = $id ORDER BY tr.FromTaskId, tr.ToTaskId";
            next.Parameters.AddWithValue("$id", id);
            using var r = next.ExecuteReader();
            while (r.Read())
            {
                var from = r.GetInt64(0);
                if (!transitions.TryGetValue(from, out var list)) transitions[from] = list = [];
                list.Add(r.GetInt64(1));
            }
        }

        var ownerId = w.GetInt64(5);
        var level = Access(caller, ownerId, roleAccess);
        etag = $"\"{w.GetInt64(14)}-{level}\"";

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            using var tasks = connection.CreateCommand();
            tasks.CommandText =
                "SELECT Id, Uuid, Name, Description, Prompt, PosX, PosY, IsStart, CreatedAt, UpdatedAt FROM Tasks WHERE WorkflowId = $id ORDER BY Id";
            tasks.Parameters.AddWithValue("$id", id);
            var taskRows = new List<TaskRow>();
            long? startTaskId = null;
            using (var t = tasks.ExecuteReader())
            {
                while (t.Read())
                {
                    var row = new TaskRow(t.GetInt64(0), t.GetString(1), t.GetString(2), NullableString(t, 3), NullableString(t, 4),
                        NullableDouble(t, 5), NullableDouble(t, 6), Utc(t, 8), Utc(t, 9));
                    if (startTaskId is null && t.GetBoolean(7)) startTaskId = row.Id;
                    taskRows.Add(row);
                }
            }

            json.WriteStartObject();
            json.WriteNumber("id", w.GetInt64(0));
            json.WriteString("uuid", Guid.Parse(w.GetString(1)));
            json.WriteString("name", w.GetString(2));
            WriteNullable(json, "description", NullableString(w, 3));
            WriteNullable(json, "prompt", NullableString(w, 4));
            json.WriteNumber("ownerId", ownerId);
            WriteNullable(json, "agentId", NullableLong(w, 6));
            WriteNullable(json, "startTaskId", startTaskId);
            WriteNullable(json, "defaultPhoneNumberId", NullableLong(w, 7));
            WriteNullable(json, "defaultInboxId", NullableLong(w, 8));
            WriteNullable(json, "posX", NullableDouble(w, 9));
            WriteNullable(json, "posY", NullableDouble(w, 10));
            WriteJsonList(json, "abilities", w.GetString(11), ["type", "enabled", "settings"]);
            WriteJsonList(json, "eventRules", w.GetString(12), ["event", "condition", "action", "settings"]);
            json.WriteStartArray("memberRoleAccess");
            foreach (var (role, access) in roleAccess)
            {
                json.WriteStartObject();
                json.WriteString("role", CamelCase(role));
                json.WriteString("access", AccessName(access));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteBoolean("archived", w.GetBoolean(13));
            json.WriteStartArray("tasks");
            foreach (var task in taskRows)
            {
                json.WriteStartObject();
                json.WriteNumber("id", task.Id);
                json.WriteString("uuid", Guid.Parse(task.Uuid));
                json.WriteNumber("workflowId", id);
                json.WriteString("name", task.Name);
                WriteNullable(json, "description", task.Description);
                WriteNullable(json, "prompt", task.Prompt);
                WriteNullable(json, "posX", task.PosX);
                WriteNullable(json, "posY", task.PosY);
                json.WriteStartArray("nextTaskIds");
                if (transitions.TryGetValue(task.Id, out var next))
                {
                    foreach (var to in next) json.WriteNumberValue(to);
                }
                json.WriteEndArray();
                json.WriteString("createdAt", task.CreatedAt);
                json.WriteString("updatedAt", task.UpdatedAt);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WritePermissions(json, level);
            json.WriteString("createdAt", Utc(w, 15));
            json.WriteString("updatedAt", Utc(w, 16));
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public byte[]? FirstPage(Guid workspace, string oid)
    {
        using var connection = Open();
        if (FindCaller(connection, workspace, oid) is not { } caller) return null;

        var admin = caller.Role == "Admin";
        var defaultSuffices = caller.Role is "Admin" or "Member";
        using var command = connection.CreateCommand();
        // The page's rows first (the sort needs only the workflows' own columns), then the task
        // count, start task and policy entry of those 51 rows alone.
        command.CommandText =
            "SELECT p.Id, p.Uuid, p.Name, p.Description, p.OwnerId, p.AgentId, p.IsArchived, p.CreatedAt, p.UpdatedAt, " +
            "(SELECT COUNT(*) FROM Tasks t WHERE t.WorkflowId = p.Id), " +
            "(SELECT t.Id FROM Tasks t WHERE t.WorkflowId = p.Id AND t.IsStart LIMIT 1), " +
            "(SELECT a.Access FROM WorkflowRoleAccess a WHERE a.WorkflowId = p.Id AND a.Role = $role ORDER BY a.Id LIMIT 1) " +
            "FROM (SELECT w.Id, w.Uuid, w.Name, w.Description, w.OwnerId, w.AgentId, w.IsArchived, w.CreatedAt, w.UpdatedAt " +
            "FROM Workflows w WHERE w.WorkspaceId = $ws AND w.IsArchived = 0 " +
            (admin ? "" :
                "AND (w.OwnerId = $me " +
                "OR EXISTS (SELECT 1 FROM WorkflowRoleAccess a WHERE a.WorkflowId = w.Id AND a.Role = $role AND a.Access >= 1) " +
                "OR ($default AND NOT EXISTS (SELECT 1 FROM WorkflowRoleAccess a WHERE a.WorkflowId = w.Id AND a.Role = $role))) ") +
            "ORDER BY w.CreatedAt, w.Id LIMIT $limit) p ORDER BY p.CreatedAt, p.Id";
        command.Parameters.AddWithValue("$ws", caller.WorkspaceId);
        command.Parameters.AddWithValue("$me", caller.Id);
        command.Parameters.AddWithValue("$role", caller.Role);
        command.Parameters.AddWithValue("$default", defaultSuffices);
        command.Parameters.AddWithValue("$limit", PageSize + 1);

        var buffer = new ArrayBufferWriter<byte>(16384);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray("items");
        var rows = 0;
        (DateTime At, long Id) last = default;
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                if (++rows > PageSize) break;
                var ownerId = r.GetInt64(4);
                var level = ownerId == caller.Id || admin ? 4 : r.IsDBNull(11) ? DefaultAccess(caller.Role) : r.GetInt32(11);
                var createdAt = Utc(r, 7);
                last = (createdAt, r.GetInt64(0));
                json.WriteStartObject();
                json.WriteNumber("id", r.GetInt64(0));
                json.WriteString("uuid", Guid.Parse(r.GetString(1)));
                json.WriteString("name", r.GetString(2));
                WriteNullable(json, "description", NullableString(r, 3));
                json.WriteNumber("ownerId", ownerId);
                WriteNullable(json, "agentId", NullableLong(r, 5));
                WriteNullable(json, "startTaskId", NullableLong(r, 10));
                json.WriteNumber("taskCount", r.GetInt32(9));
                json.WriteBoolean("archived", r.GetBoolean(6));
                WritePermissions(json, level);
                json.WriteString("createdAt", createdAt);
                json.WriteString("updatedAt", Utc(r, 8));
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        if (rows > PageSize) json.WriteString("nextCursor", ListCursor.After(cursorKey, caller.WorkspaceId, caller.Id, last.At, last.Id));
        else json.WriteNull("nextCursor");
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static Caller? FindCaller(SqliteConnection connection, Guid workspace, string oid)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT m.Id, m.WorkspaceId, m.Role FROM Members m JOIN Workspaces s ON s.Id = m.WorkspaceId " +
            "WHERE m.ObjectId = $oid AND s.Uuid = $ws LIMIT 1";
        command.Parameters.AddWithValue("$oid", oid);
        command.Parameters.AddWithValue("$ws", workspace.ToString().ToUpperInvariant());
        using var r = command.ExecuteReader();
        return r.Read() ? new Caller(r.GetInt64(0), r.GetInt64(1), r.GetString(2)) : null;
    }

    /// <summary>The workflow rule: owner and admins have admin; else the role's entry, else the role's default.</summary>
    private static int Access(Caller caller, long ownerId, List<(string Role, int Access)> entries)
    {
        if (caller.Id == ownerId || caller.Role == "Admin") return 4;
        foreach (var (role, access) in entries)
        {
            if (role == caller.Role) return access;
        }
        return DefaultAccess(caller.Role);
    }

    private static int DefaultAccess(string role) => role switch { "Admin" => 4, "Member" => 1, _ => 0 };

    private static void WritePermissions(Utf8JsonWriter json, int level)
    {
        json.WriteStartObject("permissions");
        json.WriteBoolean("use", level >= 1);
        json.WriteBoolean("edit", level >= 2);
        json.WriteEndObject();
    }

    /// <summary>A JSON list column (abilities, event rules) with each item's properties in the response's order.</summary>
    private static void WriteJsonList(Utf8JsonWriter json, string name, string stored, string[] properties)
    {
        json.WriteStartArray(name);
        using var document = JsonDocument.Parse(stored);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            json.WriteStartObject();
            foreach (var property in properties)
            {
                json.WritePropertyName(property);
                if (item.TryGetProperty(property, out var value)) value.WriteTo(json);
                else json.WriteNullValue();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string AccessName(int access) => access switch
    {
        1 => "use",
        2 => "edit",
        3 => "delete",
        4 => "admin",
        _ => "none",
    };

    private static string CamelCase(string value) => char.ToLowerInvariant(value[0]) + value[1..];

    private static DateTime Utc(SqliteDataReader r, int i) =>
        DateTime.SpecifyKind(DateTime.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Utc);

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static long? NullableLong(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    private static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteNumber(name, value.Value);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteNumber(name, value.Value);
    }

    private sealed record TaskRow(
        long Id, string Uuid, string Name, string? Description, string? Prompt, double? PosX, double? PosY, DateTime CreatedAt, DateTime UpdatedAt);
}
