namespace Gazette.Media.Contracts;

/// <summary>An image was added to the library (not raised when the same bytes were uploaded again).</summary>
public sealed record MediaUploaded(long MediaId);

/// <summary>An image's alt text, caption, credit, rights or focal point changed.</summary>
public sealed record MediaChanged(long MediaId);

/// <summary>An image and its files were removed; <paramref name="StoredFile"/> is its content-hashed file name, which pages may still show.</summary>
public sealed record MediaDeleted(long MediaId, string StoredFile);
