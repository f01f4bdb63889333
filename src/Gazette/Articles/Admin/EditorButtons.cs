using Gazette.Web;

namespace Gazette.Articles.Admin;

/// <summary>The editor's buttons: only what <see cref="ArticleRules"/> lets this member do from the article's status.</summary>
public static class EditorButtons
{
    public static IReadOnlyList<EditorButton> For(NewsroomUser member, Article? article)
    {
        if (article is null)
        {
            return member.CanPublish
                ? [new("save", "Save draft"), new("publish", "Publish"), new("schedule", "Schedule")]
                : [new("save", "Save draft"), new("submit", "Submit for review")];
        }
        bool Can(ArticleAction action) => ArticleRules.May(member, action, article) && ArticleRules.RefusalFor(action, article.Status) is null;
        var status = article.Status;
        var buttons = new List<EditorButton>();
        if (Can(ArticleAction.Save))
        {
            buttons.Add(new("save", status switch
            {
                ArticleStatus.Published => "Update",
                ArticleStatus.Draft => "Save draft",
                _ => "Save",
            }));
        }
        if (!member.CanPublish && status == ArticleStatus.Draft && Can(ArticleAction.Submit))
        {
            buttons.Add(new("submit", "Submit for review"));
        }
        if (status != ArticleStatus.Published && Can(ArticleAction.Publish))
        {
            buttons.Add(new("publish", "Publish"));
        }
        if (Can(ArticleAction.Schedule))
        {
            buttons.Add(new("schedule", status == ArticleStatus.Scheduled ? "Reschedule" : "Schedule"));
        }
        if (Can(ArticleAction.Unpublish))
        {
            buttons.Add(new("unpublish", status == ArticleStatus.Pending ? "Back to draft" : "Unpublish"));
        }
        if (Can(ArticleAction.Trash))
        {
            buttons.Add(new("trash", "Move to trash", Danger: true));
        }
        if (Can(ArticleAction.Restore))
        {
            buttons.Add(new("restore", "Restore"));
        }
        return buttons;
    }
}
