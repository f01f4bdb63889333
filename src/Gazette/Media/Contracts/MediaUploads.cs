using Gazette.Web;

namespace Gazette.Media.Contracts;

/// <summary>An image a member sends from outside the library's pages (the WordPress API), with the words that describe it.</summary>
public sealed record MediaUpload(Stream File, string? FileName, string? Alt, string? Caption);

public enum UploadOutcome
{
    Done,

    /// <summary>The member's role may not upload.</summary>
    Forbidden,

    /// <summary>The file holds nothing.</summary>
    Empty,

    /// <summary>The file is larger than the library takes.</summary>
    TooLarge,

    /// <summary>The bytes are not an image the library takes, or a damaged one: <see cref="UploadResult.Problem"/> says which.</summary>
    NotAnImage,

    /// <summary>The words are refused: <see cref="UploadResult.Field"/> (alt or caption) and why.</summary>
    Invalid,
}

public sealed record UploadResult(UploadOutcome Outcome, long? MediaId, string? Field = null, string? Problem = null);

/// <summary>The field names an upload refusal is keyed by.</summary>
public static class UploadFields
{
    public const string Alt = "alt";
    public const string Caption = "caption";
}

/// <summary>
/// Uploads through the library's own intake: the same rights, size and type
/// checks, metadata stripping, copies, rows and events as the upload page;
/// the same bytes twice give the same image.
/// </summary>
public interface IMediaUploads
{
    Task<UploadResult> UploadAsync(NewsroomUser actor, MediaUpload upload, CancellationToken cancellationToken = default);
}
