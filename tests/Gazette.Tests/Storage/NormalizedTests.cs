using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Tests.Storage;

public class NormalizedTests
{
    [Theory]
    [InlineData("China Outlines Five Goals for Antony Blinken’s Visit", "china-outlines-five-goals-for-antony-blinkens-visit")]
    [InlineData("  Crème brûlée: a history  ", "creme-brulee-a-history")]
    [InlineData("U.S.–China talks (2024)", "u-s-china-talks-2024")]
    [InlineData("---", "")]
    public void SlugsAreLowerAsciiWithSingleHyphens(string text, string expected) =>
        Assert.Equal(expected, Normalized.Slug(text));

    [Theory]
    [InlineData("中国外交部长访问美国", "zhong-guo-wai-jiao-bu-zhang-fang-wen-mei-guo")]
    [InlineData("Москва объявила о переговорах", "moskva-obyavila-o-peregovorakh")]
    [InlineData("Αθήνα: νέα μέτρα", "athina-nea-metra")]
    [InlineData("القاهرة تستضيف القمة", "lqhrh-tstdyf-lqmh")]
    [InlineData("Xinhua: 中国 and the US", "xinhua-zhong-guo-and-the-us")]
    public void TitlesInOtherScriptsGetReadableAsciiSlugs(string title, string expected)
    {
        var slug = Normalized.Slug(title);

        Assert.Equal(expected, slug);
        Assert.True(Normalized.IsSlug(slug));
    }

    [Fact]
    public void SlugsAreCappedWithoutTrailingHyphen()
    {
        var slug = Normalized.Slug(string.Join(' ', Enumerable.Repeat("word", 100)));
        Assert.True(slug.Length <= Normalized.MaxSlugLength);
        Assert.False(slug.EndsWith('-'));
        Assert.True(Normalized.IsSlug(slug));
    }

    [Theory]
    [InlineData("world", true)]
    [InlineData("united-states", true)]
    [InlineData("World", false)]
    [InlineData("-world", false)]
    [InlineData("a--b", false)]
    [InlineData("", false)]
    public void IsSlugAcceptsOnlyNormalizedSlugs(string slug, bool expected) =>
        Assert.Equal(expected, Normalized.IsSlug(slug));

    [Fact]
    public void LoginsAndEmailsAreTrimmedAndLowerCased()
    {
        Assert.Equal("editor", Normalized.Login("  Editor "));
        Assert.Equal("jane.doe@example.org", Normalized.Email(" Jane.Doe@Example.ORG "));
    }
}
