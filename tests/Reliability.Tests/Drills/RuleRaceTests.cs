using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Models;
using Workflows.Application.Members;
using Workflows.Application.PhoneNumbers;
using Workflows.Application.Workspaces;
using Workflows.Domain.Members;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// Rules the service checks before it writes, raced by real concurrent HTTP requests against one
/// server on a database of its own: the last admin, an archived workflow, a workflow being
/// deleted, a member being removed and a phone number being deleted. Each round ends in one of
/// the answers a one-at-a-time order of the same requests would give, never in a state or an
/// answer that no order gives.
/// </summary>
public sealed class RuleRaceTests : RaceDrills
{
    [Test]
    public async Task TwoAdminsDemotingOrRemovingThemselvesAtOnce_OneSucceeds_AndTheOtherIsTheLastAdmin()
    {
        var drill = Figures.For(Figures.RaceLastAdmin);
        const int Rounds = 60;
        string[] kinds = ["both demote themselves", "both remove themselves", "one demotes, one removes"];

        for (var round = 0; round < Rounds; round++)
        {
            var kind = round % kinds.Length;
            var (workspace, first, second) = await TwoAdminsAsync(round);
            var root = $"api/v2/w/{workspace.Uuid}";
            Func<Task<HttpResponseMessage>> Demote(Caller admin) => () => admin.Client.SendAsync(HttpMethod.Patch, $"{root}/members/{admin.MemberId}", new { role = "member" });
            Func<Task<HttpResponseMessage>> Remove(Caller admin) => () => admin.Client.DeleteAsync($"{root}/members/{admin.MemberId}");
            var requests = kind switch
            {
                0 => new[] { Demote(first), Demote(second) },
                1 => new[] { Remove(first), Remove(second) },
                _ => new[] { Demote(first), Remove(second) },
            };

            var answers = await AnswersAsync(await Concurrently.RunAsync(requests));
            var admins = await Factory.QueryAsync(db => db.Members.CountAsync(m =>
                m.Workspace!.Uuid == workspace.Uuid && m.Role == MemberRole.Admin && m.Kind != MemberKind.Agent));
            var outcome = admins == 1 ? Joined(answers) : $"{admins} admins left ({Joined(answers)})";
            drill.Observe(outcome, admins == 1 && Joined(answers) == "200 + 409 last_admin", $"round {round}, {kinds[kind]}: {outcome}");
        }
        drill.AssertNoneUnexpected();
    }

    [Test]
    public async Task AssignmentsStartedWhileTheirWorkflowIsArchived_LandBeforeTheArchive_OrAreRefused()
    {
        var drill = Figures.For(Figures.RaceArchiveAssignment);
        const int Rounds = 30, Starters = 3;

        for (var round = 0; round < Rounds; round++)
        {
            var workflow = await Ws.CreateWorkflowAsync(name: $"Archived {round}");
            var requests = new List<Func<Task<HttpResponseMessage>>> { () => Ws.Admin.Client.PostAsync($"{Ws.Root}/workflows/{workflow.Id}/archive", null) };
            for (var i = 0; i < Starters; i++)
            {
                var title = $"Round {round}, {i}";
                requests.Add(Staggered(round, () => Ws.Member.Client.PostJsonAsync($"{Ws.Root}/assignments", new { workflowId = workflow.Id, title })));
            }
            var responses = await Concurrently.RunAsync(requests);

            var archived = await AnswerAsync(responses[0]);
            Assert.That(archived, Is.EqualTo("200"), $"round {round}: the archive ran");
            var archivedAt = await Factory.QueryAsync(db => db.Workflows.Where(w => w.Id == workflow.Id).Select(w => w.UpdatedAt).SingleAsync());
            var assignments = await Factory.QueryAsync(db => db.Assignments.Where(a => a.WorkflowId == workflow.Id)
                .Select(a => new { a.Title, a.CreatedAt }).ToListAsync());
            for (var i = 0; i < Starters; i++)
            {
                var answer = await AnswerAsync(responses[i + 1]);
                var stored = assignments.SingleOrDefault(a => a.Title == $"Round {round}, {i}");
                var outcome = (answer, stored) switch
                {
                    ("201", { } a) when a.CreatedAt <= archivedAt => "201, before the archive",
                    ("201", { }) => "201, after the archive",
                    ("409 workflow_archived", null) => answer,
                    _ => $"{answer}, {(stored is null ? "not stored" : "stored")}",
                };
                drill.Observe(outcome, outcome is "201, before the archive" or "409 workflow_archived", $"round {round}, assignment {i}: {outcome}");
            }
        }
        drill.AssertNoneUnexpected();
    }

