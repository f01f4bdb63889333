using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Media.Contracts;
using Gazette.Rendering;

namespace Gazette.WordPressApi;

/// <summary>
/// Gazette's things in WordPress's shapes (the "view" context), with the keys
/// WordPress's clients read. Sections are categories, tags are tags, members
/// named by bylines are users; Gazette has no sticky posts, formats, templates
/// or pingbacks, so those keys carry WordPress's defaults.
/// </summary>
public static class WpShapes
{
    /// <summary>WordPress shows a Gravatar made from the email; Gazette never derives anything from an email, so every avatar is the anonymous one.</summary>
    public static JsonObject AnonymousAvatars() => new()
    {
        ["24"] = "https://secure.gravatar.com/avatar/?s=24&d=mm&r=g",
        ["48"] = "https://secure.gravatar.com/avatar/?s=48&d=mm&r=g",
        ["96"] = "https://secure.gravatar.com/avatar/?s=96&d=mm&r=g",
    };

    /// <summary>The member who is the article's author: its first byline naming one, else 0 (a guest or agency byline).</summary>
    public static long AuthorOf(PublicArticle article) => article.Bylines.FirstOrDefault(byline => byline.UserId is not null)?.UserId ?? 0;

    public static JsonObject Post(PublicArticle article, WpLinks links, SiteTime time)
    {
        var isPage = article.Kind == "page";
        var collection = isPage ? "pages" : "posts";
        var author = AuthorOf(article);
        var post = new JsonObject
        {
            ["id"] = article.Id,
            ["date"] = WpDates.Local(time, article.PublishedAt),
            ["date_gmt"] = WpDates.Gmt(article.PublishedAt),
            ["guid"] = new JsonObject { ["rendered"] = links.Shortlink(article.Id) },
            ["modified"] = WpDates.Local(time, Modified(article)),
            ["modified_gmt"] = WpDates.Gmt(Modified(article)),
            ["slug"] = article.Slug,
            ["status"] = "publish",
            ["type"] = isPage ? "page" : "post",
            ["link"] = links.Page(article.Path),
            ["title"] = new JsonObject { ["rendered"] = WebUtility.HtmlEncode(article.Title) },
            ["content"] = new JsonObject { ["rendered"] = AbsoluteLinks.In(article.BodyHtml, links.Site), ["protected"] = false },
            ["excerpt"] = new JsonObject { ["rendered"] = Paragraph(article.Summary), ["protected"] = false },
            ["author"] = author,
            ["featured_media"] = article.FeaturedMediaId ?? 0,
        };
        if (isPage)
        {
            post["parent"] = article.ParentId ?? 0;
            post["menu_order"] = 0;
        }
        post["comment_status"] = article.CommentsOpen ? "open" : "closed";
        post["ping_status"] = "closed";
        if (!isPage)
        {
            post["sticky"] = false;
        }
        post["template"] = "";
        if (!isPage)
        {
            post["format"] = "standard";
        }
        post["meta"] = new JsonArray();
        if (!isPage)
        {
            post["categories"] = Ids(article.Sections.Select(term => term.Id));
            post["tags"] = Ids(article.Tags.Select(term => term.Id));
        }
        post["_links"] = PostLinks(article, collection, author, links);
        return post;
    }

    /// <summary>The latest notice's time, else the last save; a live blog's latest entry when later (decisions 139, 151).</summary>
    private static DateTimeOffset Modified(PublicArticle article)
    {
        var saved = article.LatestNotice?.At ?? article.UpdatedAt;
        return article.LatestLiveEntry is { BlogChangedAt: var entry } && entry > saved ? entry : saved;
    }

