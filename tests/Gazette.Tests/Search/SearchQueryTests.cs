using Gazette.Search;

namespace Gazette.Tests.Search;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("\"budget\"", "budget")]
    [InlineData("budget*", "budget")]
    [InlineData("-budget", "budget")]
    [InlineData("(budget OR tax) AND NEAR(x)", "budget or tax and near x")]
    [InlineData("Budget\u0000\u0007vote", "budget vote")]
    [InlineData("budget budget", "budget")]
    public void ReaderSyntaxBecomesPlainWords(string input, string words) =>
        Assert.Equal(words, string.Join(' ', SearchQuery.Parse(input).Words));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("\"")]
    [InlineData("*-()\"'")]
    [InlineData("\u0001\u0002")]
    public void NothingSearchableIsEmpty(string? input) => Assert.True(SearchQuery.Parse(input).IsEmpty);

    [Fact]
    public void ALongQueryKeepsAFewShortTerms()
    {
        var query = SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}")) + new string('a', 10_000));
        Assert.Equal(SearchQuery.MaxTerms, query.Words.Count + query.CjkTokens.Count);
        Assert.All(query.Words, w => Assert.True(w.Length <= SearchQuery.MaxTermLength));
    }

    [Fact]
    public void ChineseBecomesPairsAndMixedTextSplits()
    {
        var query = SearchQuery.Parse("中国外交 policy");
        Assert.Equal(["中国", "国外", "外交"], query.CjkTokens);
        Assert.Equal(["policy"], query.Words);
        Assert.Equal(["国"], SearchQuery.Parse("国").CjkTokens);
        Assert.Equal(["china"], SearchQuery.Parse("china中国").Words);
    }

    [Fact]
    public void EngineExpressionsQuoteEveryTermAndPrefixMatchOnlyWordsOfFourLettersOrMore()
    {
        var query = SearchQuery.Parse("NEAR the 中国");
        Assert.Equal("body : \"near\"* AND body : \"the\" AND cjk : \"中国\"", query.ToFts5());
        Assert.Equal("'near':* & 'the' & '中国'", query.ToTsQuery());
    }
}

public sealed class CjkShadowTests
{
    [Fact]
    public void HanRunsBecomeCharactersAndPairs() =>
        Assert.Equal("中 国 外 交 中国 国外 外交 部", CjkShadow.Of("中国外交，部 and English"));

    [Fact]
    public void TextWithoutHanHasNoShadow() => Assert.Equal("", CjkShadow.Of("The budget vote, 2026"));

    [Fact]
    public void AQueryWordOfTwoCharactersIsOnePairOfItsShadow()
    {
        var shadow = CjkShadow.Of("新华社北京电 中国外交部发言人").Split(' ');
        Assert.All(CjkShadow.QueryTokens("外交"), token => Assert.Contains(token, shadow));
        Assert.All(CjkShadow.QueryTokens("发言人"), token => Assert.Contains(token, shadow));
    }
}
