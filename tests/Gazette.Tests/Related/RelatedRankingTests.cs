using Gazette.Articles.Contracts;
using Gazette.Related;

namespace Gazette.Tests.Related;

/// <summary>The rule that picks related coverage: shared tags first, then text, at most three, never the article itself.</summary>
public sealed class RelatedRankingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static PublicArticle Article(long id, string title, long[]? tags = null, long[]? sections = null, int hoursAgo = 0, string kind = "article") => new(
        id, kind, $"/a/{id}/", title, "", "", Noon.AddHours(-hoursAgo), Noon.AddHours(-hoursAgo),
        [.. (sections ?? []).Select(section => new PublicTerm(section, $"s{section}", $"S{section}", "", $"/section/s{section}/"))],
        [.. (tags ?? []).Select(tag => new PublicTerm(tag, $"t{tag}", $"T{tag}", "", $"/tag/t{tag}/"))],
        [], null, 0, true);

    [Fact]
    public void MoreSharedTagsComeFirstThenTheSameSectionThenTheNewer()
    {
        var subject = Article(1, "Harbour budget", tags: [10, 11, 12], sections: [5]);
        var candidates = new[]
        {
            Article(2, "One tag, newest", tags: [10], hoursAgo: 1),
            Article(3, "Two tags, other section", tags: [10, 11], sections: [6], hoursAgo: 5),
            Article(4, "One tag, same section", tags: [12], sections: [5], hoursAgo: 9),
            Article(5, "Three tags, oldest", tags: [10, 11, 12], hoursAgo: 20),
        };

        Assert.Equal([5, 3, 4], RelatedRanking.Choose(subject, candidates));
    }

    [Fact]
    public void SharedTagsBeatSimilarText()
    {
        var subject = Article(1, "Harbour cranes strike", tags: [10]);
        var candidates = new[]
        {
            Article(2, "Harbour cranes strike continues", hoursAgo: 1),
            Article(3, "Weather report", tags: [10], hoursAgo: 30),
        };

        Assert.Equal([3, 2], RelatedRanking.Choose(subject, candidates));
    }

    [Fact]
    public void TextFillsThePlacesTagsLeaveByHowSimilarItIs()
    {
        var subject = Article(1, "Harbour cranes strike over pay", tags: [10]);
        var candidates = new[]
        {
            Article(2, "Tagged story", tags: [10], hoursAgo: 3),
            Article(3, "Cranes idle", hoursAgo: 1),
            Article(4, "Harbour cranes strike spreads over pay", hoursAgo: 2),
            Article(5, "Election night results", hoursAgo: 1),
        };

        Assert.Equal([2, 4, 3], RelatedRanking.Choose(subject, candidates));
    }

    [Fact]
    public void AtMostThreeNeverItselfNeverAPageAndNothingWithNothingInCommon()
    {
        var subject = Article(1, "Harbour budget", tags: [10]);
        var candidates = new[]
        {
            Article(1, "Harbour budget", tags: [10]),
            Article(2, "About us harbour", tags: [10], kind: "page"),
            Article(3, "Election night results"),
        };
        Assert.Empty(RelatedRanking.Choose(subject, candidates));

        var many = Enumerable.Range(2, 10).Select(id => Article(id, $"Story {id}", tags: [10], hoursAgo: id));
        Assert.Equal([2, 3, 4], RelatedRanking.Choose(subject, many));
    }

    [Fact]
    public void CommonWordsDoNotMakeTextSimilarButChineseWordsDo()
    {
        Assert.Equal(0, RelatedText.Similarity(RelatedText.Words("The mayor said this"), RelatedText.Words("What they said about the weather")));
        Assert.True(RelatedText.Similarity(RelatedText.Words("中国外交部表示"), RelatedText.Words("外交官员访问")) > 0);
        Assert.Contains("外交", RelatedText.Words("中国外交部"));
    }
}
