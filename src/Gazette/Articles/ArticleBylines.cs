using System.Data.Common;
using Dapper;
using Gazette.Events;
using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>
/// A byline as the newsroom sets it: a member of the newsroom (their user id,
/// under their display name) or a contributor without an account, a person (a
/// guest writer) or an <paramref name="Organization"/> (a wire agency).
/// </summary>
public sealed record Byline(long? UserId, string Name, bool Organization = false)
{
    /// <summary>As the editor's form chooses it: a member by id alone (their name is whatever it is when saved), a contributor by name.</summary>
    public Byline AsChoice() => UserId is null ? this : this with { Name = "" };
}

/// <summary>
/// The rules of an article's bylines (decision 144): at least one (wire copy
/// carries its agency's), at most <see cref="MaxCount"/>, each named once; a
/// contributor's name is one line of at most <see cref="MaxNameLength"/>
/// characters; a member must exist, is always a person, and is named as their
/// display name says.
/// </summary>
public static class BylineRules
{
    public const int MaxCount = 10;
    public const int MaxNameLength = 100;

    /// <summary>The bylines to store, members under their display names in <paramref name="members"/>; a refusal goes into <paramref name="errors"/> under <see cref="ArticleFields.Bylines"/>.</summary>
    public static IReadOnlyList<Byline> Check(IReadOnlyList<Byline> bylines, IReadOnlyDictionary<long, string> members, Dictionary<string, string> errors)
    {
        var kept = new List<Byline>();
        foreach (var (byline, index) in bylines.Select((byline, index) => (byline, index + 1)))
        {
            var refusal = Refusal(byline, index, members, out var checkedByline);
            if (refusal is null && kept.Any(other => SameByline(other, checkedByline!)))
            {
                refusal = $"“{checkedByline!.Name}” is named twice: give each byline once.";
            }
            if (refusal is not null)
            {
                errors[ArticleFields.Bylines] = refusal;
                return [];
            }
            kept.Add(checkedByline!);
        }
        if (kept.Count == 0)
        {
            errors[ArticleFields.Bylines] = "An article needs a byline: a member of the newsroom, or a contributor such as a news agency.";
        }
        else if (kept.Count > MaxCount)
        {
            errors[ArticleFields.Bylines] = $"An article has at most {MaxCount} bylines; this one has {kept.Count}.";
        }
        return kept;
    }

    /// <summary>Two members are the same by id (two may share a name); a contributor typed under a member's name is a member typed by mistake.</summary>
    private static bool SameByline(Byline one, Byline other) =>
        one.UserId is { } id && other.UserId is { } otherId ? id == otherId : string.Equals(one.Name, other.Name, StringComparison.OrdinalIgnoreCase);

    private static string? Refusal(Byline byline, int index, IReadOnlyDictionary<long, string> members, out Byline? checkedByline)
    {
        checkedByline = null;
        if (byline.UserId is { } id)
        {
            if (!members.TryGetValue(id, out var memberName))
            {
                return $"Byline {index}: choose a member of the newsroom from the list.";
            }
            if (byline.Name.Length > 0 && byline.Name != memberName)
            {
                return $"Byline {index}: choose a member or type a contributor's name, not both.";
            }
            if (byline.Organization)
            {
                return $"Byline {index}: a member of the newsroom is a person, not an organization.";
            }
            checkedByline = new Byline(id, memberName);
            return null;
        }
        var name = string.Join(' ', byline.Name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0)
        {
            return $"Byline {index}: choose a member or type a contributor's name.";
        }
        if (name.Length > MaxNameLength)
        {
            return $"Byline {index}: a name is at most {MaxNameLength} characters; this one has {name.Length}.";
        }
        if (name.Any(UnicodeControls.IsForbiddenInText) || UnicodeControls.ContainsBidiControl(name))
        {
            return $"Byline {index}: the name holds characters that cannot be shown.";
        }
        checkedByline = new Byline(null, name, byline.Organization);
        return null;
    }
}

/// <summary>An article's bylines in the table that keeps them, in order.</summary>
public static class ArticleBylines
{
    public static async Task<IReadOnlyList<Byline>> ReadAsync(DbConnection connection, DbTransaction? transaction, long articleId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(
            "select user_id, name, organization from bylines where article_id = @articleId order by position",
            new { articleId }, transaction, cancellationToken: cancellationToken))).Select(row => new Byline(row.UserId, row.Name, row.Organization)).ToList();

    /// <summary>Replaces the article's bylines with <paramref name="bylines"/>, in their order.</summary>
    public static async Task WriteAsync(UnitOfWork work, long articleId, IReadOnlyList<Byline> bylines, CancellationToken cancellationToken)
    {
        await work.Connection.ExecuteAsync(work.Command("delete from bylines where article_id = @articleId", new { articleId }, cancellationToken));
        for (var position = 0; position < bylines.Count; position++)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "insert into bylines (article_id, position, user_id, name, organization) values (@articleId, @position, @userId, @name, @organization)",
                new { articleId, position, userId = bylines[position].UserId, name = bylines[position].Name, organization = bylines[position].Organization }, cancellationToken));
        }
    }

    private sealed record Row
    {
        public long? UserId { get; init; }
        public string Name { get; init; } = "";
        public bool Organization { get; init; }
    }
}
