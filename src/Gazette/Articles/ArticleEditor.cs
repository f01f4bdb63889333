using System.Globalization;
using System.Data.Common;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Media.Contracts;
using Gazette.Kernel;
using Gazette.Rendering;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// The newsroom's writing desk: creates drafts and saves, submits, publishes,
/// schedules, unpublishes, trashes and restores articles for a signed-in
/// member, by the rules of their role (<see cref="ArticleRules"/>). Each change
/// is one unit of work: a conditional update on the version the editor started
/// from (so of two saves from one version exactly one wins, the other gets a
/// conflict carrying both), a revision, the section and tag counts, a redirect
/// from the old permalink when a published article moves, and the event whose
/// subscribers evict the public pages that showed it. Bad input is an answer
/// with errors by field, never an exception.
/// </summary>
public sealed class ArticleEditor(Database database, UnitsOfWork units, MarkdownRenderer markdown, IEnumerable<IImageLookup> images, IEnumerable<INewsroomNames> names, Permalinks links, TimeProvider time)
{
    /// <summary>The article as the editor shows it, if the user may open it.</summary>
    public async Task<EditResult> OpenAsync(NewsroomUser actor, long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var article = await ArticleStore.FindAsync(connection, null, id, cancellationToken);
        if (article is null)
        {
            return EditResult.NotFound;
        }
        return ArticleRules.MayOpen(actor, article) ? EditResult.Done(await EditableAsync(connection, null, article, cancellationToken)) : EditResult.Forbidden;
    }

    /// <summary>A new draft owned by <paramref name="actor"/>, with their byline unless an editor gives others.</summary>
    public Task<EditResult> CreateAsync(NewsroomUser actor, ArticleInput input, CancellationToken cancellationToken = default) =>
        CreateAsync(actor, input, null, null, cancellationToken);

    /// <summary>
    /// A new draft, then <paramref name="then"/> (submit, publish or schedule at
    /// <paramref name="scheduleAt"/>) in the same unit of work, as the editor
    /// would do in two steps: either both happen or nothing is written.
    /// </summary>
    public async Task<EditResult> CreateAsync(NewsroomUser actor, ArticleInput input, ArticleAction? then, DateTimeOffset? scheduleAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var result = await CreateInAsync(work, actor, input, now, cancellationToken);
        if (result.Succeeded && then is { } action)
        {
            result = await ChangeInAsync(work, actor, result.Article!.Article.Id, result.Article.Article.Version, null, action, scheduleAt, now, cancellationToken);
        }
        if (result.Succeeded)
        {
            await work.CommitAsync(cancellationToken);
        }
        return result;
    }

