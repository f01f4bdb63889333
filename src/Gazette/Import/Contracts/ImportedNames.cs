namespace Gazette.Import.Contracts;

/// <summary>
/// What an imported WordPress site called things that Gazette names otherwise,
/// from the import map: for old links whose name WordPress made and Gazette did
/// not keep (an author page named after the login, a term whose slug was taken).
/// </summary>
public interface IImportedNames
{
    /// <summary>
    /// The article or page an imported WordPress post or page became; null when none was
    /// imported with that id (then WordPress's id is Gazette's: kept by an import into an empty site, or native).
    /// </summary>
    Task<long?> ArticleAsync(long wordPressId, CancellationToken cancellationToken);

    /// <summary>The member an imported author became, found by WordPress's author-page name (its login made into a slug); null when none.</summary>
    Task<long?> MemberAsync(string authorSlug, CancellationToken cancellationToken);

    /// <summary>The member an imported author became, by WordPress's user id; null when the import kept the id (or none was imported with it).</summary>
    Task<long?> MemberAsync(long wordPressId, CancellationToken cancellationToken);

    /// <summary>The Gazette slug of the section an imported category became, by WordPress's term id; null when none.</summary>
    Task<string?> SectionSlugAsync(long wordPressTermId, CancellationToken cancellationToken);

    /// <summary>The Gazette slug of an imported category (<paramref name="tag"/> false) or tag by its WordPress slug; null when none.</summary>
    Task<string?> TermSlugAsync(bool tag, string wordPressSlug, CancellationToken cancellationToken);
}
