using System.Collections.Concurrent;
using Workflows.Application.Common.Security;
using Workflows.Domain.Workflows;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// Every route × every kind of caller × every scope, each cell against the status the two gates
/// of docs/architecture.md ("Who may do what") predict; and another workspace's ids under this workspace's routes.
/// (Token attacks are tested in tests/Api.FunctionalTests/Security.)
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>Each of the service's scopes alone, and a valid token for another API only.</summary>
    private static readonly string[][] ScopeSets = [[Scopes.Read], [Scopes.Write], [Scopes.Admin], ["User.Read"]];

    /// <summary>A caller of the matrix: their role, their authority on the workflows of their stage, and a client for a given scope.</summary>
    private sealed record Subject(string Name, Role Role, WorkflowAccess Access, Stage Stage, Func<string, HttpClient> ClientWith);

    [Test]
    public async Task EveryRoute_ForEveryCallerAndScope_AnswersWhatTheGatesPredict()
    {
        var drill = Figures.For(Figures.AuthorizationMatrix);
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var owner = await ws.AddPersonAsync("member");
        var shared = await Stage.CreateAsync(ws, owner);
        var clients = new ConcurrentDictionary<(string, string, bool), HttpClient>();
        Func<string, HttpClient> Person(string oid) => scope => clients.GetOrAdd((oid, scope, false), _ => ws.Factory.ClientFor(oid, scope));
        Func<string, HttpClient> Daemon(string oid) => scope => clients.GetOrAdd((oid, scope, true), _ => ws.Factory.WithToken(TestTokens.ForDaemon(oid, scope)));

        var subjects = new List<Subject>
        {
            new("owner (role member)", Role.Member, WorkflowAccess.Admin, shared, Person(owner.ObjectId)),
            new("workspace admin", Role.Admin, WorkflowAccess.Admin, shared, Person(ws.Admin.ObjectId)),
            new("member, no memberRoleAccess entry", Role.Member, WorkflowAccess.Use, shared, Person(ws.Member.ObjectId)),
        };
        foreach (var level in new[] { WorkflowAccess.Use, WorkflowAccess.Edit, WorkflowAccess.Delete, WorkflowAccess.Admin })
        {
            var name = level.ToString().ToLowerInvariant();
            subjects.Add(new($"member under memberRoleAccess {name}", Role.Member, level, await Stage.CreateAsync(ws, owner, name), Person(ws.Member.ObjectId)));
        }
        subjects.Add(new("guest", Role.Guest, WorkflowAccess.None, shared, Person(ws.Guest.ObjectId)));
        subjects.Add(new("stranger", Role.Stranger, WorkflowAccess.None, shared, Person(ws.Stranger.ObjectId)));
        subjects.Add(new("daemon app (role member)", Role.Member, WorkflowAccess.Use, shared, Daemon(ws.Daemon.ObjectId)));

        foreach (var subject in subjects)
        {
            foreach (var scopes in ScopeSets)
            {
                foreach (var route in Route.All)
                {
                    var call = await route.PrepareAsync(subject.Stage);
                    var response = await call.SendAsync(subject.ClientWith(string.Join(' ', scopes)));
                    var expected = route.Expected(scopes, subject.Role, subject.Access);
                    var defect = response.IsSuccessStatusCode ? null : await ProblemShape.DefectAsync(response);
                    var cell = $"{route} as {subject.Name} with {string.Join(' ', scopes)}";
                    drill.Observe(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        response.StatusCode == expected && defect is null,
                        $"{cell}: expected {(int)expected}, got {(int)response.StatusCode} {defect ?? await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.That(drill.Cases, Is.EqualTo(subjects.Count * ScopeSets.Length * Route.All.Count));
        drill.AssertNoneUnexpected();
    }

    [Test]
    public async Task AnotherWorkspacesIds_UnderThisWorkspacesRoutes_Return404_AndChangeNothing()
    {
        var drill = Figures.For(Figures.CrossWorkspace);
        var mine = await TestWorkspace.CreateAsync(Reliability.Factory);
        var theirs = await TestWorkspace.CreateAsync(Reliability.Factory);
        var here = await Stage.CreateAsync(mine, mine.Admin);
        var there = await Stage.CreateAsync(theirs, theirs.Admin);
        var saved = await theirs.Admin.Client.PostJsonAsync($"{theirs.Root}/workflows/{there.Workflow.Id}/save-as-template", new { name = "Theirs" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var theirTemplate = (await BodyShape.ReadAsync(saved)).GetProperty("uuid").GetGuid();
        var before = await WorkflowRows.ReadAsync(theirs.Factory, there.Workflow.Id);

        var (w, t) = ($"workflows/{there.Workflow.Id}", $"tasks/{there.Task.Id}");
        var calls = new Call[]
        {
            new(HttpMethod.Get, here.Url($"members/{there.MemberId}")),
            new(HttpMethod.Patch, here.Url($"members/{there.MemberId}"), new { displayName = "Taken over" }),
            new(HttpMethod.Delete, here.Url($"members/{there.MemberId}")),
            new(HttpMethod.Get, here.Url(w)),
            new(HttpMethod.Get, here.Url($"workflows/{there.Workflow.Uuid}")),
            new(HttpMethod.Put, here.Url(w), new { name = "Taken over" }),
            new(HttpMethod.Delete, here.Url($"{w}?cascade=true")),
            new(HttpMethod.Post, here.Url($"{w}/archive")),
            new(HttpMethod.Post, here.Url($"{w}/unarchive")),
            new(HttpMethod.Post, here.Url($"{w}/clone"), new { name = "Smuggled copy" }),
            new(HttpMethod.Get, here.Url($"{w}/deletion-preview")),
            new(HttpMethod.Post, here.Url($"{w}/save-as-template"), new { name = "Smuggled template" }),
            new(HttpMethod.Get, here.Url($"{w}/tasks")),
            new(HttpMethod.Post, here.Url($"{w}/tasks"), new { name = "Planted" }),
            new(HttpMethod.Get, here.Url($"{w}/{t}")),
            new(HttpMethod.Put, here.Url($"{w}/{t}"), new { name = "Taken over" }),
            new(HttpMethod.Delete, here.Url($"{w}/{t}")),
            // Their task under my workflow.
            new(HttpMethod.Get, here.Url($"workflows/{here.Workflow.Id}/{t}")),
            new(HttpMethod.Put, here.Url($"workflows/{here.Workflow.Id}/{t}"), new { name = "Taken over" }),
            new(HttpMethod.Delete, here.Url($"workflows/{here.Workflow.Id}/{t}")),
            new(HttpMethod.Get, here.Url($"workflows/templates/{theirTemplate}")),
            new(HttpMethod.Post, here.Url($"workflows/templates/{theirTemplate}/create-workflow"), new { name = "From their template" }),
            new(HttpMethod.Get, here.Url($"assignments/{there.AssignmentId}")),
            new(HttpMethod.Get, here.Url($"phone-numbers/{there.PhoneNumberId}")),
            new(HttpMethod.Delete, here.Url($"phone-numbers/{there.PhoneNumberId}")),
            new(HttpMethod.Get, here.Url($"inboxes/{there.InboxId}")),
            new(HttpMethod.Delete, here.Url($"inboxes/{there.InboxId}")),
        };
        foreach (var call in calls)
        {
            var response = await call.SendAsync(mine.Admin.Client);
            var defect = response.StatusCode == HttpStatusCode.NotFound ? await ProblemShape.DefectAsync(response) : null;
            drill.Observe(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                response.StatusCode == HttpStatusCode.NotFound && defect is null, $"{call}: {(int)response.StatusCode} {defect}");
        }

        drill.AssertNoneUnexpected();
        Assert.That(await WorkflowRows.ReadAsync(theirs.Factory, there.Workflow.Id), Is.EqualTo(before), "their workflow is untouched");
        foreach (var path in new[] { $"members/{there.MemberId}", $"phone-numbers/{there.PhoneNumberId}", $"inboxes/{there.InboxId}", $"assignments/{there.AssignmentId}" })
            Assert.That((await theirs.Admin.Client.GetAsync(there.Url(path))).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"their {path} is still there");
    }
}
