namespace Gazette.Kernel;

/// <summary>
/// Characters a reader's text must not carry as typed: control characters
/// (NUL and friends, which PostgreSQL refuses and SQLite would store and echo)
/// and the bidirectional embedding, override and isolate characters
/// (U+202A-U+202E, U+2066-U+2069), with which one name can be made to read as
/// another.
/// </summary>
public static class UnicodeControls
{
    /// <summary>True for a control character other than the line feed and tab that text may hold.</summary>
    public static bool IsForbiddenInText(char c) => char.IsControl(c) && c is not ('\n' or '\t');

    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    public static bool ContainsBidiControl(string text) => text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') >= 0 || text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') >= 0;

    /// <summary>The text without bidirectional controls: what it says stays, only the reordering goes.</summary>
    public static string WithoutBidiControls(string text) =>
        ContainsBidiControl(text) ? string.Concat(text.Where(c => !IsBidiControl(c))) : text;
}
