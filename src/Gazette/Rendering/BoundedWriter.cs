using System.Text;

namespace Gazette.Rendering;

/// <summary>A string writer that refuses to grow past a limit, so a runaway theme loop cannot exhaust memory.</summary>
internal sealed class BoundedWriter(int maxChars) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    public override void Write(char value)
    {
        Check(1);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    private void Check(int adding)
    {
        StringBuilder builder = GetStringBuilder();
        if (builder.Length + adding > maxChars)
        {
            throw new ThemeException($"A page grew past {maxChars} characters; the theme's output limit stops it.");
        }
    }
}