    private static JsonObject PostLinks(PublicArticle article, string collection, long author, WpLinks links)
    {
        var id = article.Id.ToString(CultureInfo.InvariantCulture);
        var result = new JsonObject
        {
            ["self"] = WpLinks.Link(links.Route(collection, article.Id)),
            ["collection"] = WpLinks.Link(links.Route("wp/v2/" + collection)),
            ["author"] = WpLinks.Link(links.Route("users", author), embeddable: true),
            ["replies"] = WpLinks.Link(links.Route("wp/v2/comments?post=" + id), embeddable: true),
        };
        if (article.FeaturedMediaId is { } media)
        {
            result["wp:featuredmedia"] = WpLinks.Link(links.Route("media", media), embeddable: true);
        }
        result["wp:attachment"] = WpLinks.Link(links.Route("wp/v2/media?parent=" + id));
        if (article.Kind != "page")
        {
            result["wp:term"] = new JsonArray(
                Term("category", links.Route("wp/v2/categories?post=" + id)),
                Term("post_tag", links.Route("wp/v2/tags?post=" + id)));
        }
        result["curies"] = WpLinks.Curies();
        return result;

        static JsonObject Term(string taxonomy, string href) => new() { ["taxonomy"] = taxonomy, ["embeddable"] = true, ["href"] = href };
    }

    public static JsonObject Term(CountedTerm counted, PublicTermKind kind, WpLinks links)
    {
        var (taxonomy, collection) = kind == PublicTermKind.Section ? ("category", "categories") : ("post_tag", "tags");
        var term = counted.Term;
        var result = new JsonObject
        {
            ["id"] = term.Id,
            ["count"] = counted.Count,
            ["description"] = term.Description,
            ["link"] = links.Page(term.Path),
            ["name"] = term.Name,
            ["slug"] = term.Slug,
            ["taxonomy"] = taxonomy,
        };
        if (kind == PublicTermKind.Section)
        {
            result["parent"] = term.ParentId ?? 0;
        }
        result["meta"] = new JsonArray();
        var termLinks = new JsonObject
        {
            ["self"] = WpLinks.Link(links.Route(collection, term.Id)),
            ["collection"] = WpLinks.Link(links.Route("wp/v2/" + collection)),
        };
        if (term.ParentId is { } parent)
        {
            termLinks["up"] = WpLinks.Link(links.Route(collection, parent), embeddable: true);
        }
        termLinks["wp:post_type"] = WpLinks.Link(links.Route("wp/v2/posts?" + collection + "=" + term.Id.ToString(CultureInfo.InvariantCulture)));
        termLinks["curies"] = WpLinks.Curies();
        result["_links"] = termLinks;
        return result;
    }

    /// <summary>A member as the public may know them: never the login or email.</summary>
    public static JsonObject User(PublicAuthor author, WpLinks links) => new()
    {
        ["id"] = author.Id,
        ["name"] = author.DisplayName,
        ["url"] = "",
        ["description"] = "",
        ["link"] = links.Page(author.Path),
        ["slug"] = author.Slug,
        ["avatar_urls"] = AnonymousAvatars(),
        ["meta"] = new JsonArray(),
        ["_links"] = new JsonObject
        {
            ["self"] = WpLinks.Link(links.Route("users", author.Id)),
            ["collection"] = WpLinks.Link(links.Route("wp/v2/users")),
        },
    };

    /// <summary>An approved comment; <paramref name="articlePath"/> is null when its article's place is unknown (the guid link then).</summary>
    public static JsonObject Comment(ListedComment comment, string? articlePath, WpLinks links, SiteTime time)
    {
        var articleLink = articlePath is null ? links.Shortlink(comment.ArticleId) : links.Page(articlePath);
        var id = comment.Id.ToString(CultureInfo.InvariantCulture);
        var commentLinks = new JsonObject
        {
            ["self"] = WpLinks.Link(links.Route("comments", comment.Id)),
            ["collection"] = WpLinks.Link(links.Route("wp/v2/comments")),
            ["up"] = WpLinks.Link(links.Route("posts", comment.ArticleId), embeddable: true, ("post_type", "post")),
        };
        if (comment.ParentId is { } parent)
        {
            commentLinks["in-reply-to"] = WpLinks.Link(links.Route("comments", parent), embeddable: true);
        }
        commentLinks["children"] = WpLinks.Link(links.Route("wp/v2/comments?parent=" + id));
        return new JsonObject
        {
            ["id"] = comment.Id,
            ["post"] = comment.ArticleId,
            ["parent"] = comment.ParentId ?? 0,
            ["author"] = 0,
            ["author_name"] = comment.AuthorName,
            ["author_url"] = comment.AuthorUrl,
            ["date"] = WpDates.Local(time, comment.CreatedAt),
            ["date_gmt"] = WpDates.Gmt(comment.CreatedAt),
            ["content"] = new JsonObject { ["rendered"] = AbsoluteLinks.In(comment.BodyHtml, links.Site) },
            ["link"] = articleLink + "#comment-" + id,
            ["status"] = "approved",
            ["type"] = "comment",
            ["author_avatar_urls"] = AnonymousAvatars(),
            ["meta"] = new JsonArray(),
            ["_links"] = commentLinks,
        };
    }

