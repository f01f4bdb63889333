using System.Data.Common;
using System.Globalization;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>
/// Saves a new article with its sections, tags and bylines in one unit of work:
/// renders its Markdown once (stored HTML is what pages print), keeps the
/// section and tag counters true, and raises <see cref="ArticlePublished"/> (or
/// <see cref="ArticleChanged"/> for one the public cannot see yet), whose
/// handlers evict the cached pages that show it.
/// </summary>
public sealed class ArticlePublisher(UnitsOfWork units, ArticleStore articles, MarkdownRenderer markdown, TimeProvider time)
{
    public async Task<Article> CreateAsync(ArticleDraft draft, CancellationToken cancellationToken = default)
    {
        long id;
        await using (var work = await units.BeginAsync(cancellationToken))
        {
            id = await CreateAsync(work, draft, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        return (await articles.FindAsync(id, cancellationToken))!;
    }

    /// <summary>Creates the article inside the caller's unit of work (a batch of them, say); returns its id.</summary>
    public async Task<long> CreateAsync(UnitOfWork work, ArticleDraft draft, CancellationToken cancellationToken = default)
    {
        Validate(draft);
        var now = time.GetUtcNow();
        var publishedAt = draft.PublishedAt ?? (draft.Status == ArticleStatus.Published ? now : null);
        // WordPress's rule: "published" with a date to come is scheduled, so a published row is always public now
        // (counts, feeds and sitemaps can trust the status) and the scheduler publishes it on time.
        var status = draft.Status == ArticleStatus.Published && publishedAt > now ? ArticleStatus.Scheduled : draft.Status;
        // A back-dated story was not edited today (docs/decisions.md, 16).
        var updatedAt = publishedAt < now ? publishedAt.Value : now;
        var summary = string.IsNullOrWhiteSpace(draft.Summary) ? MarkdownRenderer.FirstParagraphText(draft.BodyMarkdown) : draft.Summary.Trim();
        var html = markdown.Render(draft.BodyMarkdown);

        var connection = work.Connection;
        var transaction = work.Transaction;
        var slug = await ArticleSlugs.UniqueAsync(connection, transaction, draft.Kind, Normalized.Slug(draft.Slug ?? draft.Title), null, cancellationToken);
        var id = await ArticleStore.InsertAsync(connection, transaction, new Article
        {
            Id = draft.Id ?? 0,
            Kind = draft.Kind,
            ParentId = draft.ParentId,
            Slug = slug,
            Title = draft.Title.Trim(),
            Summary = summary,
            BodyMarkdown = draft.BodyMarkdown,
            BodyHtml = html.Html,
            Status = status,
            PublishedAt = publishedAt,
            CreatedAt = now,
            UpdatedAt = updatedAt,
            CommentStatus = draft.CommentStatus,
            Premoderated = draft.Premoderated,
            FeaturedMediaId = draft.FeaturedMediaId,
        }, cancellationToken);

        var (sectionIds, tagIds, navigationChanged) = await ArticleTerms.FileAsync(
            connection,
            transaction,
            id,
            [.. draft.Sections.Select(name => TermKey.Named("sections", name)), .. draft.SectionsBySlug],
            [.. draft.Tags.Select(name => TermKey.Named("tags", name)), .. draft.TagsBySlug],
            cancellationToken);
        for (var position = 0; position < draft.Bylines.Count; position++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into bylines (article_id, position, user_id, name) values (@id, @position, @userId, @name)",
                new { id, position, userId = draft.BylineMembers.TryGetValue(draft.Bylines[position], out var userId) ? userId : (long?)null, name = draft.Bylines[position].Trim() },
                transaction, cancellationToken: cancellationToken));
        }
        navigationChanged |= await ArticleTerms.CountAsync(connection, transaction, Filed.None, Filed.Counted(draft.Kind, status, sectionIds, tagIds), cancellationToken);
        IReadOnlyList<long> members = [.. draft.Bylines.Select(name => draft.BylineMembers.TryGetValue(name, out var member) ? member : (long?)null).OfType<long>().Distinct()];
        IReadOnlyList<DateTimeOffset> published = publishedAt is { } at ? [at] : [];
        if (status == ArticleStatus.Published)
        {
            await work.RaiseAsync(new ArticlePublished(id, sectionIds, tagIds, navigationChanged) { MemberIds = members, PublishedAt = published }, cancellationToken);
        }
        else
        {
            // Created out of public view: nothing shows it yet.
            await work.RaiseAsync(new ArticleChanged(id, status, sectionIds, tagIds, navigationChanged) { MemberIds = members, PublishedAt = published, Shown = false }, cancellationToken);
        }
        return id;
    }

    private static void Validate(ArticleDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            throw new ArgumentException("An article needs a title.", nameof(draft));
        }
        if (draft.Kind is not (ArticleKind.Article or ArticleKind.Page))
        {
            throw new ArgumentException($"Unknown kind '{draft.Kind}'.", nameof(draft));
        }
        if (!ArticleStatus.All.Contains(draft.Status))
        {
            throw new ArgumentException($"Unknown status '{draft.Status}'.", nameof(draft));
        }
        if (draft.Sections.Concat(draft.Tags).Any(name => Normalized.Slug(name).Length == 0))
        {
            throw new ArgumentException("Every section and tag needs a name with letters or digits.", nameof(draft));
        }
        if (draft.SectionsBySlug.Concat(draft.TagsBySlug).Any(term => !Normalized.IsSlug(term.Slug) || string.IsNullOrWhiteSpace(term.Name)))
        {
            throw new ArgumentException("Every section and tag filed by slug needs a slug of lower-case letters, digits and hyphens, and a name.", nameof(draft));
        }
    }
}
