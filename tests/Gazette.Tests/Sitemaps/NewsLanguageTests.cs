using Gazette.Sitemaps;

namespace Gazette.Tests.Sitemaps;

public sealed class NewsLanguageTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("pt_BR", "pt")]
    [InlineData("zh", "zh-cn")]
    [InlineData("zh-CN", "zh-cn")]
    [InlineData("zh-Hans-CN", "zh-cn")]
    [InlineData("zh-TW", "zh-tw")]
    [InlineData("zh-Hant", "zh-tw")]
    [InlineData("zh-HK", "zh-tw")]
    [InlineData("", "en")]
    [InlineData("1x", "en")]
    public void GoogleGetsTheLanguageAloneAndChineseByScript(string site, string expected) =>
        Assert.Equal(expected, NewsLanguage.Of(site));
}
