using Gazette.Import;

namespace Gazette.Tests.Import;

/// <summary>The old site's permalink structure, told by its posts' links.</summary>
public sealed class WordPressPermalinksTests
{
    private static readonly DateTime March3 = new(2024, 3, 3, 8, 15, 0);

    [Theory]
    [InlineData("http://old.example/2024/03/03/cafe/", "/%year%/%monthnum%/%day%/%postname%/")]
    [InlineData("http://old.example/2024/03/cafe/", "/%year%/%monthnum%/%postname%/")]
    [InlineData("http://old.example/news/cafe/", null)]
    [InlineData("http://old.example/cafe/", "/%postname%/")]
    [InlineData("http://old.example/archives/6", "/archives/%post_id%/")]
    [InlineData("http://old.example/?p=6", null)]
    public void TheFirstCommonStructureThatMakesEveryLinkIsTheSites(string link, string? pattern) =>
        Assert.Equal(pattern, WordPressPermalinks.Infer([new PostLink(link, 6, "cafe", March3), new PostLink(link.Replace("cafe", "other", StringComparison.Ordinal).Replace("/6", "/7", StringComparison.Ordinal), 7, "other", March3)]));

    [Fact]
    public void LinksThatDisagreeTellNothing() =>
        Assert.Null(WordPressPermalinks.Infer([new PostLink("http://old.example/cafe/", 6, "cafe", March3), new PostLink("http://old.example/2024/03/other/", 7, "other", March3)]));
}
