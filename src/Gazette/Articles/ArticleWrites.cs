using System.Globalization;
using System.Text;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// <see cref="IArticleWrites"/> over the newsroom's <see cref="ArticleEditor"/>:
/// a write names sections and tags by id, which become the names the editor
/// files by, and a status, which becomes the editor's action (a creation that
/// is not a draft is created and acted on in one unit of work).
/// </summary>
public sealed class ArticleWrites(ArticleEditor editor, Database database) : IArticleWrites
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public async Task<ArticleWriteResult> FindAsync(NewsroomUser actor, long id, CancellationToken cancellationToken = default) =>
        await ResultAsync(await editor.OpenAsync(actor, id, cancellationToken), cancellationToken);

    public async Task<ArticleWriteResult> CreateAsync(NewsroomUser actor, ArticleWrite write, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var status = write.Status ?? WrittenStatus.Draft;
        var then = status switch
        {
            WrittenStatus.Draft => (ArticleAction?)null,
            WrittenStatus.Pending => ArticleAction.Submit,
            WrittenStatus.Published => ArticleAction.Publish,
            WrittenStatus.Scheduled => ArticleAction.Schedule,
            _ => Refuse(errors, ArticleWriteFields.Status, "A new article is a draft, pending review, published or scheduled."),
        };
        var scheduleAt = ScheduleTime(then, write.PublishedAt, null, errors);
        var (sections, tags) = await TermNamesAsync(write, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var input = new ArticleInput
        {
            Kind = write.IsPage ? ArticleKind.Page : ArticleKind.Article,
            Title = write.Title ?? "",
            BodyMarkdown = write.Body ?? "",
            Summary = write.Summary,
            Slug = write.Slug,
            Sections = sections ?? [],
            Tags = tags ?? [],
            CommentStatus = write.CommentsOpen == false ? DiscussionStatus.Closed : DiscussionStatus.Open,
            PublishedAt = then == ArticleAction.Schedule ? null : write.PublishedAt,
            FeaturedMediaId = write.FeaturedMediaId is > 0 ? write.FeaturedMediaId : null,
            ParentId = write.ParentId is > 0 ? write.ParentId : null,
        };
        return await ResultAsync(await editor.CreateAsync(actor, input, then, scheduleAt, cancellationToken), cancellationToken);
    }

    public async Task<ArticleWriteResult> UpdateAsync(NewsroomUser actor, long id, ArticleWrite write, CancellationToken cancellationToken = default)
    {
        var opened = await editor.OpenAsync(actor, id, cancellationToken);
        if (!opened.Succeeded)
        {
            return await ResultAsync(opened, cancellationToken);
        }
        var current = opened.Article!;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = current.Article.Status;
        var action = (write.Status ?? now) switch
        {
            WrittenStatus.Draft when now == ArticleStatus.Trash => ArticleAction.Restore,
            WrittenStatus.Draft when now != ArticleStatus.Draft => ArticleAction.Unpublish,
            WrittenStatus.Pending when now == ArticleStatus.Draft => ArticleAction.Submit,
            WrittenStatus.Published when now != ArticleStatus.Published => ArticleAction.Publish,
            WrittenStatus.Scheduled => ArticleAction.Schedule,
            WrittenStatus.Draft or WrittenStatus.Pending or WrittenStatus.Published => ArticleAction.Save,
            _ when write.Status is null => ArticleAction.Save,
            _ => Refuse(errors, ArticleWriteFields.Status, "An article is made a draft, pending review, published or scheduled.") ?? ArticleAction.Save,
        };
        var scheduleAt = ScheduleTime(action, write.PublishedAt, current.Article.PublishedAt, errors);
        var (sections, tags) = await TermNamesAsync(write, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var input = ArticleInput.Of(current) with
        {
            Title = write.Title ?? current.Article.Title,
            BodyMarkdown = write.Body ?? current.Article.BodyMarkdown,
            Summary = write.Summary ?? current.Article.Summary,
            Slug = write.Slug ?? current.Article.Slug,
            Sections = sections ?? current.Sections,
            Tags = tags ?? current.Tags,
            CommentStatus = write.CommentsOpen is { } open ? (open ? DiscussionStatus.Open : DiscussionStatus.Closed) : current.Article.CommentStatus,
            PublishedAt = action == ArticleAction.Schedule ? current.Article.PublishedAt : write.PublishedAt ?? current.Article.PublishedAt,
            FeaturedMediaId = write.FeaturedMediaId is { } media ? (media > 0 ? media : null) : current.Article.FeaturedMediaId,
            ParentId = write.ParentId is { } parent ? (parent > 0 ? parent : null) : current.Article.ParentId,

            // WordPress's API sets one author a post, which is not a byline list: the bylines stay as the newsroom set them.
            Bylines = null,
        };
        return await ResultAsync(await editor.ChangeAsync(actor, id, current.Article.Version, input, action, scheduleAt, cancellationToken), cancellationToken);
    }

    public async Task<ArticleWriteResult> TrashAsync(NewsroomUser actor, long id, CancellationToken cancellationToken = default)
    {
        var opened = await editor.OpenAsync(actor, id, cancellationToken);
        return !opened.Succeeded
            ? await ResultAsync(opened, cancellationToken)
            : await ResultAsync(await editor.TrashAsync(actor, id, opened.Article!.Article.Version, cancellationToken), cancellationToken);
    }

    public async Task<(IReadOnlyList<WrittenArticle> Items, long Total)> ListAsync(NewsroomUser actor, WrittenQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder($"a.kind = @kind and {database.Dialect.InList("a.status", "statuses")}");
        var parameters = new DynamicParameters(new { kind = query.IsPage ? ArticleKind.Page : ArticleKind.Article, statuses = query.Statuses.ToArray() });
        if (!actor.CanEditOthers)
        {
            where.Append(" and a.author_id = @actor");
            parameters.Add("actor", actor.Id);
        }
        Within("a.author_id", "authors", query.AuthorIds);
        Within("a.id", "include", query.Include);
        Within("a.slug", "slugs", query.Slugs);
        if (query.Exclude.Count > 0)
        {
            where.Append(CultureInfo.InvariantCulture, $" and not {database.Dialect.InList("a.id", "exclude")}");
            parameters.Add("exclude", query.Exclude.ToArray());
        }
        if (query.SectionIds.Count > 0)
        {
            where.Append(CultureInfo.InvariantCulture, $" and exists (select 1 from article_sections x where x.article_id = a.id and {database.Dialect.InList("x.section_id", "sections")})");
            parameters.Add("sections", query.SectionIds.ToArray());
        }
        if (query.TagIds.Count > 0)
        {
            where.Append(CultureInfo.InvariantCulture, $" and exists (select 1 from article_tags x where x.article_id = a.id and {database.Dialect.InList("x.tag_id", "tags")})");
            parameters.Add("tags", query.TagIds.ToArray());
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Both databases lower-case ASCII alike; the pattern's own % and _ are matched literally.
            where.Append(" and (lower(a.title) like @text escape '\\' or lower(a.body_markdown) like @text escape '\\')");
            parameters.Add("text", "%" + query.Search.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        var direction = query.Descending ? "desc" : "asc";
        var order = query.OrderBy switch
        {
            PublicOrder.Modified => $"a.updated_at {direction}",
            PublicOrder.Title => $"a.title {direction}",
            PublicOrder.Slug => $"a.slug {direction}",
            PublicOrder.Id or PublicOrder.Include => $"a.id {direction}",
            _ => $"coalesce(a.published_at, a.created_at) {direction}",
        };
        parameters.Add("limit", query.PerPage);
        parameters.Add("offset", (long)(query.Page - 1) * query.PerPage);
        List<long> ids;
        long total;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from articles a where {where}", parameters, cancellationToken: cancellationToken));
            ids = (await connection.QueryAsync<long>(new CommandDefinition(
                $"select a.id from articles a where {where} order by {order}, a.id {direction} limit @limit offset @offset", parameters, cancellationToken: cancellationToken))).AsList();
        }
        // Each through the editor's own door, so a list shows nothing the member could not open.
        var items = new List<WrittenArticle>(ids.Count);
        foreach (var id in ids)
        {
            if ((await FindAsync(actor, id, cancellationToken)).Article is { } article)
            {
                items.Add(article);
            }
        }
        return (items, total);

        void Within<T>(string column, string name, IReadOnlyList<T> values)
        {
            if (values.Count > 0)
            {
                where.Append(CultureInfo.InvariantCulture, $" and {database.Dialect.InList(column, name)}");
                parameters.Add(name, values.ToArray());
            }
        }
    }

    private static ArticleAction? Refuse(Dictionary<string, string> errors, string field, string message)
    {
        errors[field] = message;
        return null;
    }

    /// <summary>A schedule needs its time: the one asked for, else the time it was already scheduled for.</summary>
    private static DateTimeOffset? ScheduleTime(ArticleAction? action, DateTimeOffset? asked, DateTimeOffset? scheduled, Dictionary<string, string> errors)
    {
        if (action != ArticleAction.Schedule)
        {
            return null;
        }
        if (asked is null && scheduled is null)
        {
            errors[ArticleWriteFields.PublishedAt] = "Give the time to publish at.";
        }
        return asked ?? scheduled;
    }

    /// <summary>The names of the sections and tags a write names by id (null when it names none); an unknown id is an error.</summary>
    private async Task<(IReadOnlyList<string>? Sections, IReadOnlyList<string>? Tags)> TermNamesAsync(ArticleWrite write, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (write.SectionIds is null && write.TagIds is null)
        {
            return (null, null);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await NamesAsync("sections", write.SectionIds, ArticleWriteFields.SectionIds), await NamesAsync("tags", write.TagIds, ArticleWriteFields.TagIds));

        async Task<IReadOnlyList<string>?> NamesAsync(string table, IReadOnlyList<long>? ids, string field)
        {
            if (ids is null)
            {
                return null;
            }
            var names = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
                $"select id, name from {table} where {database.Dialect.InList("id", "ids")}", new { ids = ids.Distinct().ToArray() }, cancellationToken: cancellationToken))).ToDictionary(row => row.Id, row => row.Name);
            if (ids.Where(id => !names.ContainsKey(id)).Take(1).ToList() is [var missing])
            {
                errors[field] = $"There is no {(table == "sections" ? "section" : "tag")} with the number {missing}.";
                return null;
            }
            return [.. ids.Distinct().Select(id => names[id])];
        }
    }

    private static ArticleWriteResult Invalid(IReadOnlyDictionary<string, string> errors) => new(WriteOutcome.Invalid, null, errors);

    private async Task<ArticleWriteResult> ResultAsync(EditResult result, CancellationToken cancellationToken) => result.Outcome switch
    {
        EditOutcome.Done => new(WriteOutcome.Done, await WrittenAsync(result.Article!, cancellationToken), NoErrors),
        EditOutcome.Invalid => Invalid(result.Errors.ToDictionary(pair => FieldOf(pair.Key), pair => pair.Value, StringComparer.Ordinal)),
        EditOutcome.Conflict => new(WriteOutcome.Conflict, null, NoErrors),
        EditOutcome.Forbidden => new(WriteOutcome.Forbidden, null, NoErrors),
        _ => new(WriteOutcome.NotFound, null, NoErrors),
    };

    private static string FieldOf(string field) => field switch
    {
        ArticleFields.BodyMarkdown => ArticleWriteFields.Body,
        ArticleFields.Sections => ArticleWriteFields.SectionIds,
        ArticleFields.Tags => ArticleWriteFields.TagIds,
        ArticleFields.CommentStatus => ArticleWriteFields.CommentsOpen,
        ArticleFields.ScheduleAt => ArticleWriteFields.PublishedAt,
        _ => field,
    };

    private async Task<WrittenArticle> WrittenAsync(EditableArticle editable, CancellationToken cancellationToken)
    {
        var article = editable.Article;
        await using var connection = await database.OpenAsync(cancellationToken);
        var sectionIds = await connection.QueryAsync<long>(new CommandDefinition(
            "select section_id from article_sections where article_id = @Id order by position", new { article.Id }, cancellationToken: cancellationToken));
        var tagIds = await connection.QueryAsync<long>(new CommandDefinition(
            "select tag_id from article_tags where article_id = @Id order by tag_id", new { article.Id }, cancellationToken: cancellationToken));
        return new WrittenArticle(article.Id, article.Kind == ArticleKind.Page, article.ParentId, article.Title, article.Slug, article.Summary, article.BodyMarkdown,
            article.BodyHtml, article.Status, article.PublishedAt, article.CreatedAt, article.UpdatedAt, article.CommentStatus == DiscussionStatus.Open,
            article.AuthorId, sectionIds.AsList(), tagIds.AsList(), article.FeaturedMediaId, editable.Permalink, article.Version);
    }
}