    public static JsonObject Media(LibraryImage image, WpLinks links, SiteTime time)
    {
        var slug = Path.GetFileNameWithoutExtension(image.OriginalName).ToLowerInvariant();
        var source = links.Page(image.Url);
        var title = Path.GetFileNameWithoutExtension(image.OriginalName);
        return new JsonObject
        {
            ["id"] = image.Id,
            ["date"] = WpDates.Local(time, image.UploadedAt),
            ["date_gmt"] = WpDates.Gmt(image.UploadedAt),
            ["guid"] = new JsonObject { ["rendered"] = source },
            ["modified"] = WpDates.Local(time, image.UploadedAt),
            ["modified_gmt"] = WpDates.Gmt(image.UploadedAt),
            ["slug"] = slug,
            ["status"] = "inherit",
            ["type"] = "attachment",
            ["link"] = source,
            ["title"] = new JsonObject { ["rendered"] = WebUtility.HtmlEncode(title) },
            ["author"] = 0,
            ["featured_media"] = 0,
            ["comment_status"] = "closed",
            ["ping_status"] = "closed",
            ["template"] = "",
            ["meta"] = new JsonArray(),
            ["description"] = new JsonObject { ["rendered"] = "" },
            ["caption"] = new JsonObject { ["rendered"] = Paragraph(image.Caption) },
            ["alt_text"] = image.Alt,
            ["media_type"] = "image",
            ["mime_type"] = image.MimeType,
            ["media_details"] = new JsonObject
            {
                ["width"] = image.Width,
                ["height"] = image.Height,
                ["file"] = image.Url.TrimStart('/'),
                ["filesize"] = image.ByteSize,
                ["sizes"] = new JsonObject(),
            },
            ["post"] = null,
            ["source_url"] = source,
            ["_links"] = new JsonObject
            {
                ["self"] = WpLinks.Link(links.Route("media", image.Id)),
                ["collection"] = WpLinks.Link(links.Route("wp/v2/media")),
            },
        };
    }

    /// <summary>
    /// The keys WordPress keeps in the "embed" context, by the collection an
    /// item belongs to: an embedded author, term, reply or image is smaller
    /// than the one read on its own.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> EmbedKeys = new Dictionary<string, string[]>
    {
        ["users"] = ["id", "name", "url", "description", "link", "slug", "avatar_urls", "_links"],
        ["terms"] = ["id", "link", "name", "slug", "taxonomy", "_links"],
        ["comments"] = ["id", "parent", "author", "author_name", "author_url", "date", "content", "link", "type", "author_avatar_urls", "_links"],
        ["media"] = ["id", "date", "slug", "type", "link", "title", "author", "featured_media", "caption", "alt_text", "media_type", "mime_type", "media_details", "source_url", "_links"],
        ["posts"] = ["id", "date", "slug", "type", "link", "title", "excerpt", "author", "featured_media", "_links"],
    };

    public static JsonObject Embedded(JsonObject item, string collection)
    {
        var result = new JsonObject();
        foreach (var key in EmbedKeys[collection])
        {
            if (item.TryGetPropertyValue(key, out var value))
            {
                result[key] = value?.DeepClone();
            }
        }
        return result;
    }

    private static JsonArray Ids(IEnumerable<long> ids) => [.. ids.Select(id => (JsonNode)id)];

    /// <summary>WordPress shows an excerpt or caption as a paragraph.</summary>
    private static string Paragraph(string text) => text.Length == 0 ? "" : "<p>" + WebUtility.HtmlEncode(text) + "</p>\n";
}
