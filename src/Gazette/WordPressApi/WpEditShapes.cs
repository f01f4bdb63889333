using System.Net;
using System.Text.Json.Nodes;
using Gazette.Articles.Contracts;
using Gazette.Kernel;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// An article as WordPress answers a write (the "edit" context): the view
/// context's keys with the raw text beside the rendered, every status, and the
/// links to what the caller may do next.
/// </summary>
public static class WpEditShapes
{
    public static string Status(WrittenArticle article, DateTimeOffset now) => article.Status switch
    {
        WrittenStatus.Published => article.PublishedAt > now ? "future" : "publish",
        WrittenStatus.Scheduled => "future",
        _ => article.Status,
    };

    public static JsonObject Post(WrittenArticle article, NewsroomUser caller, WpLinks links, SiteTime time, DateTimeOffset now)
    {
        var collection = article.IsPage ? "pages" : "posts";
        var status = Status(article, now);
        var date = article.PublishedAt ?? article.CreatedAt;
        var link = status == "publish" && article.Path is { } path ? links.Page(path) : links.Shortlink(article.Id);
        var post = new JsonObject
        {
            ["id"] = article.Id,
            ["date"] = WpDates.Local(time, date),
            ["date_gmt"] = WpDates.Gmt(date),
            ["guid"] = new JsonObject { ["rendered"] = links.Shortlink(article.Id), ["raw"] = links.Shortlink(article.Id) },
            ["modified"] = WpDates.Local(time, article.UpdatedAt),
            ["modified_gmt"] = WpDates.Gmt(article.UpdatedAt),
            ["password"] = "",
            ["slug"] = article.Slug,
            ["status"] = status,
            ["type"] = article.IsPage ? "page" : "post",
            ["link"] = link,
            ["title"] = new JsonObject { ["raw"] = article.Title, ["rendered"] = WebUtility.HtmlEncode(article.Title) },
            ["content"] = new JsonObject
            {
                ["raw"] = article.Body,
                ["rendered"] = AbsoluteLinks.In(article.BodyHtml, links.Site),
                ["protected"] = false,
                ["block_version"] = 0,
            },
            ["excerpt"] = new JsonObject
            {
                ["raw"] = article.Summary,
                ["rendered"] = article.Summary.Length == 0 ? "" : "<p>" + WebUtility.HtmlEncode(article.Summary) + "</p>\n",
                ["protected"] = false,
            },
            ["author"] = article.OwnerId ?? 0,
            ["featured_media"] = article.FeaturedMediaId ?? 0,
        };
        if (article.IsPage)
        {
            post["parent"] = article.ParentId ?? 0;
            post["menu_order"] = 0;
        }
        post["comment_status"] = article.CommentsOpen ? "open" : "closed";
        post["ping_status"] = "closed";
        if (!article.IsPage)
        {
            post["sticky"] = false;
        }
        post["template"] = "";
        if (!article.IsPage)
        {
            post["format"] = "standard";
        }
        post["meta"] = new JsonArray();
        if (!article.IsPage)
        {
            post["categories"] = new JsonArray([.. article.SectionIds.Select(id => (JsonNode)id)]);
            post["tags"] = new JsonArray([.. article.TagIds.Select(id => (JsonNode)id)]);
        }
        post["permalink_template"] = PermalinkTemplate(article, links, link);
        post["generated_slug"] = Normalized.Slug(article.Title);
        post["_links"] = Links(article, caller, collection, links);
        return post;
    }

    /// <summary>The link with the slug as WordPress's placeholder, where the article has a path; else its short link, as WordPress gives a draft.</summary>
    private static string PermalinkTemplate(WrittenArticle article, WpLinks links, string link)
    {
        var segment = "/" + article.Slug + "/";
        return article.Path is { } path && path.EndsWith(segment, StringComparison.Ordinal)
            ? links.Page(path[..^segment.Length] + (article.IsPage ? "/%pagename%/" : "/%postname%/"))
            : link;
    }

    private static JsonObject Links(WrittenArticle article, NewsroomUser caller, string collection, WpLinks links)
    {
        var self = links.Route(collection, article.Id);
        var id = article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = new JsonObject
        {
            ["self"] = WpLinks.Link(self),
            ["collection"] = WpLinks.Link(links.Route("wp/v2/" + collection)),
            ["about"] = WpLinks.Link(links.Route("wp/v2/types/" + (article.IsPage ? "page" : "post"))),
            ["author"] = WpLinks.Link(links.Route("users", article.OwnerId ?? 0), embeddable: true),
            ["replies"] = WpLinks.Link(links.Route("wp/v2/comments?post=" + id), embeddable: true),
        };
        if (article.FeaturedMediaId is { } media)
        {
            result["wp:featuredmedia"] = WpLinks.Link(links.Route("media", media), embeddable: true);
        }
        result["wp:attachment"] = WpLinks.Link(links.Route("wp/v2/media?parent=" + id));
        if (!article.IsPage)
        {
            result["wp:term"] = new JsonArray(
                new JsonObject { ["taxonomy"] = "category", ["embeddable"] = true, ["href"] = links.Route("wp/v2/categories?post=" + id) },
                new JsonObject { ["taxonomy"] = "post_tag", ["embeddable"] = true, ["href"] = links.Route("wp/v2/tags?post=" + id) });
        }
        if (caller.CanPublish)
        {
            result["wp:action-publish"] = WpLinks.Link(self);
        }
        if (!article.IsPage)
        {
            result["wp:action-assign-categories"] = WpLinks.Link(self);
            result["wp:action-assign-tags"] = WpLinks.Link(self);
        }
        result["curies"] = WpLinks.Curies();
        return result;
    }
}
