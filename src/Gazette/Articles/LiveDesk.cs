using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Rendering;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

public enum LiveOutcome
{
    Done,
    Invalid,
    NotFound,
    Forbidden,
}

/// <summary>What the live desk answers: done (with the entry's id when one was written), or the errors by field, or a refusal.</summary>
public sealed record LiveResult(LiveOutcome Outcome, IReadOnlyDictionary<string, string> Errors, long? EntryId = null)
{
    public static readonly LiveResult NotFound = new(LiveOutcome.NotFound, new Dictionary<string, string>());

    public static readonly LiveResult Forbidden = new(LiveOutcome.Forbidden, new Dictionary<string, string>());

    public static LiveResult Done(long? entryId = null) => new(LiveOutcome.Done, new Dictionary<string, string>(), entryId);

    public static LiveResult Invalid(IReadOnlyDictionary<string, string> errors) => new(LiveOutcome.Invalid, errors);
}

/// <summary>An article as the live desk shows it: its coverage (null before it starts) and a page of its entries, newest first.</summary>
public sealed record LiveDeskView(Article Article, LiveBlog? Blog, IReadOnlyList<LiveEntry> Entries, long? OlderBefore);

/// <summary>
/// The newsroom's live desk: starts and ends an article's live coverage and posts, edits and
/// deletes its entries, for the members who may edit the article (<see cref="ArticleRules"/>).
/// Each change is one unit of work with an audit line and <see cref="LiveBlogUpdated"/>, whose
/// subscribers evict the article's page, its live endpoint and its feeds.
/// </summary>
public sealed class LiveDesk(Database database, UnitsOfWork units, MarkdownRenderer markdown, TimeProvider time)
{
    /// <summary>Entries a page of the desk lists.</summary>
    public const int PageSize = 50;

    /// <summary>Only an article (not a page) outside the trash has live coverage, and only those who may edit it run it.</summary>
    public static bool May(NewsroomUser actor, Article article) =>
        article.Kind == ArticleKind.Article && article.Status != ArticleStatus.Trash && ArticleRules.May(actor, ArticleAction.Save, article);

    public async Task<(LiveOutcome Outcome, LiveDeskView? View)> OpenAsync(NewsroomUser actor, long articleId, long? before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var article = await ArticleStore.FindAsync(connection, null, articleId, cancellationToken);
        if (article is null || article.Kind != ArticleKind.Article)
        {
            return (LiveOutcome.NotFound, null);
        }
        if (!May(actor, article))
        {
            return (LiveOutcome.Forbidden, null);
        }
        var blog = await LiveEntries.FindBlogAsync(connection, null, articleId, cancellationToken);
        var entries = await LiveEntries.ListAsync(connection, articleId, before, PageSize + 1, cancellationToken);
        var older = entries.Count > PageSize ? entries[PageSize - 1].Id : (long?)null;
        return (LiveOutcome.Done, new LiveDeskView(article, blog, [.. entries.Take(PageSize)], older));
    }

    public async Task<LiveEntry?> FindEntryAsync(NewsroomUser actor, long articleId, long entryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var article = await ArticleStore.FindAsync(connection, null, articleId, cancellationToken);
        return article is not null && May(actor, article) ? await LiveEntries.FindAsync(connection, null, articleId, entryId, cancellationToken) : null;
    }

    /// <summary>Makes the article a live blog, live from now; or resumes coverage that was ended.</summary>
    public Task<LiveResult> StartAsync(NewsroomUser actor, long articleId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, "live.started", null, async (work, blog, now) =>
        {
            if (blog is { IsLive: true })
            {
                return LiveResult.Invalid(new Dictionary<string, string> { ["coverage"] = "The coverage is live already." });
            }
            await LiveEntries.StartAsync(work, articleId, now, cancellationToken);
            return LiveResult.Done();
        }, cancellationToken);

    /// <summary>Ends the coverage: the page stops saying Live and readers' pages stop asking for entries.</summary>
    public Task<LiveResult> EndAsync(NewsroomUser actor, long articleId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, "live.ended", null, async (work, blog, now) =>
        {
            if (blog is not { IsLive: true })
            {
                return LiveResult.Invalid(new Dictionary<string, string> { ["coverage"] = "The coverage is not live." });
            }
            await LiveEntries.EndAsync(work, articleId, now, cancellationToken);
            return LiveResult.Done();
        }, cancellationToken);

