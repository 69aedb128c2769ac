using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>
/// A clone's tasks go in as one set-based statement rather than through EF's change tracker: what
/// it stores must read back exactly as what EF stores, whatever the text or the numbers hold.
/// </summary>
public sealed class SetBasedInsertTests
{
    private static readonly string[] AwkwardTexts =
    [
        "O'Brien's \"quoted\" {0} {{1}} @p0 $1 ? ; -- DROP TABLE Tasks;",
        "Zeilen\nmit\tTab und Ümläuten, 日本語, emoji 🚀, NUL-free",
        "Ünïcödé ﬁ ligature and a trailing space ",
    ];

    [Test]
    public async Task A_clone_stores_text_numbers_and_the_start_exactly_as_the_source()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync();
        var tasks = new List<long>();
        for (var i = 0; i < AwkwardTexts.Length; i++)
        {
            var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{source.Id}/tasks", new
            {
                name = $"Task {i}: O'Brien's {{0}} ü 🚀",
                description = AwkwardTexts[i],
                prompt = AwkwardTexts[(i + 1) % AwkwardTexts.Length],
                posX = i == 0 ? -0.1 : 1e-300 * i,
                posY = i == 0 ? 123456789.123456789 : (double?)null,
                nextTaskIds = tasks.ToArray(),
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            tasks.Add((await response.ReadAsync<global::Workflows.Application.Tasks.TaskResponse>()).Id);
        }
        var start = await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{source.Id}", new { startTaskId = tasks[1] });
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK), await start.Content.ReadAsStringAsync());

        var cloned = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{source.Id}/clone", new { name = $"Copy {Guid.NewGuid():N}" });
        Assert.That(cloned.StatusCode, Is.EqualTo(HttpStatusCode.Created), await cloned.Content.ReadAsStringAsync());
        var copy = await ws.GetWorkflowAsync((await cloned.ReadAsync<WorkflowResponse>()).Id);
        var original = await ws.GetWorkflowAsync(source.Id);

        Assert.That(copy.Tasks.Select(Shape), Is.EqualTo(original.Tasks.Select(Shape)));
        Assert.That(copy.StartTaskId, Is.EqualTo(copy.Tasks[1].Id));

        // Stored as EF stores them: the rows read back through EF (text, GUID and time columns
        // alike) and compare equal to the source's, field by field.
        var stored = await ws.Factory.QueryAsync(db => db.Tasks.AsNoTracking().Where(t => t.WorkflowId == copy.Id).OrderBy(t => t.Id).ToListAsync());
        var sourceRows = await ws.Factory.QueryAsync(db => db.Tasks.AsNoTracking().Where(t => t.WorkflowId == source.Id).OrderBy(t => t.Id).ToListAsync());
        Assert.That(stored.Select(t => (t.Name, t.Description, t.Prompt, t.PosX, t.PosY, t.IsStart)),
            Is.EqualTo(sourceRows.Select(t => (t.Name, t.Description, t.Prompt, t.PosX, t.PosY, t.IsStart))));
        Assert.That(stored.Select(t => t.Uuid), Is.Unique.And.None.EqualTo(Guid.Empty));
        Assert.That(stored.Select(t => t.CreatedAt.Kind), Is.All.EqualTo(DateTimeKind.Utc));
        var found = await ws.Factory.QueryAsync(db => db.Tasks.AsNoTracking().CountAsync(t => t.Uuid == stored[0].Uuid));
        Assert.That(found, Is.EqualTo(1), "a stored uuid is found by EF's own comparison");
    }

    private static object Shape(global::Workflows.Application.Tasks.TaskResponse t) =>
        new { t.Name, t.Description, t.Prompt, t.PosX, t.PosY, Next = t.NextTaskIds.Count };
}
