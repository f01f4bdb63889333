using System.Globalization;
using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// The newsroom's articles: tabs by status with counts, filters by section,
/// author (editors) and title text, and paging. Contributors and authors see
/// only their own work; editors and administrators everyone's.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class ArticlesModel(ArticleListing listing, TaxonomyStore taxonomy) : AdminPageModel
{
    /// <summary>The tabs: the status each shows (null: all but the trash) and its label.</summary>
    public static readonly IReadOnlyList<(string? Status, string Label)> Tabs =
    [
        (null, "All"),
        (ArticleStatus.Draft, "Drafts"),
        (ArticleStatus.Pending, "Pending review"),
        (ArticleStatus.Scheduled, "Scheduled"),
        (ArticleStatus.Published, "Published"),
        (ArticleStatus.Trash, "Trash"),
    ];

    /// <summary>"page" lists pages (editors and administrators); anything else, articles.</summary>
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    public bool Pages => Kind == ArticleKind.Page;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "section")]
    public long? SectionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "author")]
    public long? AuthorId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    // "page" is Razor Pages' own route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ArticleListPage List { get; private set; } = new([], 0, 1, 20);

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public IReadOnlyList<Term> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Status is not null && !ArticleStatus.All.Contains(Status))
        {
            Status = null;
        }
        if (!Member.CanEditOthers)
        {
            AuthorId = Member.Id;
            Kind = null;
        }
        else if (AuthorId == 0)
        {
            AuthorId = null;
        }
        var query = new ArticleQuery(Status, SectionId, AuthorId, Text, Math.Max(1, PageNumber), Kind: Pages ? ArticleKind.Page : ArticleKind.Article);
        List = await listing.ListAsync(query, cancellationToken);
        Counts = await listing.CountsAsync(query, cancellationToken);
        Sections = await taxonomy.ListSectionsAsync(100, cancellationToken);
    }

    public int CountOf(string? status) => status is null ? Counts.Where(pair => pair.Key != ArticleStatus.Trash).Sum(pair => pair.Value) : Counts.GetValueOrDefault(status);

    /// <summary>This list's address with one thing changed (the tab, the author, 0 for everyone's, or the page), the other filters kept.</summary>
    public string Link(string? status = null, bool keepStatus = true, long? author = null, int page = 1)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("kind", Pages ? ArticleKind.Page : null);
        Add("status", keepStatus ? Status : status);
        Add("section", SectionId?.ToString(CultureInfo.InvariantCulture));
        var authorShown = author is null ? (Member.CanEditOthers ? AuthorId : null) : author == 0 ? null : author;
        Add("author", authorShown?.ToString(CultureInfo.InvariantCulture));
        Add("q", Text);
        Add("p", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return "/admin/articles" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }

    public static string Label(string status) => status switch
    {
        ArticleStatus.Pending => "Pending review",
        _ => char.ToUpperInvariant(status[0]) + status[1..],
    };
}