    /// <summary>Posts an entry, stamped now, by <paramref name="actor"/>; only while the coverage is live.</summary>
    public Task<LiveResult> PostAsync(NewsroomUser actor, long articleId, LiveEntryInput input, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, "live.entry_posted", null, async (work, blog, now) =>
        {
            var errors = new Dictionary<string, string>(input.Check());
            if (blog is not { IsLive: true })
            {
                errors["coverage"] = blog is null ? "Start the live coverage before posting entries." : "The coverage has ended: resume it to post again.";
            }
            if (errors.Count > 0)
            {
                return LiveResult.Invalid(errors);
            }
            var id = await LiveEntries.InsertAsync(work, new LiveEntry
            {
                ArticleId = articleId,
                Headline = input.CleanHeadline,
                BodyMarkdown = input.Body,
                BodyHtml = markdown.Render(input.Body).Html,
                KeyEvent = input.KeyEvent,
                PostedAt = now,
                UpdatedAt = now,
                AuthorId = actor.Id,
                AuthorName = actor.Name,
            }, cancellationToken);
            return LiveResult.Done(id);
        }, cancellationToken);

    /// <summary>Corrects an entry in place: its time and author stay, so its permalink and place in the blog do.</summary>
    public Task<LiveResult> EditAsync(NewsroomUser actor, long articleId, long entryId, LiveEntryInput input, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, "live.entry_edited", entryId, async (work, _, now) =>
        {
            var errors = input.Check();
            if (errors.Count > 0)
            {
                return LiveResult.Invalid(errors);
            }
            var changed = await LiveEntries.UpdateAsync(work, new LiveEntry
            {
                Id = entryId,
                ArticleId = articleId,
                Headline = input.CleanHeadline,
                BodyMarkdown = input.Body,
                BodyHtml = markdown.Render(input.Body).Html,
                KeyEvent = input.KeyEvent,
                UpdatedAt = now,
            }, cancellationToken);
            return changed == 0 ? LiveResult.NotFound : LiveResult.Done(entryId);
        }, cancellationToken);

    public Task<LiveResult> DeleteAsync(NewsroomUser actor, long articleId, long entryId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, "live.entry_deleted", entryId, async (work, _, _) =>
            await LiveEntries.DeleteAsync(work, articleId, entryId, cancellationToken) == 0 ? LiveResult.NotFound : LiveResult.Done(entryId),
            cancellationToken);

    /// <summary>One unit of work: the article checked and its coverage read, the change, then (if it was done) the audit line and the event.</summary>
    private async Task<LiveResult> ChangeAsync(NewsroomUser actor, long articleId, string action, long? entryId,
        Func<UnitOfWork, LiveBlog?, DateTimeOffset, Task<LiveResult>> change, CancellationToken cancellationToken)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var article = await ArticleStore.FindAsync(work.Connection, work.Transaction, articleId, cancellationToken);
        if (article is null || article.Kind != ArticleKind.Article)
        {
            return LiveResult.NotFound;
        }
        if (!May(actor, article))
        {
            return LiveResult.Forbidden;
        }
        var blog = await LiveEntries.FindBlogAsync(work.Connection, work.Transaction, articleId, cancellationToken);
        var result = await change(work, blog, time.GetUtcNow());
        if (result.Outcome != LiveOutcome.Done)
        {
            return result;
        }
        var entry = result.EntryId ?? entryId;
        var (sectionIds, tagIds) = await ArticleTerms.IdsAsync(work.Connection, work.Transaction, articleId, cancellationToken);
        await work.RaiseAsync(new LiveBlogUpdated(articleId, entry, sectionIds, tagIds), cancellationToken);
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), action, "article", articleId.ToString(CultureInfo.InvariantCulture),
            entry is { } id ? LiveEntryInput.Anchor(id) : "", cancellationToken);
        await work.CommitAsync(cancellationToken);
        return result;
    }
}
