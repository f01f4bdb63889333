using System.Globalization;

namespace Gazette.Articles.Admin;

/// <summary>
/// One byline of the editor's form as posted: a member chosen from the list,
/// or a contributor's name typed (a person, or an organization such as a news
/// agency), and its place in the order as a number, so bylines reorder without
/// a script.
/// </summary>
public sealed class BylineRow
{
    /// <summary>A member's user id, as chosen; empty: a contributor without an account.</summary>
    public string? Member { get; set; }

    public string? Name { get; set; }

    public bool Organization { get; set; }

    /// <summary>Its place among the bylines (1 first), as typed; a row without one keeps its place in the form.</summary>
    public string? Position { get; set; }

    /// <summary>A row left empty: the form offers spare rows to add bylines, which are not bylines until filled.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Member) && string.IsNullOrWhiteSpace(Name) && !Organization;

    /// <summary>The place to sort by: the typed position, else the row's own (<paramref name="index"/> from 0).</summary>
    public int Place(int index) =>
        int.TryParse(Position?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var place) ? place : index + 1;

    /// <summary>A member that is not a number becomes 0, which no member has, so the editor refuses it by its field.</summary>
    public Byline ToByline() =>
        new(string.IsNullOrWhiteSpace(Member) ? null : long.TryParse(Member.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0,
            Name ?? "", Organization);

    public static BylineRow Of(Byline byline, int index) => new()
    {
        Member = byline.UserId?.ToString(CultureInfo.InvariantCulture),
        Name = byline.UserId is null ? byline.Name : null,
        Organization = byline.Organization,
        Position = (index + 1).ToString(CultureInfo.InvariantCulture),
    };
}
