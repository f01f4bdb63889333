using System.Globalization;
using System.Security.Cryptography;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Media.Contracts;
using Gazette.Web;

namespace Gazette.Media;

/// <summary>
/// The newsroom's image library, what the admin pages and the upload endpoint
/// call: upload (authors and above), list, get, change the words and focal
/// point (the uploader, or editors), delete (the uploader while nothing uses
/// the image, or editors).
/// </summary>
public sealed class MediaLibrary(
    MediaStore store,
    MediaFolder folder,
    UnitsOfWork units,
    IEnumerable<IMediaReferences> references,
    TimeProvider time,
    ILogger<MediaLibrary> logger) : IImageImport, IMediaUploads
{
    public const int PageSize = 40;

    private const int MaxAlt = 1000;
    private const int MaxCaption = 2000;
    private const int MaxCredit = 300;
    private const int MaxRights = 1000;
    private const int MaxFileName = 255;

    public async Task<UploadResult> UploadAsync(NewsroomUser actor, MediaUpload upload, CancellationToken cancellationToken = default)
    {
        var outcome = await UploadAsync(actor, upload.File, upload.FileName, upload.Alt, upload.Caption, cancellationToken);
        if (outcome.Succeeded)
        {
            return new(UploadOutcome.Done, outcome.Item!.Id);
        }
        if (outcome.Status == MediaOutcomeStatus.Forbidden)
        {
            return new(UploadOutcome.Forbidden, null);
        }
        if (outcome.Errors.TryGetValue(MediaFields.File, out var file))
        {
            var kind = file switch
            {
                ImageIntake.TooLarge => UploadOutcome.TooLarge,
                ImageIntake.NoFile => UploadOutcome.Empty,
                _ => UploadOutcome.NotAnImage,
            };
            return new(kind, null, MediaFields.File, file);
        }
        var (field, problem) = outcome.Errors.First();
        return new(UploadOutcome.Invalid, null, field == MediaFields.Caption ? UploadFields.Caption : UploadFields.Alt, problem);
    }

    public Task<MediaOutcome> UploadAsync(NewsroomUser actor, Stream file, string? fileName, string? altText, CancellationToken cancellationToken = default) =>
        UploadAsync(actor, file, fileName, altText, null, cancellationToken);

    private async Task<MediaOutcome> UploadAsync(NewsroomUser actor, Stream file, string? fileName, string? altText, string? caption, CancellationToken cancellationToken)
    {
        if (!actor.CanUpload)
        {
            return MediaOutcome.Forbidden("Contributors cannot upload images: ask an editor.");
        }
        var errors = new Dictionary<string, string>();
        var alt = Clean(altText);
        if (alt.Length == 0)
        {
            errors[MediaFields.Alt] = "Describe the image for readers who cannot see it (alt text).";
        }
        else if (alt.Length > MaxAlt)
        {
            errors[MediaFields.Alt] = $"Keep the alt text under {MaxAlt:N0} characters.";
        }
        var captionText = Clean(caption);
        if (captionText.Length > MaxCaption)
        {
            errors[MediaFields.Caption] = $"Keep the caption under {MaxCaption:N0} characters.";
        }
        var intake = await ImageIntake.ProcessAsync(file, cancellationToken);
        if (intake.Refusal is not null)
        {
            errors[MediaFields.File] = intake.Refusal;
        }
        if (errors.Count > 0)
        {
            return MediaOutcome.Invalid(errors);
        }
        var (stored, created) = await StoreAsync(intake.Image!, fileName, alt, captionText, "", actor.Id, cancellationToken);
        return MediaOutcome.Done(stored, reused: !created);
    }

    public async Task<ImportedImage> ImportAsync(Stream image, string fileName, string alt, string credit, string caption, CancellationToken cancellationToken = default)
    {
        var intake = await ImageIntake.ProcessAsync(image, cancellationToken);
        if (intake.Refusal is not null)
        {
            return new ImportedImage(null, intake.Refusal);
        }
        var (stored, _) = await StoreAsync(intake.Image!, fileName, Clean(alt), Clean(caption), Clean(credit), null, cancellationToken);
        return new ImportedImage(stored.Id, null);
    }

    private async Task<(MediaItem Stored, bool Created)> StoreAsync(ProcessedImage image, string? fileName, string alt, string caption, string credit, long? uploadedBy, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(image.Original));
        var name = MediaNames.Original(hash, image.Type);
        // Files first, then the row: a crash between leaves files no row names (the next upload of the bytes reuses them), never a row without files.
        folder.Write(name, image.Original);
        foreach (var variant in image.Variants)
        {
            folder.Write(MediaNames.Variant(name, variant.Width), variant.WebP);
        }
        var item = new MediaItem
        {
            ContentHash = hash,
            Name = name,
            OriginalName = DisplayName(fileName, image.Type),
            MimeType = image.Type.MimeType,
            Width = image.Width,
            Height = image.Height,
            ByteSize = image.Original.Length,
            VariantWidths = string.Join(',', image.Variants.Select(variant => variant.Width.ToString(CultureInfo.InvariantCulture))),
            AltText = alt,
            Caption = caption,
            Credit = credit,
            UsageRights = "",
            FocalX = 0.5,
            FocalY = 0.5,
            UploadedBy = uploadedBy,
            UploadedAt = time.GetUtcNow(),
        };
        await using var work = await units.BeginAsync(cancellationToken);
        var (stored, created) = await store.InsertAsync(work, item, cancellationToken);
        if (created)
        {
            await work.RaiseAsync(new MediaUploaded(stored.Id), cancellationToken);
        }
        await work.CommitAsync(cancellationToken);
        return (stored, created);
    }

    public Task<MediaPage> ListAsync(string? search, int page = 1, CancellationToken cancellationToken = default) =>
        store.ListAsync(search, Math.Max(1, page), PageSize, cancellationToken);

    public Task<MediaItem?> GetAsync(long id, CancellationToken cancellationToken = default) => store.FindAsync(id, cancellationToken);

    public async Task<MediaOutcome> UpdateAsync(NewsroomUser actor, long id, MediaMetadata metadata, CancellationToken cancellationToken = default)
    {
        var cleaned = new MediaMetadata(Clean(metadata.AltText), Clean(metadata.Caption), Clean(metadata.Credit), Clean(metadata.UsageRights), metadata.FocalX, metadata.FocalY);
        var errors = Validate(cleaned);
        if (errors.Count > 0)
        {
            return MediaOutcome.Invalid(errors);
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var item = await store.LockAsync(work, id, cancellationToken);
        if (item is null)
        {
            return MediaOutcome.NotFound();
        }
        if (!actor.MayEdit(item.UploadedBy))
        {
            return MediaOutcome.Forbidden("Only editors may change an image someone else uploaded.");
        }
        await store.UpdateMetadataAsync(work, id, cleaned, cancellationToken);
        await work.RaiseAsync(new MediaChanged(id), cancellationToken);
        await work.CommitAsync(cancellationToken);
        var moved = item with { FocalX = cleaned.FocalX, FocalY = cleaned.FocalY };
        DeleteFiles(item.CropNames.Except(moved.CropNames, StringComparer.Ordinal));
        return MediaOutcome.Done(item with
        {
            AltText = cleaned.AltText!,
            Caption = cleaned.Caption!,
            Credit = cleaned.Credit!,
            UsageRights = cleaned.UsageRights!,
            FocalX = cleaned.FocalX,
            FocalY = cleaned.FocalY,
        });
    }

    public async Task<MediaOutcome> DeleteAsync(NewsroomUser actor, long id, CancellationToken cancellationToken = default)
    {
        var found = await store.FindAsync(id, cancellationToken);
        if (found is null)
        {
            return MediaOutcome.NotFound();
        }
        if (!actor.MayEdit(found.UploadedBy) || !actor.CanUpload)
        {
            return MediaOutcome.Forbidden("Only editors may delete an image someone else uploaded.");
        }
        if (!actor.CanEditOthers)
        {
            var uses = new List<string>();
            foreach (var source in references)
            {
                uses.AddRange(await source.FindUsesAsync(id, found.Name, cancellationToken));
            }
            if (uses.Count > 0)
            {
                return new MediaOutcome(MediaOutcomeStatus.InUse, found, new Dictionary<string, string>
                {
                    [MediaFields.Form] = "This image is still used by " + string.Join(", ", uses.Take(5)) + (uses.Count > 5 ? " and others" : "") + ": only an editor may delete it.",
                });
            }
        }
        await using (var work = await units.BeginAsync(cancellationToken))
        {
            await store.DeleteAsync(work, id, cancellationToken);
            await work.RaiseAsync(new MediaDeleted(id, found.Name), cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        // The row is gone first: a failure here leaves files nothing names, never a row whose files are missing.
        DeleteFiles(found.Widths.Select(width => MediaNames.Variant(found.Name, width)).Concat(found.CropNames).Append(found.Name));
        return MediaOutcome.Done(found);
    }

    /// <summary>
    /// Makes the crop <paramref name="name"/> names, if it is one of an image's
    /// current crops (a crop for an old focal point, or of no image, is not
    /// made); true when the file is there now.
    /// </summary>
    public async Task<bool> MakeCropAsync(string name, CancellationToken cancellationToken = default)
    {
        if (MediaNames.CropOf(name) is not var (stem, shape)
            || await store.FindByStemAsync(stem, cancellationToken) is not { } item
            || !item.CropNames.Contains(name, StringComparer.Ordinal))
        {
            return false;
        }
        byte[] original;
        try
        {
            original = await File.ReadAllBytesAsync(folder.PathOf(item.Name), cancellationToken);
        }
        catch (IOException ex)
        {
            // A row whose original is gone (a restore without its media, a disk error) has no crops: a 404, said once in the log.
            logger.LogWarning(ex, "Cannot read the original {Name} to crop it", item.Name);
            return false;
        }
        var crop = await ImageIntake.OneAtATimeAsync(() => FocalCrops.Make(original, shape, item.FocalX, item.FocalY), cancellationToken);
        if (crop is null)
        {
            return false;
        }
        folder.Write(name, crop);
        return true;
    }

    private void DeleteFiles(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            try
            {
                folder.Delete(name);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not delete media file {Name}", name);
            }
        }
    }

    private static Dictionary<string, string> Validate(MediaMetadata metadata)
    {
        var errors = new Dictionary<string, string>();
        if (metadata.AltText!.Length == 0)
        {
            errors[MediaFields.Alt] = "Describe the image for readers who cannot see it (alt text).";
        }
        Limit(errors, MediaFields.Alt, metadata.AltText, MaxAlt, "alt text");
        Limit(errors, MediaFields.Caption, metadata.Caption!, MaxCaption, "caption");
        Limit(errors, MediaFields.Credit, metadata.Credit!, MaxCredit, "credit");
        Limit(errors, MediaFields.Rights, metadata.UsageRights!, MaxRights, "usage rights");
        if (!(metadata.FocalX is >= 0 and <= 1) || !(metadata.FocalY is >= 0 and <= 1))
        {
            errors[MediaFields.Focal] = "The focal point must lie within the image.";
        }
        return errors;
    }

    private static void Limit(Dictionary<string, string> errors, string field, string value, int max, string what)
    {
        if (value.Length > max)
        {
            errors.TryAdd(field, $"Keep the {what} under {max:N0} characters.");
        }
    }

    /// <summary>Trimmed, without control or bidirectional-override characters (they could disguise what an editor reads).</summary>
    private static string Clean(string? text) =>
        UnicodeControls.WithoutBidiControls(new string((text ?? "").Where(c => !UnicodeControls.IsForbiddenInText(c) || c == '\n').ToArray())).Trim();

    /// <summary>The uploaded file's own name, for editors to recognise it: its last path segment, cleaned and shortened; never used to find a file.</summary>
    private static string DisplayName(string? fileName, ImageType type)
    {
        var name = Clean(Path.GetFileName((fileName ?? "").Replace('\\', '/')).Replace("\n", " ", StringComparison.Ordinal));
        if (name.Length == 0)
        {
            name = "image." + type.Extension;
        }
        return name.Length <= MaxFileName ? name : name[..MaxFileName];
    }
}
