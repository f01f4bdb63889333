using Gazette.Web;

namespace Gazette.Articles.Contracts;

/// <summary>A new section or tag as a caller outside the newsroom's pages (the WordPress API) asks for it.</summary>
/// <param name="Slug">Null or empty: made from the name.</param>
/// <param name="ParentId">The section a new section goes under (null: at the top); tags have none.</param>
public sealed record TermWrite(PublicTermKind Kind, string Name, string? Slug, string? Description, long? ParentId = null);

public enum TermWriteOutcome
{
    Done,

    /// <summary>A term of the kind already has the name: <see cref="TermWriteResult.TermId"/> is that term.</summary>
    Exists,

    /// <summary>The slug asked for is another term's: <see cref="TermWriteResult.Problem"/> says so.</summary>
    SlugTaken,

    /// <summary>Refused for a field: <see cref="TermWriteResult.Field"/> (name, slug or description) and why.</summary>
    Invalid,

    /// <summary>The member's role may not make a term of this kind.</summary>
    Forbidden,
}

public sealed record TermWriteResult(TermWriteOutcome Outcome, long? TermId, string? Field = null, string? Problem = null);

/// <summary>The names of the fields a term refusal is keyed by.</summary>
public static class TermWriteFields
{
    public const string Name = "name";
    public const string Slug = "slug";
    public const string Description = "description";
    public const string Parent = "parent";
}

/// <summary>
/// Makes sections and tags for a member of the newsroom with the editor's own
/// rule for names (a name that a term has is that term), in one unit of work
/// that announces the new term.
/// </summary>
public interface ITermWrites
{
    Task<TermWriteResult> CreateAsync(NewsroomUser actor, TermWrite write, CancellationToken cancellationToken = default);
}