    private async Task<EditResult> CreateInAsync(UnitOfWork work, NewsroomUser actor, ArticleInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (input.Kind is not (ArticleKind.Article or ArticleKind.Page) || (input.Kind == ArticleKind.Page && !actor.CanEditOthers))
        {
            // Pages (About, the policies) speak for the whole newsroom: editors and administrators make them, as in WordPress.
            return EditResult.Forbidden;
        }
        var errors = Validate(input, null, ArticleStatus.Draft, now);
        await CheckImageAsync(input, errors, cancellationToken);
        var bylines = await BylinesAsync(actor, input, input.Kind, errors, cancellationToken) ?? [new Byline(actor.Id, actor.Name)];
        var dateline = Datelines.Check(input.Dateline ?? "", errors);
        if (input.Kind == ArticleKind.Page)
        {
            await CheckParentAsync(work, input, null, errors, cancellationToken);
        }
        var slug = await SlugAsync(work, input, input.Kind, null, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult.Invalid(errors);
        }
        var article = new Article
        {
            Kind = input.Kind,
            Slug = slug,
            Title = input.Title.Trim(),
            Summary = Summary(input),
            BodyMarkdown = input.BodyMarkdown,
            BodyHtml = markdown.Render(input.BodyMarkdown).Html,
            Status = ArticleStatus.Draft,
            PublishedAt = input.PublishedAt,
            CreatedAt = now,
            UpdatedAt = now,
            CommentStatus = input.CommentStatus,
            FeaturedMediaId = input.FeaturedMediaId,
            ParentId = input.Kind == ArticleKind.Page ? input.ParentId : null,
            AuthorId = actor.Id,
            Version = 1,
            Dateline = dateline,
        };
        long id;
        try
        {
            id = await ArticleStore.InsertAsync(work.Connection, work.Transaction, article, cancellationToken);
        }
        catch (DbException ex) when (work.Dialect.IsUniqueViolation(ex))
        {
            return SlugTaken();
        }
        article = article with { Id = id };
        await ArticleBylines.WriteAsync(work, id, bylines, cancellationToken);
        var (sectionIds, tagIds, sectionCreated) = await ArticleTerms.FileAsync(work.Connection, work.Transaction, id, input.Sections, input.Tags, cancellationToken);
        var (sections, tags) = await ArticleTerms.NamesAsync(work.Connection, work.Transaction, id, cancellationToken);
        await ArticleRevisions.WriteAsync(work, article, sections, tags, bylines, actor.Id, now, cancellationToken);
        await ArticleAutosaves.DiscardAsync(work, actor.Id, null, cancellationToken);
        await work.RaiseAsync(new ArticleChanged(id, ArticleStatus.Draft, sectionIds, tagIds, sectionCreated) { Shown = false }, cancellationToken);
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), "article.created", "article", id.ToString(CultureInfo.InvariantCulture), "version 1", cancellationToken);
        return EditResult.Done(new EditableArticle(article, sections, tags, Bylines: bylines));
    }

    /// <summary>Saves the form onto version <paramref name="baseVersion"/>; the status stays (a published article changes in public at once).</summary>
    public Task<EditResult> SaveAsync(NewsroomUser actor, long id, int baseVersion, ArticleInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, baseVersion, input, ArticleAction.Save, null, cancellationToken);

    /// <summary>Submits the article for review (status pending, with who and when), saving the form too when given.</summary>
    public Task<EditResult> SubmitAsync(NewsroomUser actor, long id, int baseVersion, ArticleInput? input = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, baseVersion, input, ArticleAction.Submit, null, cancellationToken);

    /// <summary>Publishes now (or at its earlier publication date, which keeps its URL), saving the form too when given.</summary>
    public Task<EditResult> PublishAsync(NewsroomUser actor, long id, int baseVersion, ArticleInput? input = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, baseVersion, input, ArticleAction.Publish, null, cancellationToken);

    /// <summary>Schedules publication at <paramref name="at"/> (which must be in the future), saving the form too when given.</summary>
    public Task<EditResult> ScheduleAsync(NewsroomUser actor, long id, int baseVersion, DateTimeOffset at, ArticleInput? input = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, baseVersion, input, ArticleAction.Schedule, at, cancellationToken);

    /// <summary>Takes a published, scheduled or pending article back to draft: it leaves public view at once.</summary>
    public Task<EditResult> UnpublishAsync(NewsroomUser actor, long id, int baseVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, baseVersion, null, ArticleAction.Unpublish, null, cancellationToken);

    public Task<EditResult> TrashAsync(NewsroomUser actor, long id, int baseVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, baseVersion, null, ArticleAction.Trash, null, cancellationToken);

    /// <summary>Takes an article out of the trash, as a draft.</summary>
    public Task<EditResult> RestoreAsync(NewsroomUser actor, long id, int baseVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, baseVersion, null, ArticleAction.Restore, null, cancellationToken);

    /// <summary>Saves revision <paramref name="revision"/>'s content as a new version (with its own revision); the status stays.</summary>
    public async Task<EditResult> RestoreRevisionAsync(NewsroomUser actor, long id, int baseVersion, int revision, CancellationToken cancellationToken = default)
    {
        ArticleRevision? old;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            old = await ArticleRevisions.ReadAsync(connection, id, revision, cancellationToken);
        }
        return old is null ? EditResult.NotFound : await SaveAsync(actor, id, baseVersion, old.ToInput(), cancellationToken);
    }

    /// <summary>
    /// Any action from version <paramref name="baseVersion"/>, saving the form
    /// too when given (an API request changes fields and status at once); the
    /// named methods above are this with their action.
    /// </summary>
    public async Task<EditResult> ChangeAsync(NewsroomUser actor, long id, int baseVersion, ArticleInput? input, ArticleAction action, DateTimeOffset? scheduleAt, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var result = await ChangeInAsync(work, actor, id, baseVersion, input, action, scheduleAt, time.GetUtcNow(), cancellationToken);
        if (result.Succeeded)
        {
            await work.CommitAsync(cancellationToken);
        }
        return result;
    }

    private async Task<EditResult> ChangeInAsync(UnitOfWork work, NewsroomUser actor, long id, int baseVersion, ArticleInput? input, ArticleAction action, DateTimeOffset? scheduleAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await ArticleStore.FindAsync(work.Connection, work.Transaction, id, cancellationToken);
        if (current is null)
        {
            return EditResult.NotFound;
        }
        if (!ArticleRules.May(actor, action, current))
        {
            return EditResult.Forbidden;
        }
        if (current.Version != baseVersion)
        {
            return EditResult.Conflicted(new ArticleConflict(await EditableAsync(work.Connection, work.Transaction, current, cancellationToken), input, baseVersion));
        }
        if (ArticleRules.RefusalFor(action, current.Status) is { } refusal)
        {
            return EditResult.Invalid(new Dictionary<string, string> { [ArticleFields.Status] = refusal });
        }

        var status = ArticleRules.StatusAfter(action, current.Status);
        var errors = input is null ? [] : Validate(input, current, status, now);
        IReadOnlyList<Byline>? newBylines = null;
        if (input is not null)
        {
            await CheckImageAsync(input, errors, cancellationToken);
            newBylines = await BylinesAsync(actor, input, current.Kind, errors, cancellationToken);
        }
        var dateline = input?.Dateline is { } typed ? Datelines.Check(typed, errors) : current.Dateline;
        if (action == ArticleAction.Schedule && scheduleAt <= now)
        {
            errors[ArticleFields.ScheduleAt] = "Choose a time in the future.";
        }
        var slug = input is null ? current.Slug : await SlugAsync(work, input, current.Kind, current.Id, errors, cancellationToken);
        if (input is not null && current.Kind == ArticleKind.Page)
        {
            await CheckParentAsync(work, input, current.Id, errors, cancellationToken);
        }
        if (errors.Count > 0)
        {
            return EditResult.Invalid(errors);
        }

        var notice = input is null || input.Notice == NoticeKind.Minor ? null
            : new ArticleNotice { ArticleId = id, Kind = input.Notice, Note = NoticeKind.Note(input.NoticeNote), CreatedAt = now, CreatedBy = actor.Id };
        var changed = current with
        {
            Slug = slug,
            Title = input?.Title.Trim() ?? current.Title,
            Summary = input is null ? current.Summary : Summary(input),
            BodyMarkdown = input?.BodyMarkdown ?? current.BodyMarkdown,
            BodyHtml = input is null ? current.BodyHtml : markdown.Render(input.BodyMarkdown).Html,
            CommentStatus = input?.CommentStatus ?? current.CommentStatus,
            FeaturedMediaId = input is null ? current.FeaturedMediaId : input.FeaturedMediaId,
            ParentId = input is null || current.Kind != ArticleKind.Page ? current.ParentId : input.ParentId,
            Status = status,
            PublishedAt = PublishedAt(action, current, input, scheduleAt, now),
            UpdatedAt = now,
            Version = current.Version + 1,
            SubmittedBy = action == ArticleAction.Submit ? actor.Id : current.SubmittedBy,
            SubmittedAt = action == ArticleAction.Submit ? now : current.SubmittedAt,
            RevisedAt = notice is null ? current.RevisedAt : now,
            Dateline = dateline,
        };
        try
        {
            if (!await UpdateAsync(work, changed, baseVersion, cancellationToken))
            {
                // Another save committed between our read and our update (PostgreSQL lets both read): it won.
                var winner = await ArticleStore.FindAsync(work.Connection, work.Transaction, id, cancellationToken);
                return winner is null
                    ? EditResult.NotFound
                    : EditResult.Conflicted(new ArticleConflict(await EditableAsync(work.Connection, work.Transaction, winner, cancellationToken), input, baseVersion));
            }
        }
        catch (DbException ex) when (work.Dialect.IsUniqueViolation(ex))
        {
            return SlugTaken();
        }

        var (oldSectionIds, oldTagIds) = await ArticleTerms.IdsAsync(work.Connection, work.Transaction, id, cancellationToken);
        var oldPath = await PublicPathAsync(work, current, now, cancellationToken);
        var sectionIds = oldSectionIds;
        var tagIds = oldTagIds;
        var sectionCreated = false;
        if (input is not null)
        {
            (sectionIds, tagIds, sectionCreated) = await ArticleTerms.FileAsync(work.Connection, work.Transaction, id, input.Sections, input.Tags, cancellationToken);
        }
        var touchedSections = oldSectionIds.Union(sectionIds).ToList();
        var touchedTags = oldTagIds.Union(tagIds).ToList();
        var navigationChanged = await ArticleTerms.CountAsync(work.Connection, work.Transaction,
            Filed.Counted(current.Kind, current.Status, oldSectionIds, oldTagIds), Filed.Counted(changed.Kind, changed.Status, sectionIds, tagIds), cancellationToken) || sectionCreated;

        var oldBylines = await ArticleBylines.ReadAsync(work.Connection, work.Transaction, id, cancellationToken);
        if (newBylines is not null)
        {
            await ArticleBylines.WriteAsync(work, id, newBylines, cancellationToken);
        }
        var bylines = newBylines ?? oldBylines;
        var (sections, tags) = await ArticleTerms.NamesAsync(work.Connection, work.Transaction, id, cancellationToken);
        await ArticleRevisions.WriteAsync(work, changed, sections, tags, bylines, actor.Id, now, cancellationToken);
        if (notice is not null)
        {
            await ArticleNotices.AddAsync(work, notice, cancellationToken);
            await work.AuditAsync(new AuditActor(actor.Id, actor.Name), "article." + notice.Kind, "article", id.ToString(CultureInfo.InvariantCulture), notice.Note, cancellationToken);
        }
        if (input is not null)
        {
            await ArticleAutosaves.DiscardAsync(work, actor.Id, id, cancellationToken);
        }
        var newPath = await PublicPathAsync(work, changed, now, cancellationToken);
        if (oldPath is not null && newPath is not null && newPath != oldPath)
        {
            await ArticleRedirects.RecordAsync(work, oldPath, newPath, now, cancellationToken);
        }
        IReadOnlyList<long> members = [.. oldBylines.Concat(bylines).Select(byline => byline.UserId).OfType<long>().Distinct()];
        IReadOnlyList<DateTimeOffset> published = [.. new[] { current.PublishedAt, changed.PublishedAt }.OfType<DateTimeOffset>().Distinct()];
        if (changed.Status == ArticleStatus.Published && current.Status != ArticleStatus.Published)
        {
            await work.RaiseAsync(new ArticlePublished(id, touchedSections, touchedTags, navigationChanged) { MemberIds = members, PublishedAt = published }, cancellationToken);
        }
        else
        {
            await work.RaiseAsync(
                new ArticleChanged(id, changed.Status, touchedSections, touchedTags, navigationChanged) { MemberIds = members, PublishedAt = published, Shown = oldPath is not null || newPath is not null },
                cancellationToken);
        }
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), "article." + action.ToString().ToLowerInvariant(), "article", id.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"version {changed.Version}, {current.Status} to {changed.Status}"), cancellationToken);
        var permalink = await PlannedPathAsync(work.Connection, work.Transaction, changed, cancellationToken);
        return EditResult.Done(new EditableArticle(changed, sections, tags, permalink, Bylines: bylines));
    }

    /// <summary>
    /// Where the article's date goes: a schedule sets it; publishing keeps an
    /// earlier publication date (so its URL stays) or takes now; unscheduling
    /// clears it; a changed date is taken as entered (validated not in the future).
    /// </summary>
    private static DateTimeOffset? PublishedAt(ArticleAction action, Article current, ArticleInput? input, DateTimeOffset? scheduleAt, DateTimeOffset now)
    {
        var date = input?.PublishedAt is { } wanted && current.Status != ArticleStatus.Scheduled && action != ArticleAction.Schedule ? wanted : current.PublishedAt;
        return action switch
        {
            ArticleAction.Schedule => scheduleAt,
            ArticleAction.Publish => date is { } at && at <= now ? at : now,
            ArticleAction.Unpublish when current.Status == ArticleStatus.Scheduled => null,
            _ => date,
        };
    }

    /// <summary>A featured image must be in the media library (without the Media module, there is none to choose).</summary>
    private async Task CheckImageAsync(ArticleInput input, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (input.FeaturedMediaId is { } id && (images.FirstOrDefault() is not { } library || await library.FindAsync(id, cancellationToken) is null))
        {
            errors[ArticleFields.FeaturedMediaId] = "There is no image with this number in the media library.";
        }
    }

    /// <summary>
    /// The bylines a save writes: an editor's, checked, on an article; null keeps
    /// the article's. Authors and contributors cannot change bylines (decision 145),
    /// nor has a page any to show.
    /// </summary>
    private async Task<IReadOnlyList<Byline>?> BylinesAsync(NewsroomUser actor, ArticleInput input, string kind, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (input.Bylines is not { } bylines || !actor.CanEditOthers || kind != ArticleKind.Article)
        {
            return null;
        }
        var ids = bylines.Select(byline => byline.UserId).OfType<long>().ToList();
        var members = names.FirstOrDefault() is { } directory ? await directory.DisplayNamesAsync(ids, cancellationToken) : new Dictionary<long, string>();
        return BylineRules.Check(bylines, members, errors);
    }

    /// <summary>A page's parent must be another page, not one of its own descendants, and no deeper than pages may nest.</summary>
    private static async Task CheckParentAsync(UnitOfWork work, ArticleInput input, long? id, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        const int MaxDepth = 8;
        var depth = 0;
        for (var ancestor = input.ParentId; ancestor is not null; depth++)
        {
            if (ancestor == id)
            {
                errors[ArticleFields.ParentId] = "A page cannot be placed under itself or one of its own subpages.";
                return;
            }
            var parent = await work.Connection.QuerySingleOrDefaultAsync<PageChoice>(work.Command(
                "select id, title, parent_id from articles where id = @ancestor and kind = 'page' and status <> 'trash'", new { ancestor }, cancellationToken));
            if (parent is not { } found || depth >= MaxDepth)
            {
                errors[ArticleFields.ParentId] = depth >= MaxDepth ? $"Pages nest at most {MaxDepth} deep." : "Choose a page that exists and is not in the trash.";
                return;
            }
            ancestor = found.ParentId;
        }
    }

    private static Dictionary<string, string> Validate(ArticleInput input, Article? current, string status, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors[ArticleFields.Title] = "Enter a title.";
        }
        if (input.Sections.Any(name => Normalized.Slug(name).Length == 0))
        {
            errors[ArticleFields.Sections] = "Every section needs a name with letters or digits.";
        }
        if (input.Tags.Any(name => Normalized.Slug(name).Length == 0))
        {
            errors[ArticleFields.Tags] = "Every tag needs a name with letters or digits.";
        }
        if (input.CommentStatus is not (DiscussionStatus.Open or DiscussionStatus.Closed))
        {
            errors[ArticleFields.CommentStatus] = "Comments are either open or closed.";
        }
        if (input.PublishedAt is { } date && date != current?.PublishedAt && date > now && status != ArticleStatus.Scheduled)
        {
            errors[ArticleFields.PublishedAt] = "A publication date cannot be in the future: schedule the article instead.";
        }
        NoticeKind.Check(input.Notice, input.NoticeNote, current is { Kind: ArticleKind.Article, Status: ArticleStatus.Published } && status == ArticleStatus.Published, errors);
        return errors;
    }

    /// <summary>The slug to store: made from the title when the field is empty, else the one entered if it is free and not reserved.</summary>
    private static async Task<string> SlugAsync(UnitOfWork work, ArticleInput input, string kind, long? id, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Slug))
        {
            return await ArticleSlugs.UniqueAsync(work.Connection, work.Transaction, kind, Normalized.Slug(input.Title), id, cancellationToken);
        }
        var slug = Normalized.Slug(input.Slug);
        if (slug.Length == 0)
        {
            errors[ArticleFields.Slug] = "A slug needs letters or digits.";
        }
        else if (ReservedWords.IsReserved(slug))
        {
            errors[ArticleFields.Slug] = $"“{slug}” is reserved for the site's own pages.";
        }
        else if (await ArticleSlugs.IsTakenAsync(work.Connection, work.Transaction, slug, id, cancellationToken))
        {
            errors[ArticleFields.Slug] = $"Another article or page already has the slug “{slug}”.";
        }
        return slug;
    }

    private static EditResult SlugTaken() =>
        EditResult.Invalid(new Dictionary<string, string> { [ArticleFields.Slug] = "Another article took this slug at the same moment; try again." });

    private static string Summary(ArticleInput input) =>
        string.IsNullOrWhiteSpace(input.Summary) ? MarkdownRenderer.FirstParagraphText(input.BodyMarkdown) : input.Summary.Trim();

    /// <summary>
    /// The write of a save: it happens only if nobody saved since <paramref name="baseVersion"/>.
    /// The story's date goes to its sections' rows too, which list it by date (decision 180).
    /// </summary>
    private static async Task<bool> UpdateAsync(UnitOfWork work, Article article, int baseVersion, CancellationToken cancellationToken)
    {
        if (!await UpdateRowAsync(work, article, baseVersion, cancellationToken))
        {
            return false;
        }
        await work.Connection.ExecuteAsync(work.Command(
            "update article_sections set published_at = @PublishedAt where article_id = @Id", new { article.PublishedAt, article.Id }, cancellationToken));
        return true;
    }

    private static async Task<bool> UpdateRowAsync(UnitOfWork work, Article article, int baseVersion, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(work.Command(
            """
            update articles set slug = @Slug, title = @Title, summary = @Summary, body_markdown = @BodyMarkdown, body_html = @BodyHtml,
                status = @Status, published_at = @PublishedAt, updated_at = @UpdatedAt, comment_status = @CommentStatus,
                submitted_by = @SubmittedBy, submitted_at = @SubmittedAt, version = @Version, featured_media_id = @FeaturedMediaId,
                parent_id = @ParentId, revised_at = @RevisedAt, dateline = @Dateline
            where id = @Id and version = @baseVersion
            """,
            new
            {
                article.Slug,
                article.Title,
                article.Summary,
                article.BodyMarkdown,
                article.BodyHtml,
                article.Status,
                article.PublishedAt,
                article.UpdatedAt,
                article.CommentStatus,
                article.SubmittedBy,
                article.FeaturedMediaId,
                article.ParentId,
                article.RevisedAt,
                article.Dateline,
                article.SubmittedAt,
                article.Version,
                article.Id,
                baseVersion,
            },
            cancellationToken)) == 1;

    private async Task<EditableArticle> EditableAsync(DbConnection connection, DbTransaction? transaction, Article article, CancellationToken cancellationToken)
    {
        var (sections, tags) = await ArticleTerms.NamesAsync(connection, transaction, article.Id, cancellationToken);
        return new EditableArticle(article, sections, tags, await PlannedPathAsync(connection, transaction, article, cancellationToken),
            await ArticleNotices.ListAsync(connection, transaction, article.Id, cancellationToken), await ArticleBylines.ReadAsync(connection, transaction, article.Id, cancellationToken));
    }

    /// <summary>Where a published or scheduled article or page is (or will be) read; null for the rest, and for a page whose parent will not be public then.</summary>
    private async Task<string?> PlannedPathAsync(DbConnection connection, DbTransaction? transaction, Article article, CancellationToken cancellationToken) =>
        article.PublishedAt is not { } at || article.Status is not (ArticleStatus.Published or ArticleStatus.Scheduled) ? null
        : article.Kind == ArticleKind.Page ? (await PagePaths.OfAsync(connection, transaction, article, at > time.GetUtcNow() ? at : time.GetUtcNow(), cancellationToken))?.Path
        : links.Of(article);

    /// <summary>The pages a page may be placed under, by title (not itself, nor anything in the trash).</summary>
    public async Task<IReadOnlyList<PageChoice>> ParentChoicesAsync(long? exceptId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PageChoice>(new CommandDefinition(
            "select id, title from articles where kind = 'page' and status <> 'trash' and (@exceptId is null or id <> @exceptId) order by title limit 1000",
            new { exceptId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Where a published article or page is read now (null when it is not public): a move from there leaves a redirect.</summary>
    private async Task<string?> PublicPathAsync(UnitOfWork work, Article article, DateTimeOffset now, CancellationToken cancellationToken) =>
        article.Status != ArticleStatus.Published || article.PublishedAt > now ? null
        : article.Kind == ArticleKind.Page ? (await PagePaths.OfAsync(work.Connection, work.Transaction, article, now, cancellationToken))?.Path
        : links.Of(article);
}
