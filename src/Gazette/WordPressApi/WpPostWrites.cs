using System.Text.Json.Nodes;
using Gazette.Articles.Contracts;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// Writes to <c>/wp/v2/posts</c> and <c>/wp/v2/pages</c> by a member of the
/// newsroom (an application password: <see cref="NewsroomUser.ApiCallerAsync"/>, never the session cookie), through Articles' <see cref="IArticleWrites"/>:
/// the newsroom's editor, its rules and its events. Rights are refused with
/// WordPress's codes; what WordPress has and Gazette has not (private posts,
/// sticky posts, passwords, another member as author) is a <c>rest_invalid_param</c>
/// (decision 120). Nothing is written unless the whole request is.
/// </summary>
public static class WpPostWrites
{
    private static readonly Dictionary<string, string> Params = new(StringComparer.Ordinal)
    {
        [ArticleWriteFields.Title] = "title",
        [ArticleWriteFields.Body] = "content",
        [ArticleWriteFields.Summary] = "excerpt",
        [ArticleWriteFields.Slug] = "slug",
        [ArticleWriteFields.Status] = "status",
        [ArticleWriteFields.PublishedAt] = "date",
        [ArticleWriteFields.SectionIds] = "categories",
        [ArticleWriteFields.TagIds] = "tags",
        [ArticleWriteFields.CommentsOpen] = "comment_status",
        [ArticleWriteFields.FeaturedMediaId] = "featured_media",
        [ArticleWriteFields.ParentId] = "parent",
    };

