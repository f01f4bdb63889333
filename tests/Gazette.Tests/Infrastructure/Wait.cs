namespace Gazette.Tests.Infrastructure;

/// <summary>Waiting on a condition, never a fixed delay.</summary>
public static class Wait
{
    /// <summary>
    /// Checks <paramref name="condition"/> until it holds, failing after 30 s. The bound is wide because
    /// PostgreSQL's transaction horizon is the whole server's: while another test class holds a long
    /// transaction in its own database (an import's batch), event-log readers here wait for it to end.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 30 s");
            await Task.Delay(50);
        }
    }
}
