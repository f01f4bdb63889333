using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Gazette.Articles;

/// <summary>How a line (or a word within a modified line) differs between the two sides.</summary>
public enum LineChange
{
    Unchanged,

    /// <summary>Only on the old side.</summary>
    Deleted,

    /// <summary>Only on the new side.</summary>
    Inserted,

    /// <summary>On both sides, changed: its <see cref="DiffLine.Words"/> say which words.</summary>
    Modified,

    /// <summary>A blank placeholder that keeps the two sides' lines facing each other.</summary>
    Filler,
}

/// <summary>A word (or the space between words) of a modified line, and how it changed.</summary>
public sealed record DiffWord(string Text, LineChange Change);

/// <summary>One line of one side: its number on that side (null for a filler), its text, how it changed, and for a modified line its words.</summary>
public sealed record DiffLine(int? Number, string Text, LineChange Change, IReadOnlyList<DiffWord> Words);

/// <summary>Two texts side by side, line facing line (both lists have the same length), with the changes marked (DiffPlex).</summary>
public sealed record SideBySideText(IReadOnlyList<DiffLine> Old, IReadOnlyList<DiffLine> New)
{
    public bool HasChanges => Old.Concat(New).Any(line => line.Change != LineChange.Unchanged);

    public static SideBySideText Compare(string oldText, string newText)
    {
        var model = SideBySideDiffBuilder.Diff(Lines(oldText), Lines(newText), ignoreWhiteSpace: false);
        return new SideBySideText(Side(model.OldText), Side(model.NewText));
    }

    private static string Lines(string text) => text.ReplaceLineEndings("\n");

    private static List<DiffLine> Side(DiffPaneModel pane) =>
        pane.Lines.Select(line => new DiffLine(
            line.Type == ChangeType.Imaginary ? null : line.Position,
            line.Text ?? "",
            Change(line.Type),
            line.Type == ChangeType.Modified
                ? line.SubPieces.Where(piece => piece.Type != ChangeType.Imaginary).Select(piece => new DiffWord(piece.Text ?? "", Change(piece.Type))).ToList()
                : [])).ToList();

    private static LineChange Change(ChangeType type) => type switch
    {
        ChangeType.Deleted => LineChange.Deleted,
        ChangeType.Inserted => LineChange.Inserted,
        ChangeType.Modified => LineChange.Modified,
        ChangeType.Imaginary => LineChange.Filler,
        _ => LineChange.Unchanged,
    };
}
