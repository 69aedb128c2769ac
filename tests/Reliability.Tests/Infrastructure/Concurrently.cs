namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>Starts requests together: each waits at one gate, which opens once all are ready to go.</summary>
public static class Concurrently
{
    public static async Task<T[]> RunAsync<T>(IEnumerable<Func<Task<T>>> requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = requests.Select(async request =>
        {
            await gate.Task;
            return await request();
        }).ToArray();
        gate.SetResult();
        return await Task.WhenAll(running);
    }

    public static Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> request) =>
        RunAsync(Enumerable.Range(0, count).Select(i => (Func<Task<T>>)(() => request(i))));
}
