using Gazette.Articles;
using Gazette.Web;

namespace Gazette.Tests.Articles;

/// <summary>Who may do what to which article, without a database.</summary>
public sealed class ArticleRulesTests
{
    private const long Owner = 7;

    [Theory]
    [InlineData(NewsroomRole.Contributor, ArticleAction.Save, ArticleStatus.Draft, true)]
    [InlineData(NewsroomRole.Contributor, ArticleAction.Submit, ArticleStatus.Draft, true)]
    [InlineData(NewsroomRole.Contributor, ArticleAction.Save, ArticleStatus.Pending, true)]
    [InlineData(NewsroomRole.Contributor, ArticleAction.Trash, ArticleStatus.Draft, true)]
    [InlineData(NewsroomRole.Contributor, ArticleAction.Publish, ArticleStatus.Draft, false)]
    [InlineData(NewsroomRole.Contributor, ArticleAction.Schedule, ArticleStatus.Draft, false)]
    [InlineData(NewsroomRole.Contributor, ArticleAction.Save, ArticleStatus.Published, false)]
    [InlineData(NewsroomRole.Contributor, ArticleAction.Unpublish, ArticleStatus.Pending, false)]
    [InlineData(NewsroomRole.Author, ArticleAction.Publish, ArticleStatus.Draft, true)]
    [InlineData(NewsroomRole.Author, ArticleAction.Save, ArticleStatus.Published, true)]
    [InlineData(NewsroomRole.Author, ArticleAction.Unpublish, ArticleStatus.Published, true)]
    public void OnTheirOwnArticle(string role, ArticleAction action, string status, bool allowed) =>
        Assert.Equal(allowed, ArticleRules.May(new NewsroomUser(Owner, "Owner", role), action, Article(status)));

    [Theory]
    [InlineData(NewsroomRole.Contributor, false)]
    [InlineData(NewsroomRole.Author, false)]
    [InlineData(NewsroomRole.Editor, true)]
    [InlineData(NewsroomRole.Administrator, true)]
    public void OnSomeoneElsesArticle(string role, bool allowed)
    {
        var user = new NewsroomUser(Owner + 1, "Other", role);
        foreach (var action in Enum.GetValues<ArticleAction>().Where(action => action != ArticleAction.Create))
        {
            Assert.Equal(allowed, ArticleRules.May(user, action, Article(ArticleStatus.Draft)));
        }
        Assert.True(ArticleRules.May(user, ArticleAction.Create, null));
    }

    [Theory]
    [InlineData(ArticleAction.Submit, ArticleStatus.Published, false)]
    [InlineData(ArticleAction.Schedule, ArticleStatus.Published, false)]
    [InlineData(ArticleAction.Publish, ArticleStatus.Trash, false)]
    [InlineData(ArticleAction.Restore, ArticleStatus.Draft, false)]
    [InlineData(ArticleAction.Unpublish, ArticleStatus.Draft, false)]
    [InlineData(ArticleAction.Publish, ArticleStatus.Pending, true)]
    [InlineData(ArticleAction.Unpublish, ArticleStatus.Scheduled, true)]
    [InlineData(ArticleAction.Restore, ArticleStatus.Trash, true)]
    public void EachActionStartsFromSomeStatuses(ArticleAction action, string status, bool starts) =>
        Assert.Equal(starts, ArticleRules.RefusalFor(action, status) is null);

    [Fact]
    public void SideBySideLinesFaceEachOtherWithFillersWhereOneSideHasNone()
    {
        var diff = SideBySideText.Compare("one\ntwo\nthree", "one\nthree\nfour");

        Assert.Equal(diff.Old.Count, diff.New.Count);
        Assert.Contains(diff.Old, line => line is { Text: "two", Change: LineChange.Deleted });
        Assert.Contains(diff.New, line => line is { Text: "four", Change: LineChange.Inserted });
        Assert.Contains(diff.New, line => line is { Change: LineChange.Filler, Number: null });
        Assert.False(SideBySideText.Compare("same", "same").HasChanges);
    }

    private static Article Article(string status) => new()
    {
        Slug = "s",
        Title = "t",
        BodyMarkdown = "",
        BodyHtml = "",
        Status = status,
        AuthorId = Owner,
    };
}
