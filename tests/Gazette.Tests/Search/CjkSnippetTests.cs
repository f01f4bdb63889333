using Gazette.Search;

namespace Gazette.Tests.Search;

public sealed class CjkSnippetTests
{
    private static string Shown(string snippet) => snippet.Replace(SearchEngine.MarkStart, "[", StringComparison.Ordinal).Replace(SearchEngine.MarkEnd, "]", StringComparison.Ordinal);

    [Fact]
    public void OverlappingPairsAreOneMarkAndTheEngineMarksStay() =>
        Assert.Equal("[budget] 的[中国外交]部", Shown(CjkSnippet.Cut($"{SearchEngine.MarkStart}budget{SearchEngine.MarkEnd} 的中国外交部", ["中国", "国外", "外交"])));

    [Fact]
    public void ALongTextIsCutAroundTheFirstMatch()
    {
        var snippet = Shown(CjkSnippet.Cut(new string('天', 500) + "外交" + new string('天', 500), ["外交"]));

        Assert.Equal("…" + new string('天', CjkSnippet.Before) + "[外交]" + new string('天', CjkSnippet.Length - CjkSnippet.Before - 2) + "…", snippet);
    }

    [Fact]
    public void TextWithoutAMatchGivesItsBeginning() =>
        Assert.Equal("abc", CjkSnippet.Cut("abc", ["外交"]));
}
