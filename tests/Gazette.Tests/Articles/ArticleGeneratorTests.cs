using System.Text.RegularExpressions;
using Gazette.Articles;

namespace Gazette.Tests.Articles;

/// <summary>Generated news reads like news: whole sentences, no doubled words, headlines of their own section, the same site for the same seed.</summary>
public sealed partial class ArticleGeneratorTests
{
    private static readonly DateTimeOffset Newest = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<GeneratedArticle> Generate(int seed, int count = 500)
    {
        var generator = new ArticleGenerator(seed, Newest);
        return [.. Enumerable.Range(0, count).Select(_ => generator.Next())];
    }

    [Fact]
    public void EverySentenceStartsWithACapitalAndEndsWithPunctuation()
    {
        foreach (var article in Generate(1))
        {
            foreach (var sentence in Sentences(article.Draft.BodyMarkdown).Concat(article.Comments.SelectMany(comment => Sentences(comment.Body))))
            {
                Assert.Matches(SentenceShape(), sentence);
                Assert.Equal(sentence.Count(c => c == '“'), sentence.Count(c => c == '”'));
            }
            Assert.Matches("^[A-Z]", article.Draft.Title);
            Assert.DoesNotMatch("[.!?]$", article.Draft.Title);
        }
    }

    [Fact]
    public void ChinaDeskStoriesAreInChineseWithEverySlotFilledAndTheSameForASeed()
    {
        var stories = Enumerable.Range(0, 200).Select(_ => new ArticleGenerator(3, Newest)).Select(generator => generator.NextChinese()).ToList();
        var generator = new ArticleGenerator(4, Newest);
        foreach (var story in Enumerable.Range(0, 200).Select(_ => generator.NextChinese()).Select(article => article.Draft))
        {
            Assert.Matches("^[\\u4E00-\\u9FFF：]+$", story.Title);
            Assert.DoesNotContain("{", story.Title + story.BodyMarkdown, StringComparison.Ordinal);
            Assert.All(story.BodyMarkdown.Split("\n\n"), paragraph => Assert.EndsWith("。", paragraph.TrimEnd(), StringComparison.Ordinal));
            Assert.Equal([ChineseDesk.Section], story.Sections);
            Assert.Equal(2, story.Tags.Count);
        }
        Assert.Single(stories.Select(story => story.Draft.Title + story.Draft.BodyMarkdown).Distinct());
    }

    [Fact]
    public void NoWordFollowsItself()
    {
        foreach (var article in Generate(2))
        {
            foreach (var text in new[] { article.Draft.Title, article.Draft.BodyMarkdown }.Concat(article.Comments.Select(comment => comment.Body)))
            {
                Assert.DoesNotMatch(DoubledWord(), text);
            }
        }
    }

    [Fact]
    public void HeadlinesBelongToTheirSection()
    {
        foreach (var article in Generate(3))
        {
            var desk = Assert.Single(NewsDesks.All, desk => desk.Section == Assert.Single(article.Draft.Sections));
            Assert.Contains(desk.Names, name => article.Draft.Title.Contains(name, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(NewsDesks.All.Where(other => other != desk).SelectMany(other => other.Names).Except(desk.Names),
                name => article.Draft.Title.Contains(name, StringComparison.Ordinal) && name.Length > 8);
        }
    }

    [Fact]
    public void TheSameSeedMakesTheSameSiteAndAnotherSeedAnother()
    {
        string Print(IEnumerable<GeneratedArticle> articles) => string.Join("\n---\n", articles.Select(article =>
            $"{article.Draft.Title}\n{article.Draft.PublishedAt:O}\n{string.Join(',', article.Draft.Tags)}\n{article.Draft.Bylines[0]}\n{article.ImageSeed}\n{article.Draft.BodyMarkdown}\n{string.Join('\n', article.Comments)}"));

        Assert.Equal(Print(Generate(7, 100)), Print(Generate(7, 100)));
        Assert.NotEqual(Print(Generate(7, 100)), Print(Generate(8, 100)));
    }

    [Fact]
    public void LengthsListsQuotesAndThreadsVary()
    {
        var articles = Generate(4);
        var words = articles.Select(article => article.Draft.BodyMarkdown.Split(' ').Length).ToList();

        Assert.True(words.Min() < 150, $"the shortest has {words.Min()} words");
        Assert.True(words.Max() > 400, $"the longest has {words.Max()} words");
        Assert.Contains(articles, article => article.Draft.BodyMarkdown.Contains("\n- ", StringComparison.Ordinal));
        Assert.Contains(articles, article => article.Draft.BodyMarkdown.Contains("\n> “", StringComparison.Ordinal));
        Assert.Contains(articles, article => article.Draft.BodyMarkdown.Contains("\n## ", StringComparison.Ordinal));
        Assert.Contains(articles, article => article.Draft.BodyMarkdown.Contains(", a spokesperson for ", StringComparison.Ordinal));
        Assert.Contains(articles, article => article.Comments.Any(comment => comment.ReplyTo is not null));
        Assert.Contains(articles, article => article.Comments.Count == 0);
        Assert.All(articles, article => Assert.Contains(article.Draft.Bylines[0], ArticleGenerator.Roster));
        Assert.Equal(NewsDesks.All.Length, articles.Select(article => article.Draft.Sections[0]).Distinct().Count());
    }

    /// <summary>The sentences of a Markdown body: list markers and quote marks taken off, headings and the list's lead-in left out.</summary>
    private static IEnumerable<string> Sentences(string markdown) =>
        markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith("## ", StringComparison.Ordinal) && line != "Key points:")
            .Select(line => line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("> ", StringComparison.Ordinal) ? line[2..] : line)
            .SelectMany(line => SentenceEnd().Split(line));

    [GeneratedRegex("^“?[A-Z].*[.!?]”?$")]
    private static partial Regex SentenceShape();

    [GeneratedRegex("(?<=[.!?]”?) (?=“?[A-Z])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex("\\b(\\w+) \\1\\b", RegexOptions.IgnoreCase)]
    private static partial Regex DoubledWord();
}
