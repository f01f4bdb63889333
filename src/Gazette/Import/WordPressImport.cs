using System.Data.Common;
using Gazette.Accounts.Contracts;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Media.Contracts;
using Gazette.Settings.Contracts;

namespace Gazette.Import;

/// <summary>
/// Imports a WordPress export. The file is read twice, streaming: first whole,
/// writing nothing, so a broken file stops the import before any change and
/// the authors and terms are known; then item by item, in batches of
/// <see cref="BatchSize"/> items to a transaction, each item (the post with
/// its comments) in its own savepoint. Everything goes through the features'
/// import contracts, which raise the events a newsroom edit raises, so caches,
/// feeds and search follow. <see cref="ImportMap"/> makes a second run add nothing.
/// </summary>
public sealed class WordPressImport(UnitsOfWork units, IArticleImport articles, ICommentImport comments, IMemberImport members, IImageImport library, IImageLookup images, ISettings settings, IPasswordLinks passwordLinks, TimeProvider time)
{
    public const int BatchSize = 500;
    private const int LinksToJudgeBy = 200;
    private const string NoTitle = "(no title)";

    /// <summary>Imports the export <paramref name="open"/> reads; with <paramref name="uploads"/> (a copy of <c>wp-content/uploads</c>) its images too.</summary>
    public async Task<ImportReport> RunAsync(Func<Stream> open, string? uploads, Action<string> progress, CancellationToken cancellationToken)
    {
        var report = new ImportReport();
        var site = Survey(open, report);
        var keepIds = await articles.HoldsOnlyFreshInstallAsync(cancellationToken);
        if (keepIds)
        {
            // Only now that the whole file has been read: a broken one leaves the sample content where it was.
            await using var work = await units.BeginAsync(cancellationToken);
            report.FreshInstallRemoved = await articles.RemoveFreshInstallAsync(work, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        var users = await ImportAuthorsAsync(site, keepIds, report, cancellationToken);
        report.Permalinks = WordPressPermalinks.Infer(site.Links);
        if (report.Permalinks is { } pattern)
        {
            report.PermalinksAdopted = await settings.GetAsync(PermalinkSettingKey.Key, cancellationToken) == pattern;
            // Only into an empty site: a site with content has given out links in its own pattern.
            if (keepIds && !report.PermalinksAdopted)
            {
                await using var work = await units.BeginAsync(cancellationToken);
                await settings.SetAsync(work, PermalinkSettingKey.Key, pattern, cancellationToken);
                await work.CommitAsync(cancellationToken);
                report.PermalinksAdopted = true;
            }
        }
        if (uploads is not null)
        {
            site.Uploads = new WordPressUploads(uploads, library, images, units, time);
            foreach (var attachment in site.Attachments)
            {
                await site.Uploads.AddAsync(attachment, cancellationToken);
                progress($"{site.Uploads.Imported:N0} of {site.Attachments.Count:N0} attachments");
            }
            report.UploadsImported = site.Uploads.Imported;
            report.UploadsMissing = site.Uploads.Missing;
            report.UploadsRefused = site.Uploads.Refused;
        }

        var deferred = new List<WxrPost>();
        var batch = new List<WxrPost>();
        var done = 0;
        using (var stream = open())
        using (var reader = new WxrReader(stream))
        {
            foreach (var post in reader.ReadAll().OfType<WxrPost>())
            {
                if (post.PostType == "attachment")
                {
                    continue;
                }
                batch.Add(post);
                if (batch.Count >= BatchSize)
                {
                    done += await WriteBatchAsync(batch, deferred, site, users, keepIds, report, cancellationToken);
                    progress($"{done:N0} of {site.Items:N0} posts and pages ({stream.Position * 100 / Math.Max(1, stream.Length)}% of the file)");
                    batch.Clear();
                }
            }
        }
        done += await WriteBatchAsync(batch, deferred, site, users, keepIds, report, cancellationToken);
        // Pages whose parent came later in the file; a parent never found leaves the page at the top.
        for (var round = 0; deferred.Count > 0; round++)
        {
            var waiting = deferred.ToList();
            deferred.Clear();
            await WriteBatchAsync(waiting, round < 50 ? deferred : null, site, users, keepIds, report, cancellationToken);
        }
        progress($"{done:N0} of {site.Items:N0} posts and pages");
        await using (var work = await units.BeginAsync(cancellationToken))
        {
            await articles.AfterExplicitIdsAsync(work, cancellationToken);
            await comments.AfterExplicitIdsAsync(work, cancellationToken);
            await members.AfterExplicitIdsAsync(work, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        // Last, so a link is only handed out once its author's content is in.
        report.LinksNameLocalhost = passwordLinks.BaseUrl is null;
        foreach (var (login, id) in report.NewMembers)
        {
            report.PasswordLinks.Add((login, await passwordLinks.IssueAsync(id, cancellationToken)));
        }
        return report;
    }

    /// <summary>The first reading: the whole file is XML WordPress could have written, and what it holds besides items.</summary>
    private static SiteSurvey Survey(Func<Stream> open, ImportReport report)
    {
        var site = new SiteSurvey();
        using var stream = open();
        using var reader = new WxrReader(stream);
        foreach (var entry in reader.ReadAll())
        {
            switch (entry)
            {
                case WxrAuthor author:
                    site.Authors.TryAdd(author.Login, author);
                    break;
                case WxrTerm { Slug.Length: > 0 } term:
                    (term.IsTag ? site.Tags : site.Categories).TryAdd(term.Slug, Term(term.Slug, term.Name, term.Description));
                    if (!term.IsTag && term.Id is { } termId)
                    {
                        site.CategoryIds.TryAdd(term.Slug, termId);
                    }
                    if (!term.IsTag && term.ParentSlug is { Length: > 0 } parent && parent != term.Slug)
                    {
                        site.CategoryParents.TryAdd(term.Slug, parent);
                    }
                    break;
                case WxrGuestAuthor guest:
                    report.GuestAuthors += site.GuestAuthors.TryAdd(guest.Slug, guest.DisplayName) ? 1 : 0;
                    break;
                case WxrSkipped skipped:
                    report.Skipped[skipped.PostType] = report.Skipped.GetValueOrDefault(skipped.PostType) + 1;
                    break;
                case WxrPost post:
                    if (post.PostType == "attachment")
                    {
                        site.Attachments.Add(WxrAttachment.Of(post));
                        report.Attachments++;
                    }
                    else if (post is { PostType: "post", Status: "publish", Password.Length: 0, DateLocal: { } local } && site.Links.Count < LinksToJudgeBy)
                    {
                        site.Links.Add(new PostLink(post.Link, post.Id, post.Slug, local));
                        site.Items++;
                    }
                    else
                    {
                        site.Items++;
                    }
                    // WXR 1.0 lists no authors: its items' creators are the authors.
                    if (post.Creator.Length > 0)
                    {
                        site.Authors.TryAdd(post.Creator, new WxrAuthor(null, post.Creator, "", post.Creator));
                    }
                    foreach (var (slug, name) in post.TermNames)
                    {
                        (post.TagSlugs.Contains(slug) ? site.Tags : site.Categories).TryAdd(slug, Term(slug, name, ""));
                    }
                    break;
            }
        }
        report.Version = reader.Version ?? "";
        report.RepairedAmpersands = reader.RepairedAmpersands;
        return site;
    }

    private async Task<Dictionary<string, (long Id, string Name)>> ImportAuthorsAsync(SiteSurvey site, bool keepIds, ImportReport report, CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, (long Id, string Name)>(StringComparer.Ordinal);
        await using var work = await units.BeginAsync(cancellationToken);
        foreach (var author in site.Authors.Values)
        {
            var result = await members.EnsureAsync(work, new ImportedMember(keepIds ? author.Id : null, author.Login, author.DisplayName, author.Email), cancellationToken);
            users[author.Login] = (result.Id, author.DisplayName.Length > 0 ? author.DisplayName : author.Login);
            if (author.Id is { } wordPressId)
            {
                site.UserIds[wordPressId] = result.Id;
                if (wordPressId != result.Id)
                {
                    await ImportMap.RecordAsync(work, ImportMap.UserId, wordPressId.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Id, result.Login, time.GetUtcNow(), cancellationToken);
                }
            }
            if (!await ImportMap.HasAsync(work, ImportMap.User, author.Login, cancellationToken))
            {
                await ImportMap.RecordAsync(work, ImportMap.User, author.Login, result.Id, result.Login, time.GetUtcNow(), cancellationToken);
                if (result.Created)
                {
                    report.Authors++;
                    report.NewMembers.Add((result.Login, result.Id));
                    CountId(report, keepIds && author.Id is not null, author.Id == result.Id);
                }
            }
        }
        foreach (var (kind, terms) in new[] { (ImportMap.Category, site.Categories), (ImportMap.Tag, site.Tags) })
        {
            foreach (var (slug, term) in terms)
            {
                if (!await ImportMap.HasAsync(work, kind, slug, cancellationToken))
                {
                    // Filed by this slug made ASCII (decision 126): the old links to a non-ASCII one find the new one here.
                    await ImportMap.RecordAsync(work, kind, slug, null, term.FiledSlug, time.GetUtcNow(), cancellationToken);
                    await articles.AddTermAsync(work, kind == ImportMap.Tag, term, cancellationToken);
                    if (kind == ImportMap.Category && site.CategoryIds.TryGetValue(slug, out var termId))
                    {
                        await ImportMap.RecordAsync(work, ImportMap.CategoryId, termId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, term.FiledSlug, time.GetUtcNow(), cancellationToken);
                    }
                    if (kind == ImportMap.Category)
                    {
                        report.Sections++;
                        await NestAsync(work, slug, term, site, report, cancellationToken);
                    }
                    else
                    {
                        report.Tags++;
                    }
                }
            }
        }
        await work.CommitAsync(cancellationToken);
        return users;
    }

    /// <summary>
    /// A category new to this site goes under its parent, wherever the parent is in the file (the first
    /// reading knew them all); one seen by an earlier import stays where the newsroom has put it since.
    /// </summary>
    private async Task NestAsync(UnitOfWork work, string slug, ImportedTerm term, SiteSurvey site, ImportReport report, CancellationToken cancellationToken)
    {
        if (!site.CategoryParents.TryGetValue(slug, out var parentSlug))
        {
            return;
        }
        var parent = site.Categories.GetValueOrDefault(parentSlug) ?? Term(parentSlug, parentSlug, "");
        if (!await articles.NestSectionAsync(work, term, parent, cancellationToken))
        {
            report.LeftAtTop.Add(slug);
        }
    }

    /// <summary>Writes a batch in one transaction; returns how many items it went through. A page whose parent is not in yet waits in <paramref name="deferred"/> (null: it goes in without one).</summary>
    private async Task<int> WriteBatchAsync(List<WxrPost> batch, List<WxrPost>? deferred, SiteSurvey site, Dictionary<string, (long Id, string Name)> users, bool keepIds, ImportReport report, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        foreach (var post in batch)
        {
            var kind = post.PostType == "page" ? ImportMap.Page : ImportMap.Post;
            var sourceId = post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (await ImportMap.HasAsync(work, kind, sourceId, cancellationToken))
            {
                report.AlreadyImported++;
                continue;
            }
            long? parentId = null;
            if (kind == ImportMap.Page && post.ParentId > 0)
            {
                parentId = await ImportMap.FindAsync(work, ImportMap.Page, post.ParentId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                if (parentId is null && deferred is not null)
                {
                    deferred.Add(post);
                    continue;
                }
            }
            try
            {
                await work.StepAsync(() => WritePostAsync(work, post, kind, sourceId, parentId, site, users, keepIds, report, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is DbException or ArgumentException)
            {
                // The step's savepoint is undone: the item and its comments are out, the rest goes on, the report names it.
                report.Failed.Add($"{post.PostType} {post.Id}: {ex.Message}");
            }
        }
        await work.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private async Task WritePostAsync(UnitOfWork work, WxrPost post, string kind, string sourceId, long? parentId, SiteSurvey site, Dictionary<string, (long Id, string Name)> users, bool keepIds, ImportReport report, CancellationToken cancellationToken)
    {
        var (status, publishedAt) = WordPressStatus.Of(post);
        var content = WordPressContent.Convert(post.Content, post.Excerpt, html =>
        {
            var expanded = WordPressShortcodes.Galleries(html, post.Id, site);
            return site.Uploads?.Rewrite(expanded) ?? expanded;
        });
        var thumbnail = post.Meta.FirstOrDefault(meta => meta.Key == "_thumbnail_id").Value;
        var keepId = keepIds && !await articles.ExistsAsync(work, post.Id, cancellationToken);
        var bylines = Bylines(post, users, site);
        var title = WordPressContent.PlainText(post.Title);
        List<string> oldSlugs = [.. post.Meta.Where(meta => meta.Key == "_wp_old_slug" && meta.Value.Length > 0 && meta.Value != post.Slug).Select(meta => meta.Value).Distinct(StringComparer.Ordinal)];
        var id = await articles.AddAsync(work, new ImportedArticle(
            keepId ? post.Id : null,
            kind == ImportMap.Page,
            parentId,
            title.Length > 0 ? title : NoTitle,
            content.Html,
            content.Summary,
            // WordPress keeps a non-ASCII slug percent-encoded; Gazette makes its own slug of the letters.
            Uri.UnescapeDataString(post.Slug),
            status,
            publishedAt,
            post.CommentsOpen,
            Terms(post.CategorySlugs, site.Categories),
            Terms(post.TagSlugs, site.Tags),
            bylines,
            oldSlugs,
            long.TryParse(thumbnail, out var attachmentId) ? site.Uploads?.MediaOf(attachmentId) : null,
            OldPath(post)), cancellationToken);
        await ImportMap.RecordAsync(work, kind, sourceId, id, post.Slug, time.GetUtcNow(), cancellationToken);
        CountId(report, keepIds, id == post.Id);
        if (kind == ImportMap.Page)
        {
            report.Pages++;
        }
        else
        {
            report.Posts++;
            report.Redirects += publishedAt is null ? 0 : oldSlugs.Count;
        }
        report.Sticky += post.Sticky ? 1 : 0;
        report.PasswordProtected += post.Password.Length > 0 ? 1 : 0;
        await WriteCommentsAsync(work, post, id, site, keepIds, report, cancellationToken);
    }

    /// <summary>
    /// A post's bylines: Co-Authors Plus's, in its order (a member by the slug of
    /// their login, else a guest author by name), or else the post's author.
    /// </summary>
    private static List<ImportedByline> Bylines(WxrPost post, Dictionary<string, (long Id, string Name)> users, SiteSurvey site)
    {
        List<ImportedByline> bylines = [];
        if (post.AuthorSlugs.Count > 0)
        {
            site.UsersBySlug ??= users.DistinctBy(user => Normalized.Slug(user.Key)).ToDictionary(user => Normalized.Slug(user.Key), user => user.Value, StringComparer.Ordinal);
            foreach (var slug in post.AuthorSlugs)
            {
                if (users.TryGetValue(slug, out var member) || site.UsersBySlug.TryGetValue(Normalized.Slug(slug), out member))
                {
                    bylines.Add(new ImportedByline(member.Name, member.Id));
                }
                else if (site.GuestAuthors.TryGetValue(slug, out var guest))
                {
                    bylines.Add(new ImportedByline(guest));
                }
            }
        }
        if (bylines.Count == 0 && users.TryGetValue(post.Creator, out var author))
        {
            bylines.Add(new ImportedByline(author.Name, author.Id));
        }
        return bylines;
    }

    /// <summary>The path the old site served a post at (its export's link); none for plain <c>?p=</c> links, which the old-link routes answer.</summary>
    private static string? OldPath(WxrPost post) =>
        Uri.TryCreate(post.Link, UriKind.Absolute, out var uri) && uri.Query.Length == 0 && uri.AbsolutePath.Length > 1 ? uri.AbsolutePath : null;

    /// <summary>Parents before replies, whatever the file's order; a reply whose parent is missing joins the thread at the top.</summary>
    private async Task WriteCommentsAsync(UnitOfWork work, WxrPost post, long articleId, SiteSurvey site, bool keepIds, ImportReport report, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<long, long>();
        var waiting = post.Comments.OrderBy(comment => comment.Id).ToList();
        var inThisPost = waiting.Select(comment => comment.Id).ToHashSet();
        while (waiting.Count > 0)
        {
            var ready = waiting.Where(comment => comment.ParentId == 0 || ids.ContainsKey(comment.ParentId) || !inThisPost.Contains(comment.ParentId)).ToList();
            if (ready.Count == 0)
            {
                // A loop of parents (a damaged export): the rest go in at the top.
                ready = waiting;
            }
            foreach (var comment in ready)
            {
                waiting.Remove(comment);
                var keepId = keepIds && !await comments.ExistsAsync(work, comment.Id, cancellationToken);
                var id = await comments.AddAsync(work, new ImportedThreadComment(
                    keepId ? comment.Id : null,
                    articleId,
                    ids.TryGetValue(comment.ParentId, out var parent) ? parent : null,
                    WordPressStatus.OfComment(comment.Approved),
                    comment.Author.Length > 0 ? comment.Author : "Anonymous",
                    comment.AuthorEmail,
                    WebAddress(comment.AuthorUrl),
                    comment.AuthorIp,
                    comment.Content,
                    comment.DateGmt ?? (comment.DateLocal is { } local ? new DateTimeOffset(local, TimeSpan.Zero) : time.GetUtcNow()),
                    site.UserIds.TryGetValue(comment.UserId, out var member) ? member : null), cancellationToken);
                ids[comment.Id] = id;
                await ImportMap.RecordAsync(work, ImportMap.Comment, comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), id, "", time.GetUtcNow(), cancellationToken);
                CountId(report, keepIds, id == comment.Id);
                report.Comments++;
            }
        }
    }

    /// <summary>A commenter's web address if it is one a reader may follow (http or https), else none.</summary>
    private static string WebAddress(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? url.Trim() : "";

    private static void CountId(ImportReport report, bool keepIds, bool kept)
    {
        if (!keepIds)
        {
            return;
        }
        if (kept)
        {
            report.IdsKept++;
        }
        else
        {
            report.IdsNew++;
        }
    }

    private static List<ImportedTerm> Terms(IReadOnlyList<string> slugs, Dictionary<string, ImportedTerm> terms) =>
        [.. slugs.Distinct(StringComparer.Ordinal).Select(slug => terms.GetValueOrDefault(slug) ?? Term(slug, slug, "")).Where(term => Normalized.Slug(Uri.UnescapeDataString(term.Slug) + " " + term.Name).Length > 0)];

    /// <summary>A term by its WordPress slug; its name as text, or the slug when the name is empty.</summary>
    private static ImportedTerm Term(string slug, string name, string description)
    {
        var text = WordPressContent.PlainText(name);
        return new ImportedTerm(slug, text.Length > 0 ? text : Uri.UnescapeDataString(slug), WordPressContent.PlainText(description));
    }

    /// <summary>What the first reading learnt: the authors (by login), the terms (by slug), how many items.</summary>
    private sealed class SiteSurvey : IWxrAttachmentLookup
    {
        private Dictionary<long, WxrAttachment>? _attachmentsById;
        private ILookup<long, WxrAttachment>? _attachmentsByParent;

        public Dictionary<string, WxrAuthor> Authors { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ImportedTerm> Categories { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ImportedTerm> Tags { get; } = new(StringComparer.Ordinal);

        /// <summary>A category's parent, both by WordPress's slug.</summary>
        public Dictionary<string, string> CategoryParents { get; } = new(StringComparer.Ordinal);

        /// <summary>WordPress's term ids of the categories, by slug.</summary>
        public Dictionary<string, long> CategoryIds { get; } = new(StringComparer.Ordinal);
        public Dictionary<long, long> UserIds { get; } = [];
        public List<WxrAttachment> Attachments { get; } = [];

        /// <summary>Co-Authors Plus guest authors' names by slug.</summary>
        public Dictionary<string, string> GuestAuthors { get; } = new(StringComparer.Ordinal);

        /// <summary>The members by the slug Co-Authors Plus files them under (the login as WordPress makes it a nicename), made once.</summary>
        public Dictionary<string, (long Id, string Name)>? UsersBySlug { get; set; }
        public List<PostLink> Links { get; } = [];
        public WordPressUploads? Uploads { get; set; }
        public int Items { get; set; }

        public WxrAttachment? Find(long id) =>
            (_attachmentsById ??= Attachments.DistinctBy(attachment => attachment.Id).ToDictionary(attachment => attachment.Id)).GetValueOrDefault(id);

        public IEnumerable<WxrAttachment> UploadedTo(long postId) =>
            (_attachmentsByParent ??= Attachments.OrderBy(attachment => attachment.Id).ToLookup(attachment => attachment.ParentId))[postId];
    }
}
