using Gazette.Web;

namespace Gazette.Articles;

/// <summary>What can be done to an article from the newsroom.</summary>
public enum ArticleAction
{
    Create,
    Save,
    Submit,
    Publish,
    Schedule,
    Unpublish,
    Trash,
    Restore,
}

/// <summary>
/// Who may do what to which article (WordPress's roles, through
/// <see cref="NewsroomUser"/>'s capabilities), and from which status each
/// action starts. Contributors work on their own drafts and submit them;
/// authors publish their own; editors and administrators everything.
/// </summary>
public static class ArticleRules
{
    /// <summary>May <paramref name="user"/> do <paramref name="action"/> to <paramref name="article"/> (null for a new one)?</summary>
    public static bool May(NewsroomUser user, ArticleAction action, Article? article)
    {
        if (action == ArticleAction.Create)
        {
            return true;
        }
        if (article is null || !user.MayEdit(article.AuthorId))
        {
            return false;
        }
        if (user.CanPublish)
        {
            return true;
        }
        // A contributor's work stays out of public view: never published, scheduled, or taken down by them.
        return action is ArticleAction.Save or ArticleAction.Submit or ArticleAction.Trash or ArticleAction.Restore
            && article.Status is ArticleStatus.Draft or ArticleStatus.Pending or ArticleStatus.Trash;
    }

    /// <summary>May <paramref name="user"/> open the article in the editor (and lock it, autosave it, preview it)?</summary>
    public static bool MayOpen(NewsroomUser user, Article article) => May(user, ArticleAction.Save, article) || May(user, ArticleAction.Restore, article);

    /// <summary>Whether the action can start from the article's status; null if it can, else why not.</summary>
    public static string? RefusalFor(ArticleAction action, string status) => action switch
    {
        ArticleAction.Save or ArticleAction.Publish when status == ArticleStatus.Trash => "Restore the article from the trash first.",
        ArticleAction.Submit when status is not (ArticleStatus.Draft or ArticleStatus.Pending) => "Only a draft can be submitted for review.",
        ArticleAction.Schedule when status is not (ArticleStatus.Draft or ArticleStatus.Pending or ArticleStatus.Scheduled) =>
            "Only an article not yet published can be scheduled.",
        ArticleAction.Unpublish when status is not (ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Pending or ArticleStatus.Private) =>
            "The article is not published, scheduled or awaiting review.",
        ArticleAction.Trash when status == ArticleStatus.Trash => "The article is already in the trash.",
        ArticleAction.Restore when status != ArticleStatus.Trash => "Only an article in the trash can be restored.",
        _ => null,
    };

    /// <summary>The status an action leaves the article in.</summary>
    public static string StatusAfter(ArticleAction action, string status) => action switch
    {
        ArticleAction.Create => ArticleStatus.Draft,
        ArticleAction.Submit => ArticleStatus.Pending,
        ArticleAction.Publish => ArticleStatus.Published,
        ArticleAction.Schedule => ArticleStatus.Scheduled,
        ArticleAction.Unpublish or ArticleAction.Restore => ArticleStatus.Draft,
        ArticleAction.Trash => ArticleStatus.Trash,
        _ => status,
    };
}
