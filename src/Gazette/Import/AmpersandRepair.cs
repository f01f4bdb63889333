namespace Gazette.Import;

/// <summary>
/// Reads an export as text and escapes each <c>&amp;</c> that starts no XML
/// reference (WordPress writes commenter URLs such as <c>?a=1&amp;b=2</c> raw,
/// and HTML entities such as <c>&amp;nbsp;</c> that XML does not define), so
/// the XML reader sees what the author meant instead of stopping. CDATA
/// sections and comments pass untouched: an <c>&amp;</c> is literal there.
/// Adds no line, so the reader's line numbers are the file's.
/// </summary>
public sealed class AmpersandRepair(TextReader inner) : TextReader
{
    private const int Lookahead = 12;
    private static readonly string[] XmlEntities = ["amp;", "lt;", "gt;", "quot;", "apos;"];

    private readonly char[] _buffer = new char[64 * 1024];
    private int _position;
    private int _length;
    private bool _ended;
    private string _pending = "";
    private int _pendingPosition;
    private string? _closing;

    /// <summary>How many ampersands were escaped.</summary>
    public int Repaired { get; private set; }

    public override int Peek() => throw new NotSupportedException();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_pendingPosition < _pending.Length)
            {
                buffer[written++] = _pending[_pendingPosition++];
                continue;
            }
            if (!Fill(Lookahead))
            {
                break;
            }
            var next = _buffer[_position];
            if (_closing is not null)
            {
                if (StartsWith(_closing))
                {
                    Emit(_closing);
                    _closing = null;
                    continue;
                }
            }
            else if (next == '<' && StartsWith("<![CDATA["))
            {
                Emit("<![CDATA[");
                _closing = "]]>";
                continue;
            }
            else if (next == '<' && StartsWith("<!--"))
            {
                Emit("<!--");
                _closing = "-->";
                continue;
            }
            else if (next == '&' && !StartsReference())
            {
                _position++;
                _pending = "&amp;";
                _pendingPosition = 0;
                Repaired++;
                continue;
            }
            buffer[written++] = next;
            _position++;
        }
        return written;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Emit(string text)
    {
        _position += text.Length;
        _pending = text;
        _pendingPosition = 0;
    }

    /// <summary>Keeps at least <paramref name="wanted"/> characters ahead unless the text ends first; false when nothing is left.</summary>
    private bool Fill(int wanted)
    {
        if (_length - _position >= wanted || _ended)
        {
            return _position < _length;
        }
        Array.Copy(_buffer, _position, _buffer, 0, _length - _position);
        _length -= _position;
        _position = 0;
        while (_length < wanted && !_ended)
        {
            var read = inner.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _ended = true;
            }
            _length += read;
        }
        return _position < _length;
    }

    private bool StartsWith(string text) =>
        _length - _position >= text.Length && _buffer.AsSpan(_position, text.Length).SequenceEqual(text);

    private bool StartsReference()
    {
        var after = _buffer.AsSpan(_position + 1, _length - _position - 1);
        foreach (var entity in XmlEntities)
        {
            if (after.StartsWith(entity, StringComparison.Ordinal))
            {
                return true;
            }
        }
        if (after.Length < 3 || after[0] != '#')
        {
            return false;
        }
        var hex = after[1] is 'x';
        var digits = 0;
        for (var i = hex ? 2 : 1; i < after.Length; i++)
        {
            if (after[i] == ';')
            {
                return digits > 0;
            }
            if (!(hex ? char.IsAsciiHexDigit(after[i]) : char.IsAsciiDigit(after[i])))
            {
                return false;
            }
            digits++;
        }
        return false;
    }
}
