namespace Gazette.Import;

/// <summary>What an import did, counted, for the lines the command prints at the end.</summary>
public sealed class ImportReport
{
    public string Version { get; set; } = "";
    public int Posts { get; set; }
    public int Pages { get; set; }
    public int Comments { get; set; }
    public int Authors { get; set; }
    public int Sections { get; set; }
    public int Tags { get; set; }
    public int Redirects { get; set; }

    /// <summary>Things found in the map from an earlier import and left as they are.</summary>
    public int AlreadyImported { get; set; }
    public int IdsKept { get; set; }

    /// <summary>Articles of a fresh install (the sample article, the policy drafts) the import replaced.</summary>
    public int FreshInstallRemoved { get; set; }
    public int IdsNew { get; set; }
    public int Sticky { get; set; }
    public int PasswordProtected { get; set; }
    public int Attachments { get; set; }
    public int GuestAuthors { get; set; }
    public int RepairedAmpersands { get; set; }

    /// <summary>The old site's permalink structure, when its links tell it.</summary>
    public string? Permalinks { get; set; }
    public bool PermalinksAdopted { get; set; }

    /// <summary>Null: no <c>--uploads</c> folder was given.</summary>
    public int? UploadsImported { get; set; }
    public int UploadsMissing { get; set; }
    public int UploadsRefused { get; set; }

    /// <summary>Items that are not content, by post type.</summary>
    public SortedDictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>Items Gazette refused, each with its reason; the import went on without them.</summary>
    public List<string> Failed { get; } = [];

    /// <summary>Categories left at the top: their parent sits beneath them (a damaged export's loop) or has no usable slug.</summary>
    public List<string> LeftAtTop { get; } = [];

    /// <summary>The accounts made without a password.</summary>
    public List<(string Login, long Id)> NewMembers { get; } = [];

    /// <summary>A one-time link for each new account to set its password.</summary>
    public List<(string Login, string Link)> PasswordLinks { get; } = [];

    /// <summary>The site's address is not configured, so the links name localhost.</summary>
    public bool LinksNameLocalhost { get; set; }

    public IEnumerable<string> Lines(string file)
    {
        yield return $"Imported from {file} (WXR {(Version.Length > 0 ? Version : "version not stated")}): {Posts} posts, {Pages} pages, {Comments} comments, {Authors} new authors, {Sections} sections, {Tags} tags, {Redirects} redirects from old slugs.";
        if (FreshInstallRemoved > 0)
        {
            yield return $"The fresh install's sample article and policy drafts ({FreshInstallRemoved}) were removed, so WordPress's content keeps its ids; Gazette does not add them again.";
        }
        if (IdsKept + IdsNew > 0)
        {
            yield return IdsNew == 0
                ? "WordPress's ids were kept."
                : $"WordPress's ids were kept for {IdsKept} of {IdsKept + IdsNew} things; the others had theirs taken already and got new ones.";
        }
        yield return (Permalinks, PermalinksAdopted) switch
        {
            (null, _) => "Permalinks: the old site's structure is not one Gazette writes (or its links are ?p=); Gazette's pattern stays, and old links need redirects.",
            (var pattern, true) => $"Permalinks: the site now makes links as WordPress did, {pattern}.",
            (var pattern, false) => $"Permalinks: WordPress made links as {pattern}; this site already had articles, so its pattern stays (change it in the settings if you wish).",
        };
        if (AlreadyImported > 0)
        {
            yield return $"Already imported by an earlier run, left as they are: {AlreadyImported}.";
        }
        if (Skipped.Count > 0)
        {
            yield return "Skipped (not content): " + string.Join(", ", Skipped.Select(pair => $"{pair.Value} {pair.Key}")) + ".";
        }
        if (Attachments > 0 && UploadsImported is { } imported)
        {
            yield return $"Attachments: {imported} of {Attachments} in the media library (or there from an earlier run: {Attachments - imported - UploadsMissing - UploadsRefused}), {UploadsMissing} not found in the uploads folder, {UploadsRefused} not images Gazette takes; links to those keep their original URLs.";
        }
        else if (Attachments > 0)
        {
            yield return $"Attachments: {Attachments} not imported (no --uploads folder); posts keep their original URLs, so the old site must keep serving them.";
        }
        if (GuestAuthors > 0)
        {
            yield return $"Guest authors: {GuestAuthors} (Co-Authors Plus) are bylines without an account.";
        }
        if (RepairedAmpersands > 0)
        {
            yield return $"Repaired: {RepairedAmpersands} unescaped ampersands (as WordPress writes them in commenters' URLs) read as '&'.";
        }
        if (Sticky > 0)
        {
            yield return $"Sticky: {Sticky} posts were sticky in WordPress; Gazette has no sticky posts, so they are ordinary articles.";
        }
        if (PasswordProtected > 0)
        {
            yield return $"Password-protected: {PasswordProtected} posts are private (Gazette has no post passwords; only the newsroom sees them).";
        }
        if (LeftAtTop.Count > 0)
        {
            yield return $"Sections left at the top, as their parent category sits beneath them or has no usable slug (place them on the newsroom's Sections page): {string.Join(", ", LeftAtTop)}.";
        }
        if (Failed.Count > 0)
        {
            yield return $"Not imported ({Failed.Count}; fix them in WordPress and import again, the rest stays as it is):";
            foreach (var failure in Failed)
            {
                yield return "  " + failure;
            }
        }
        if (PasswordLinks.Count > 0)
        {
            yield return "New authors have no password and cannot log in until they set one; send each their link (it works once, for 7 days; 'gazette user invite LOGIN' makes a new one):";
            foreach (var (login, link) in PasswordLinks)
            {
                yield return $"  {login}: {link}";
            }
            if (LinksNameLocalhost)
            {
                yield return "  (Gazette:Site:BaseUrl is not set, so the links name localhost: set it to the site's address and run 'gazette user invite LOGIN'.)";
            }
        }
    }
}
