using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>
/// One drill's figures: how many cases it ran, what they answered, and which answered otherwise
/// than expected. A drill asserts its expectations itself; the figures only report them.
/// </summary>
public sealed class Drill(string name)
{
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _cases;

    public string Name { get; } = name;
    public int Cases => _cases;
    public IReadOnlyDictionary<string, int> Outcomes => _outcomes;
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    /// <summary>
    /// Whether an unexpected case fails the test that observed it at once (the default), or is
    /// only collected, for a drill that reports all of them at its end with
    /// <see cref="AssertNoneUnexpected"/>. A check left to a one-time tear-down would not fail the
    /// run: the test adapter reports no test for it.
    /// </summary>
    public bool FailsAtOnce { get; set; } = true;

    /// <summary>Counts one case under <paramref name="outcome"/>; keeps <paramref name="description"/> when it was not expected.</summary>
    public bool Observe(string outcome, bool expected, string? description = null)
    {
        Interlocked.Increment(ref _cases);
        _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        if (!expected)
        {
            _unexpected.Enqueue(description ?? outcome);
            if (FailsAtOnce) Assert.Fail($"{Name}: unexpected {outcome}: {description ?? outcome}");
        }
        return expected;
    }

    /// <summary>Counts a response by its status, then asserts it: the status, and a problem body (with <paramref name="code"/>) for an error.</summary>
    public async Task<HttpResponseMessage> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string @case, string? code = null)
    {
        var status = (int)response.StatusCode;
        Observe(status.ToString(CultureInfo.InvariantCulture), response.StatusCode == expected, $"{@case}: expected {(int)expected}, got {status}");
        if ((int)expected >= 400) await response.ShouldBeProblemAsync(expected, code);
        else Assert.That(response.StatusCode, Is.EqualTo(expected), $"{@case}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Fails with (the first 40 of) the cases that did not answer as expected.</summary>
    public void AssertNoneUnexpected() =>
        Assert.That(_unexpected, Is.Empty,
            $"{Name}: {_unexpected.Count} of {_cases} cases unexpected:\n{string.Join("\n", _unexpected.Take(40))}");

    public string FormatOutcomes() =>
        string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} ×{o.Value:N0}")));
}

/// <summary>
/// Where every drill reports, and the report: <c>docs/reliability.md</c> at the repository root,
/// rewritten at the end of each run. Rows of drills that did not run this time (a filtered run)
/// keep their previous figures.
/// </summary>
public static class Figures
{
    public const string ConditionalRequests = "Conditional requests";
    public const string IdempotentPost = "Idempotent POST";
    public const string AbortedIdempotentRequests = "Aborted idempotent requests";
    public const string RaceCreates = "Race: one name, 20 creates at once";
    public const string RaceUpdates = "Race: 100 If-Match updates at once";
    public const string RaceCloneDelete = "Race: clone against cascade delete";
    public const string RaceDeletes = "Race: concurrent cascade deletes";
    public const string RacePreviewedDelete = "Race: previewed delete against a new task";
    public const string RaceLastAdmin = "Race: the last two admins step down at once";
    public const string RaceArchiveAssignment = "Race: archive against new assignments";
    public const string RaceDeleteTaskCreate = "Race: cascade delete against a new task";
    public const string RaceMemberRemoval = "Race: member removal against re-owning and agents";
    public const string RacePhoneNumberDelete = "Race: phone number deletion against default phone numbers";
    public const string AuditFeed = "Audit log followed as a change feed under concurrent writers";
    public const string RaceHistory = "Race: concurrent writers and the workflow's history";
    public const string FaultCascadeDelete = "Fault: cascade delete interrupted";
    public const string FaultClone = "Fault: clone interrupted";
    public const string FaultDatabaseDown = "Fault: database down, then back";
    public const string AuthorizationMatrix = "Authorization matrix";
    public const string CrossWorkspace = "Another workspace's ids";
    public const string MassAssignment = "Mass assignment";
    public const string Fuzzing = "Fuzzing from the OpenAPI document";
    public const string Limits = "Limits";
    public const string Replicas = "Replicas: two instances on one database";
    public const string Outage = "Outage: the database server stopped and started";