    [Test]
    public async Task TasksAddedWhileTheirWorkflowIsCascadeDeleted_AreDeletedWithIt_OrFindItGone()
    {
        var drill = Figures.For(Figures.RaceDeleteTaskCreate);
        const int Rounds = 30, Tasks = 3;

        for (var round = 0; round < Rounds; round++)
        {
            var workflow = await Ws.CreateWorkflowAsync(name: $"Cascaded {round}");
            for (var i = 0; i < Tasks; i++) await Ws.AddTaskAsync(workflow.Id, $"Task {i}");
            var url = $"{Ws.Root}/workflows/{workflow.Id}";
            var (deleted, added) = await RunTogetherAsync(
                () => Ws.Admin.Client.DeleteAsync($"{url}?cascade=true"),
                Staggered(round, () => Ws.Admin.Client.PostJsonAsync($"{url}/tasks", new { name = "Late" })));

            var deleteAnswer = await AnswerAsync(deleted);
            var addAnswer = await AnswerAsync(added);
            var deletedTasks = deleted.StatusCode == HttpStatusCode.OK
                ? (await BodyShape.ReadAsync(deleted)).GetProperty("deletedTaskCount").GetInt32() : -1;
            var rows = await WorkflowRows.ReadAsync(Factory, workflow.Id);
            var nothingLeft = rows == new WorkflowRows(0, 0, false, 0, 0, 0, 0);
            var outcome = (deleteAnswer, addAnswer) switch
            {
                ("200", "201") when deletedTasks == Tasks + 1 && nothingLeft => "task first, deleted with the workflow",
                ("200", "404 not_found") when deletedTasks == Tasks && nothingLeft => "delete first, task 404 not_found",
                _ => $"delete {deleteAnswer}, task {addAnswer}",
            };
            var expected = outcome.Contains("first", StringComparison.Ordinal);
            drill.Observe(outcome, expected, $"round {round}: {outcome}, {deletedTasks} tasks deleted, left {rows}");
        }
        drill.AssertNoneUnexpected();
    }

    [Test]
    public async Task AMemberRemovedWhileWorkflowsAreHandedToThem_KeepsThem_OrIsNoLongerNamed()
    {
        var drill = Figures.For(Figures.RaceMemberRemoval);
        const int Rounds = 40, Writers = 2;

        for (var round = 0; round < Rounds; round++)
        {
            var asAgent = round % 2 == 1;
            var member = asAgent
                ? await Ws.AddMemberAsync(new { kind = "agent", displayName = $"Agent {round}", role = "member" })
                : await Ws.AddMemberAsync(new { kind = "person", displayName = $"Heir {round}", objectId = Guid.NewGuid().ToString(), role = "member" });
            var workflows = new List<long>();
            for (var i = 0; i < Writers; i++) workflows.Add((await Ws.CreateWorkflowAsync(name: $"Handed {round}.{i}")).Id);
            object Body() => asAgent ? new { agentId = member.Id } : new { ownerId = member.Id };

            var requests = new List<Func<Task<HttpResponseMessage>>> { () => Ws.OtherAdmin.Client.DeleteAsync($"{Ws.Root}/members/{member.Id}") };
            foreach (var id in workflows) requests.Add(Staggered(round / 2, () => Ws.Admin.Client.PutJsonAsync($"{Ws.Root}/workflows/{id}", Body())));
            var responses = await Concurrently.RunAsync(requests);

            var removal = await AnswerAsync(responses[0]);
            var writes = await AnswersAsync(responses[1..]);
            var stillMember = await Factory.QueryAsync(db => db.Members.AnyAsync(m => m.Id == member.Id));
            var naming = await Factory.QueryAsync(db => db.Workflows.CountAsync(w => workflows.Contains(w.Id) && (w.OwnerId == member.Id || w.AgentId == member.Id)));
            var named = writes.Count(w => w == "200");
            var refused = writes.Count(w => w == "400 invalid_reference");
            var outcome = (asAgent, removal, named, refused) switch
            {
                (false, "200", 0, Writers) => "owner: removed first, writes 400 invalid_reference",
                (false, "409 member_owns_workflows", Writers, 0) => "owner: handed over first, removal 409 member_owns_workflows",
                (true, "200", _, _) when named + refused == Writers => $"agent: removed, {named} of {Writers} named it first",
                _ => $"{(asAgent ? "agent" : "owner")}: removal {removal}, writes {Joined(writes)}",
            };
            var expected = outcome.Contains("first", StringComparison.Ordinal)
                && (outcome.StartsWith("owner: handed", StringComparison.Ordinal) ? stillMember && naming == Writers : !stillMember && naming == 0);
            drill.Observe(outcome, expected, $"round {round}: {outcome}, member {(stillMember ? "kept" : "gone")}, {naming} workflows name them");
        }
        drill.AssertNoneUnexpected();
    }

