namespace Gazette.Comments;

/// <summary>
/// What a moderation action did: how many comments it changed (and the id of
/// one it made), or why it did nothing, each reason keyed by the field it is
/// about (<see cref="WholeForm"/> when it is about the whole request).
/// </summary>
public sealed record ModerationResult
{
    public const string WholeForm = "form";
    public const string IdsField = "ids";
    public const string TextField = "text";
    public const string StatusField = "status";
    public const string EmailField = "email";

    public static readonly ModerationResult Refused = Failed(WholeForm, "Only editors and administrators moderate comments.");

    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public int Changed { get; init; }

    /// <summary>The comment the action wrote (a staff reply).</summary>
    public long? CreatedId { get; init; }

    public bool Succeeded => Errors.Count == 0;

    public static ModerationResult Done(int changed, long? createdId = null) => new() { Changed = changed, CreatedId = createdId };

    public static ModerationResult Failed(string field, string message) =>
        new() { Errors = new Dictionary<string, string>(StringComparer.Ordinal) { [field] = message } };
}