    /// <summary>Every drill, in the report's order, with what it proves.</summary>
    public static readonly IReadOnlyList<(string Name, string Proves)> Catalogue =
    [
        (ConditionalRequests, "Every workflow and task response carries an `ETag`, and the workflow's changes with any of its tasks. `If-None-Match` on GET answers 304; a stale `If-Match` on PUT, DELETE, archive and unarchive (workflow and task) answers a 412 problem and changes nothing; without `If-Match` the reference's behaviour stands. A cascade delete sent with the deletion preview's ETag deletes exactly what was previewed, or answers 412 when tasks or assignments changed in between."),
        (IdempotentPost, "An `Idempotency-Key` on create, clone, create-from-template and assignment creation: the same key and body replay the first response and create nothing; a different body answers 422; keys are per caller and workspace (the workspace's identity, however its uuid is spelled), kept in the database (a second service instance on the same database replays them) and forgotten after 24 hours; concurrent requests with one key create one thing, and a request that failed leaves its key free for the retry."),
        (AbortedIdempotentRequests, "Idempotent POSTs cut off part-way, on a server of its own with a 2-second lease: the client going away before the handler, between the handler's statements (an assignment, and a clone while it inserts its tasks), or after the commit before the answer is written, and the server losing its database half-way (so that nothing is released, as when the process dies). Each retry with the same key answers within 15 seconds, and the effect exists exactly once (row counts). A failure to store the outcome takes the effect back with it: a key is either done, with its answer, or never happened."),
        (RaceCreates, "50 rounds of 20 concurrent creates with one name, on a server of its own: exactly one 201 and nineteen 409 `workflow_name_conflict` per round, one workflow per name."),
        (RaceUpdates, "100 concurrent updates of one workflow, each with the same `If-Match`: exactly one 200, ninety-nine 412, and the stored workflow is the winner's."),
        (RaceCloneDelete, "Clone racing a cascade delete of its source, in rounds: the clone is a complete copy (every task, transition and the start task) or a clean 404, never a partial copy."),
        (RaceDeletes, "Concurrent cascade deletes of one workflow, in rounds: one 200, the rest 404, and nothing of the workflow left."),
        (RacePreviewedDelete, "A cascade delete with the preview's ETag racing the creation of a task, in rounds: exactly one of them succeeds; a delete that succeeds removed exactly the previewed tasks."),
        (RaceLastAdmin, "60 rounds, each in a workspace of its own whose only admins are two people: both demote themselves, both remove themselves, or one demotes and one removes, all at once. Exactly one 200 and one 409 `last_admin` per round, and exactly one admin left."),
        (RaceArchiveAssignment, "An archive racing three assignment creations on its workflow, in 30 rounds: each assignment is created before the archive (its `createdAt` is not later than the archive's `updatedAt`) or refused with 409 `workflow_archived`; none lands on the archived workflow."),
        (RaceDeleteTaskCreate, "A cascade delete (without `If-Match`) racing the creation of a task, in 30 rounds: either the task is created first and deleted with the workflow (the delete counts it), or the delete comes first and the task answers 404; nothing of the workflow is left."),
        (RaceMemberRemoval, "A member's removal racing two updates that hand workflows to them, in 40 rounds: as owner (`ownerId`), the removal wins and both updates answer 400 `invalid_reference`, or the updates win and the removal answers 409 `member_owns_workflows`; as agent (`agentId`), the removal always succeeds, an update that came first loses its agent with it, one that came later answers 400 `invalid_reference`."),
        (RacePhoneNumberDelete, "A phone number's deletion racing an update and a create that name it as default, in 40 rounds: the deletion wins and both answer 400 `invalid_reference`, or both win and the deletion answers 409 `resource_in_use`; no workflow names a deleted number."),
        (AuditFeed, "Eight writers change one workspace at once (creates, updates, tasks, archive and unarchive of workflows of their own) while a reader polls `GET audit-log` with the last page's cursor, on a server of its own: the reader receives every committed entry exactly once, in increasing sequence with no gap, and what it received is exactly the log's table at the end (one entry per successful write, none for a failed one)."),
        (RaceHistory, "12 concurrent writers on one workflow (updates, task creates and updates, restores), without `If-Match`, in 10 rounds: every answer a 2xx, a 409 `concurrent_update` or (a task restored away) a 404; the history numbers 1 to the workflow's version with no gap and no number twice, its newest version is the workflow as stored, and each answered update or restore is the version its ETag names."),
        (FaultCascadeDelete, "A database failure injected at the DELETE of the tasks, in the middle of a cascade delete: 503 problem, and workflow, tasks, transitions and assignment links are all still there (row counts); the same delete succeeds once the fault is gone."),
        (FaultClone, "A database failure injected while a clone inserts its tasks' transitions: 503 problem and no workflow, task or transition of the copy (row counts); an `Idempotency-Key` used with it is released, so the retry creates the copy."),
        (FaultDatabaseDown, "Every command failing, as when the database is unreachable: every route answers a 503 problem with `Retry-After` (never a 500), `/health/ready` answers 503 Unhealthy while `/health/live` stays 200 Healthy; once the database is back the same requests succeed, without a restart."),
        (AuthorizationMatrix, "Every route × {owner, workspace admin, member under each `memberRoleAccess` level, guest, stranger, daemon app} × {`workflows:read`, `workflows:write`, `workflows:admin`, another API's scope only}: each cell's status against the status the two gates of `docs/architecture.md` predict (scope, then membership and authority)."),
        (CrossWorkspace, "Ids of another workspace's workflows, tasks, members, assignments, phone numbers and inboxes under this workspace's routes, as this workspace's admin: 404 on every route, and nothing changed."),
        (MassAssignment, "The read-only members of a GET body sent back (`id`, `uuid`, `tasks`, `permissions`, timestamps, a task's `workflowId`) are ignored, and any member a request schema lacks (`workspaceId`, `version`…) is a 400 `unknown_member`; `memberRoleAccess` or `ownerId` changed without admin authority answers 403; no body moves a workflow or a task into another workspace or workflow."),
        (Fuzzing, "At least 10,000 generated requests (CsCheck, fixed seed) across every operation of the service's own OpenAPI document: wrong types, nulls, huge and unicode strings, injection strings, negative and overflowing ids, bogus cursors, malformed and oversized bodies. Every answer is documented for its operation (or 400, 401, 404, 405, 413, 415, which any route may answer), never a 5xx, and every error is a problem body; the database passes its integrity checks afterwards."),
        (Replicas, "Two service processes started at the same moment on one database (both migrate on start, taking turns), requests interleaved across them: ten rounds of twenty creates of one name split between the two (one 201 each round), an ETag read on one instance used on the other (then stale on both), an `Idempotency-Key` used on one replayed by the other, and a list paged with cursors alternately on each (every workflow once). Then `--migrate` migrates and exits, and an instance with `Database:MigrateOnStart=false` serves."),
        (Outage, "PostgreSQL only, on a server of its own: the server is stopped (as by a crash) under two running instances. Reads and writes on both answer a 503 problem with `Retry-After` (after the execution strategy's retries, within seconds), `/health/ready` answers 503 while `/health/live` stays 200; when the server is back, both instances serve reads and writes again without a restart, and nothing was written in between."),
        (Limits, "A body over 1 MiB answers 413 (declared or streamed); `limit` over 200 answers 400 on every list; a 1,001st task answers 400; strings over their limits answer 400."),
    ];