    public static void Map(RouteGroupBuilder api)
    {
        // A write's answer holds the raw text of what may be a draft: no cache between the client and the site keeps it.
        var writes = api.MapGroup("").AddEndpointFilter((invocation, next) =>
        {
            invocation.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(invocation);
        });
        foreach (var (collection, isPage) in new[] { ("posts", false), ("pages", true) })
        {
            writes.MapPost($"/wp/v2/{collection}", (HttpContext http, IArticleWrites articles) => CreateAsync(http, articles, isPage));
            writes.MapMethods($"/wp/v2/{collection}/{{id:long}}", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch],
                (HttpContext http, IArticleWrites articles, long id) => UpdateAsync(http, articles, isPage, id));
            writes.MapDelete($"/wp/v2/{collection}/{{id:long}}", (HttpContext http, IArticleWrites articles, long id) => DeleteAsync(http, articles, isPage, id));
        }
    }

    private static IResult Forbidden(string code, string message, NewsroomUser? caller) =>
        WpError.Of(code, message, caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);

    private static async Task<IResult> CreateAsync(HttpContext http, IArticleWrites writes, bool isPage)
    {
        const string CannotCreate = "Sorry, you are not allowed to create posts as this user.";
        var caller = await NewsroomUser.ApiCallerAsync(http);
        if (caller is null)
        {
            return Forbidden("rest_cannot_create", CannotCreate, caller);
        }
        var (body, refusal) = await WpWriteParams.ReadAsync(http.Request, http.RequestServices.GetRequiredService<SiteTime>());
        if (refusal is not null)
        {
            return refusal;
        }
        if (body!.Has("id"))
        {
            return WpError.Of("rest_post_exists", "Cannot create existing post.", StatusCodes.Status400BadRequest);
        }
        var read = Read(http, body, caller, isPage, caller.Id, creating: true);
        if (read.Refusal is not null)
        {
            return read.Refusal;
        }
        if (isPage && !caller.CanEditOthers)
        {
            // The newsroom's pages speak for the whole site: editors make them (ArticleEditor), as WordPress's authors cannot edit others' pages.
            return Forbidden("rest_cannot_create", CannotCreate, caller);
        }
        var result = await writes.CreateAsync(caller, read.Write!, http.RequestAborted);
        return Answer(http, caller, result, created: true, ("rest_cannot_create", CannotCreate));
    }

    /// <summary>
    /// The caller, the post or page they may change and the request's parameters, or WordPress's
    /// refusal: 401 without a caller, <c>rest_post_invalid_id</c> for no such post (or one of the other kind), 403 when it is not theirs to change.
    /// </summary>
    private static async Task<(ExistingPost? Post, IResult? Refusal)> ExistingAsync(
        HttpContext http, IArticleWrites writes, bool isPage, long id, string code, string message)
    {
        var caller = await NewsroomUser.ApiCallerAsync(http);
        if (caller is null)
        {
            return (null, Forbidden(code, message, caller));
        }
        var current = await writes.FindAsync(caller, id, http.RequestAborted);
        if (current.Outcome == WriteOutcome.NotFound || (current.Succeeded && current.Article!.IsPage != isPage))
        {
            return (null, WpError.InvalidPostId());
        }
        if (!current.Succeeded)
        {
            return (null, Forbidden(code, message, caller));
        }
        var (body, refusal) = await WpWriteParams.ReadAsync(http.Request, http.RequestServices.GetRequiredService<SiteTime>());
        return body is null ? (null, refusal) : (new ExistingPost(caller, current.Article!, body), null);
    }

    private sealed record ExistingPost(NewsroomUser Caller, WrittenArticle Article, WpWriteParams Body);

    private static async Task<IResult> UpdateAsync(HttpContext http, IArticleWrites writes, bool isPage, long id)
    {
        const string CannotEdit = "Sorry, you are not allowed to edit this post.";
        var (post, refusal) = await ExistingAsync(http, writes, isPage, id, "rest_cannot_edit", CannotEdit);
        if (post is null)
        {
            return refusal!;
        }
        var (caller, current, body) = post;
        var read = Read(http, body, caller, isPage, current.OwnerId ?? 0, creating: false);
        if (read.Refusal is not null)
        {
            return read.Refusal;
        }
        var result = await writes.UpdateAsync(caller, id, read.Write!, http.RequestAborted);
        return Answer(http, caller, result, created: false, ("rest_cannot_edit", CannotEdit));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, IArticleWrites writes, bool isPage, long id)
    {
        const string CannotDelete = "Sorry, you are not allowed to delete this post.";
        var (post, refusal) = await ExistingAsync(http, writes, isPage, id, "rest_cannot_delete", CannotDelete);
        if (post is null)
        {
            return refusal!;
        }
        var (caller, current, body) = post;
        var force = body.Flag("force");
        if (!body.IsValid)
        {
            return WpError.InvalidParams(body.Problems);
        }
        if (force == true)
        {
            // The newsroom never deletes an article for good (old links, comments and revisions point at it): the trash is the end (decision 121).
            return WpError.Of("rest_delete_not_supported", "Posts are not deleted for good here. Leave out 'force' to move the post to the trash.", StatusCodes.Status501NotImplemented);
        }
        if (current.Status == WrittenStatus.Trash)
        {
            return WpError.Of("rest_already_trashed", "The post has already been deleted.", StatusCodes.Status410Gone);
        }
        var result = await writes.TrashAsync(caller, id, http.RequestAborted);
        return Answer(http, caller, result, created: false, ("rest_cannot_delete", CannotDelete));
    }

    /// <summary>
    /// A post as its editor reads it before a change (<c>?context=edit</c>), any
    /// status, for a caller who may open it; never kept by the page cache.
    /// </summary>
    public static async Task<IResult> EditContextAsync(HttpContext http, IArticleWrites writes, NewsroomUser caller, bool isPage, long id,
        (string Code, string Message) forbidden)
    {
        WpNoStore.Mark(http);
        var current = await writes.FindAsync(caller, id, http.RequestAborted);
        if (current.Outcome == WriteOutcome.NotFound || (current.Succeeded && current.Article!.IsPage != isPage))
        {
            return WpError.InvalidPostId();
        }
        return Answer(http, caller, current, created: false, forbidden);
    }

    /// <summary>The request's fields as a write, or WordPress's refusal: types first, then rights, then what Gazette has no equivalent for.</summary>
    private static (ArticleWrite? Write, IResult? Refusal) Read(HttpContext http, WpWriteParams body, NewsroomUser caller, bool isPage, long author, bool creating)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var status = body.OneOf("status", "publish", "future", "draft", "pending", "private");
        var date = body.Has("date_gmt") ? body.Date("date_gmt", gmt: true) : body.Date("date", gmt: false);
        var comments = body.OneOf("comment_status", "open", "closed");
        var write = new ArticleWrite
        {
            IsPage = isPage,
            Title = body.Text("title"),
            Body = body.Text("content"),
            Summary = body.Text("excerpt"),
            Slug = body.Text("slug"),
            PublishedAt = date,
            SectionIds = isPage ? null : body.Ids("categories"),
            TagIds = isPage ? null : body.Ids("tags"),
            CommentsOpen = comments is null ? null : comments == "open",
            FeaturedMediaId = body.Number("featured_media"),
            ParentId = isPage ? body.Number("parent") : null,
            Status = status switch
            {
                "draft" => WrittenStatus.Draft,
                "pending" => WrittenStatus.Pending,
                // WordPress publishes a post dated to come as "future", and a "future" one dated past at once.
                "publish" or "future" => date > now ? WrittenStatus.Scheduled : WrittenStatus.Published,
                _ => null,
            },
        };
        var askedAuthor = body.Number("author");
        var sticky = body.Flag("sticky");
        var password = body.Text("password");
        if (!body.IsValid)
        {
            return (null, WpError.InvalidParams(body.Problems));
        }
        if (askedAuthor is { } other && other != author && !caller.CanEditOthers)
        {
            return (null, Forbidden("rest_cannot_edit_others", creating ? "Sorry, you are not allowed to create posts as this user." : "Sorry, you are not allowed to update posts as this user.", caller));
        }
        if (sticky == true && !caller.CanEditOthers && !caller.CanPublish)
        {
            return (null, Forbidden("rest_cannot_assign_sticky", "Sorry, you are not allowed to make posts sticky.", caller));
        }
        if (status is "publish" or "future" or "private" && !caller.CanPublish)
        {
            return (null, Forbidden("rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type.", caller));
        }
        if (status == "private")
        {
            body.Refuse("status", "Gazette has no private posts: keep the post a draft, or publish it.");
        }
        if (sticky == true)
        {
            body.Refuse("sticky", "Gazette has no sticky posts.");
        }
        if (!string.IsNullOrEmpty(password))
        {
            body.Refuse("password", "Gazette has no password-protected posts.");
        }
        if (askedAuthor is { } asked && asked != author)
        {
            body.Refuse("author", "The post's author is the member who wrote it; it cannot be given to another.");
        }
        return body.IsValid ? (write, null) : (null, WpError.InvalidParams(body.Problems));
    }

    private static IResult Answer(HttpContext http, NewsroomUser caller, ArticleWriteResult result, bool created, (string Code, string Message) forbidden)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.Done:
                var links = new WpLinks(http.RequestServices.GetRequiredService<PageRenderer>().Absolute(http.Request, ""));
                var article = result.Article!;
                var body = WpEditShapes.Post(article, caller, links, http.RequestServices.GetRequiredService<SiteTime>(),
                    http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
                if (created)
                {
                    http.Response.Headers.Location = links.Route(article.IsPage ? "pages" : "posts", article.Id);
                }
                return WpJson.Result(body, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            case WriteOutcome.Invalid:
                return WpError.InvalidParams(result.Errors.ToDictionary(
                    pair => Params.GetValueOrDefault(pair.Key, pair.Key), pair => new WpProblem("rest_invalid_param", pair.Value), StringComparer.Ordinal));
            case WriteOutcome.Forbidden:
                return Forbidden(forbidden.Code, forbidden.Message, caller);
            case WriteOutcome.Conflict:
                return WpError.Of("rest_post_conflict", "The post was changed by another request at the same moment; send the change again.", StatusCodes.Status409Conflict);
            default:
                return WpError.InvalidPostId();
        }
    }
}
