using Microsoft.EntityFrameworkCore;
using Workflows.Application.AuditLog;
using Workflows.Application.Common.Models;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// The audit log as a change feed: a reader that keeps calling with the last page's cursor while
/// writers commit concurrently receives every entry once, in sequence order, with no gap. A gap
/// would be an entry whose number was given out before another's but committed after the reader
/// had passed it: what the log's counter, taken as each transaction's last step, rules out.
/// </summary>
public sealed class AuditFeedTests : RaceDrills
{
    private const int Writers = 8;
    private const int WritesPerWriter = 24;

    [Test]
    public async Task APollingReader_ReceivesEveryCommittedEntryOnce_InSequence_WithNoGap()
    {
        var drill = Figures.For(Figures.AuditFeed);
        var received = new List<AuditEntryResponse>();
        string? cursor = null;

        async Task PollAsync()
        {
            while (true)
            {
                var url = $"{Ws.Root}/audit-log?limit=50" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                var response = await Ws.Admin.Client.GetAsync(url);
                await response.ShouldSucceedAsync();
                var page = await response.ReadAsync<Page<AuditEntryResponse>>();
                received.AddRange(page.Items);
                Assert.That(page.NextCursor, Is.Not.Null, "the last page names where the next entries start");
                cursor = page.NextCursor;
                if (page.Items.Count < 50) return;
            }
        }

        var successes = 0;
        async Task WriteAsync(int writer)
        {
            var workflow = await Ws.CreateWorkflowAsync(name: $"Feed writer {writer}");
            Interlocked.Increment(ref successes);
            for (var i = 0; i < WritesPerWriter; i++)
            {
                var url = $"{Ws.Root}/workflows/{workflow.Id}";
                var response = (i % 4) switch
                {
                    0 => await Ws.Admin.Client.PutJsonAsync(url, new { description = $"Writer {writer}, change {i}" }),
                    1 => await Ws.Admin.Client.PostJsonAsync($"{url}/tasks", new { name = $"Task {i}" }),
                    2 => await Ws.Admin.Client.PostAsync($"{url}/archive", null),
                    _ => await Ws.Admin.Client.PostAsync($"{url}/unarchive", null),
                };
                var status = (int)response.StatusCode;
                var ok = response.IsSuccessStatusCode;
                if (ok) Interlocked.Increment(ref successes);
                // Without If-Match, a write that loses a race on its row answers 409; nothing else is expected.
                drill.Observe(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ok || status == 409, $"writer {writer}, write {i}: {status}");
            }
        }

        var before = (await Ws.AuditEntriesAsync()).Count;
        var writing = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))));
        var polls = 0;
        while (!writing.IsCompleted)
        {
            await PollAsync();
            polls++;
        }
        await writing;
        await PollAsync();
        drill.AssertNoneUnexpected();

        var sequences = received.Select(e => e.Sequence).ToList();
        var workspaceId = await Factory.QueryAsync(db => db.Workspaces.Where(w => w.Uuid == Ws.Uuid).Select(w => w.Id).SingleAsync());
        var stored = await Factory.QueryAsync(db => db.AuditEntries.Where(e => e.WorkspaceId == workspaceId).OrderBy(e => e.Sequence).Select(e => new { e.Id, e.Sequence }).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(polls, Is.GreaterThan(1), "the reader polled while the writers wrote");
            Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, sequences.Count).Select(i => (long)i)), "every entry once, in sequence, with no gap");
            Assert.That(received.Select(e => e.Id), Is.EqualTo(stored.Select(e => e.Id)), "exactly what the log holds");
            Assert.That(received, Has.Count.EqualTo(before + successes), "one entry per successful write");
        });
    }
}