    private static readonly ConcurrentDictionary<string, Drill> Drills = new(StringComparer.Ordinal);

    public static Drill For(string name)
    {
        if (!Catalogue.Any(d => d.Name == name))
            throw new ArgumentException($"'{name}' is not in the catalogue: add it, with what it proves.", nameof(name));
        return Drills.GetOrAdd(name, n => new Drill(n));
    }

    /// <summary>The providers the drills run on, in the report's order, with their section headings.</summary>
    private static readonly (TestProvider Provider, string Heading)[] Sections =
    [
        (TestProvider.Sqlite, "## Figures on SQLite"),
        (TestProvider.PostgreSql, "## Figures on PostgreSQL"),
    ];

    public static void WriteReport()
    {
        if (Drills.Values.All(d => d.Cases == 0)) return;
        var path = Repository.PathOf("docs", "reliability.md");
        var previous = File.Exists(path) ? PreviousRows(File.ReadAllLines(path)) : [];

        var report = new StringBuilder();
        report.AppendLine("# Reliability figures").AppendLine();
        report.AppendLine("Written by the last run of the reliability suites (`dotnet test tests/Reliability.Tests` on SQLite,");
        report.AppendLine("`tests/Reliability.Tests.PostgreSql` on PostgreSQL): do not edit by hand. Each drill runs against the");
        report.AppendLine("real service over HTTP on a real database (a SQLite file; a PostgreSQL server, where writers really");
        report.AppendLine("interleave) and asserts its own expectations; this page reports what ran. A *case* is one request");
        report.AppendLine("(or one concurrent round) whose answer the drill checks; *outcomes* count the answers by status (or");
        report.AppendLine("by what a round ended in); *unexpected* counts the cases that answered otherwise than expected, and");
        report.AppendLine("is 0 when the drill passed. Token attacks (missing, expired, not yet valid, wrong audience or issuer,");
        report.AppendLine("`alg=none`, tampered signature, wrong key, no `scp` nor `roles`) are tested in");
        report.AppendLine("`tests/Api.FunctionalTests/Security`.").AppendLine();
        report.AppendLine("## Drills").AppendLine();
        foreach (var (name, proves) in Catalogue) report.AppendLine($"- **{name}.** {proves}");
        foreach (var (provider, heading) in Sections)
        {
            report.AppendLine().AppendLine(heading).AppendLine();
            report.AppendLine("| drill | cases | outcomes | unexpected |");
            report.AppendLine("|---|---:|---|---:|");
            var kept = previous.GetValueOrDefault(heading) ?? [];
            foreach (var (name, _) in Catalogue)
            {
                if (provider == TestDatabase.Provider && Drills.TryGetValue(name, out var drill) && drill.Cases > 0)
                    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {drill.Cases:N0} | {drill.FormatOutcomes()} | {drill.Unexpected.Count:N0} |");
                else if (kept.TryGetValue(name, out var row))
                    report.AppendLine(row);
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, report.ToString());
    }

    /// <summary>
    /// The rows of each provider's table in the previous report, by drill. A report written before
    /// the tables were per provider had one table, of SQLite's figures.
    /// </summary>
    private static Dictionary<string, Dictionary<string, string>> PreviousRows(string[] lines)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        string? heading = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                heading = line == "## Figures" ? Sections[0].Heading : line;
                continue;
            }
            if (heading is null || !line.StartsWith("| ", StringComparison.Ordinal)) continue;
            var name = line.Split('|')[1].Trim();
            if (!Catalogue.Any(d => d.Name == name)) continue;
            if (!sections.TryGetValue(heading, out var rows)) sections[heading] = rows = new(StringComparer.Ordinal);
            rows[name] = line;
        }
        return sections;
    }
}
