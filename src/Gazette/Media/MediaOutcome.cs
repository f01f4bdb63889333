namespace Gazette.Media;

public enum MediaOutcomeStatus
{
    Done,
    Invalid,
    Forbidden,
    NotFound,
    InUse,
}

/// <summary>
/// What a library call did: the image, or what was wrong, keyed by the form
/// field it belongs beside (<see cref="MediaFields"/>); never an exception for bad input.
/// </summary>
public sealed record MediaOutcome(MediaOutcomeStatus Status, MediaItem? Item, IReadOnlyDictionary<string, string> Errors, bool Reused = false)
{
    public bool Succeeded => Status == MediaOutcomeStatus.Done;

    public static MediaOutcome Done(MediaItem item, bool reused = false) => new(MediaOutcomeStatus.Done, item, new Dictionary<string, string>(), reused);

    public static MediaOutcome Invalid(IReadOnlyDictionary<string, string> errors) => new(MediaOutcomeStatus.Invalid, null, errors);

    public static MediaOutcome Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    public static MediaOutcome Forbidden(string message) => new(MediaOutcomeStatus.Forbidden, null, new Dictionary<string, string> { [MediaFields.Form] = message });

    public static MediaOutcome NotFound() => new(MediaOutcomeStatus.NotFound, null, new Dictionary<string, string> { [MediaFields.Form] = "This image no longer exists." });
}

/// <summary>The field names errors are keyed by: the upload and edit forms' own names.</summary>
public static class MediaFields
{
    public const string File = "file";
    public const string Alt = "alt";
    public const string Caption = "caption";
    public const string Credit = "credit";
    public const string Rights = "rights";
    public const string Focal = "focal";

    /// <summary>What is wrong with the request as a whole (a role that may not, an image that is gone or in use).</summary>
    public const string Form = "";
}