    [Test]
    public async Task APhoneNumberDeletedWhileWorkflowsNameItAsDefault_StaysInUse_OrIsNoLongerNamed()
    {
        var drill = Figures.For(Figures.RacePhoneNumberDelete);
        const int Rounds = 40;

        for (var round = 0; round < Rounds; round++)
        {
            var phone = await CreatePhoneNumberAsync();
            var existing = await Ws.CreateWorkflowAsync(name: $"Dialling {round}");
            var newName = $"Dialling new {round}";
            var responses = await Concurrently.RunAsync(new List<Func<Task<HttpResponseMessage>>>
            {
                () => Ws.Admin.Client.DeleteAsync($"{Ws.Root}/phone-numbers/{phone.Id}"),
                Staggered(round, () => Ws.OtherAdmin.Client.PutJsonAsync($"{Ws.Root}/workflows/{existing.Id}", new { defaultPhoneNumberId = phone.Id })),
                Staggered(round, () => Ws.Member.Client.PostJsonAsync($"{Ws.Root}/workflows", new { name = newName, defaultPhoneNumberId = phone.Id })),
            });

            var deletion = await AnswerAsync(responses[0]);
            var update = await AnswerAsync(responses[1]);
            var create = await AnswerAsync(responses[2]);
            var stillThere = await Factory.QueryAsync(db => db.PhoneNumbers.AnyAsync(p => p.Id == phone.Id));
            var naming = await Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.DefaultPhoneNumberId == phone.Id));
            var outcome = (deletion, update, create) switch
            {
                ("200", "400 invalid_reference", "400 invalid_reference") when !stillThere => "deleted first, update and create 400 invalid_reference",
                ("409 resource_in_use", "200", "201") when stillThere && naming == 2 => "named first, delete 409 resource_in_use",
                _ => $"delete {deletion}, update {update}, create {create}",
            };
            drill.Observe(outcome, outcome.Contains("first", StringComparison.Ordinal), $"round {round}: {outcome}, number {(stillThere ? "kept" : "gone")}, named by {naming}");
        }
        drill.AssertNoneUnexpected();
    }

    /// <summary>A workspace of its own whose only admins are its founder and one more person.</summary>
    private async Task<(WorkspaceResponse Workspace, Caller First, Caller Second)> TwoAdminsAsync(int round)
    {
        var founderOid = Guid.NewGuid().ToString();
        var founderClient = Factory.ClientFor(founderOid);
        var created = await founderClient.PostJsonAsync("api/v2/workspaces", new { name = $"Admins {round}" });
        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        var workspace = await created.ReadAsync<WorkspaceResponse>();
        var root = $"api/v2/w/{workspace.Uuid}";
        var founder = (await founderClient.GetFromJsonAsync<Page<MemberResponse>>($"{root}/members", Json.Options))!.Items.Single();

        var secondOid = Guid.NewGuid().ToString();
        var added = await founderClient.PostJsonAsync($"{root}/members", new { kind = "person", displayName = $"Second {round}", objectId = secondOid, role = "admin" });
        await added.ShouldSucceedAsync(HttpStatusCode.Created);
        var second = await added.ReadAsync<MemberResponse>();
        return (workspace, new Caller(founderOid, founder.Id, founderClient), new Caller(secondOid, second.Id, Factory.ClientFor(secondOid)));
    }

    private async Task<PhoneNumberResponse> CreatePhoneNumberAsync()
    {
        var number = $"+4420{Random.Shared.Next(10_000_000, 100_000_000)}";
        var response = await Ws.Admin.Client.PostJsonAsync($"{Ws.Root}/phone-numbers", new { number, label = "Racing line" });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<PhoneNumberResponse>();
    }

    /// <summary>
    /// In odd rounds the request starts a few milliseconds after the others, so that the rounds
    /// see both orders of requests whose paths differ in length; every order must end well.
    /// </summary>
    private static Func<Task<HttpResponseMessage>> Staggered(int round, Func<Task<HttpResponseMessage>> request) =>
        round % 2 == 0 ? request : async () =>
        {
            await Task.Delay(1 + round % 5);
            return await request();
        };

    /// <summary>The status, and for a problem its code: <c>409 last_admin</c>.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if ((int)response.StatusCode < 400) return status;
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("code", out var code) ? $"{status} {code.GetString()}" : $"{status} (no code)";
        }
        catch (JsonException)
        {
            return $"{status} (no problem body)";
        }
    }

    private static async Task<List<string>> AnswersAsync(IEnumerable<HttpResponseMessage> responses)
    {
        var answers = new List<string>();
        foreach (var response in responses) answers.Add(await AnswerAsync(response));
        return answers;
    }

    private static string Joined(IEnumerable<string> answers) => string.Join(" + ", answers.Order(StringComparer.Ordinal));

    private static async Task<(HttpResponseMessage, HttpResponseMessage)> RunTogetherAsync(Func<Task<HttpResponseMessage>> first, Func<Task<HttpResponseMessage>> second)
    {
        var both = await Concurrently.RunAsync([first, second]);
        return (both[0], both[1]);
    }
}
