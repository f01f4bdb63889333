using System.Diagnostics;

namespace Gazette.Hosting;

/// <summary>
/// A long command's progress, rewritten in place on one line at most five
/// times a second, and only when standard output is a terminal: redirected to
/// a log or a pipe, a command prints its result and nothing else.
/// </summary>
public sealed class TerminalProgress(bool enabled)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.MinValue;
    private int _width;

    public static TerminalProgress ForConsole() => new(!Console.IsOutputRedirected);

    public void Report(string text)
    {
        if (!enabled || _since.Elapsed - _last < Every)
        {
            return;
        }
        _last = _since.Elapsed;
        Console.Write("\r" + text.PadRight(_width));
        _width = Math.Max(_width, text.Length);
    }

    /// <summary>Clears the line, so the result printed next starts clean.</summary>
    public void Clear()
    {
        if (enabled && _width > 0)
        {
            Console.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }
}
