namespace Gazette.Tests.Infrastructure;

/// <summary>Waiting on a condition, never a fixed delay.</summary>
public static class Wait
{
    /// <summary>Checks <paramref name="condition"/> until it holds, failing after 15 s.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 15 s");
            await Task.Delay(50);
        }
    }
}
