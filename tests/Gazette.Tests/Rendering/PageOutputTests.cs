using System.IO.Hashing;
using System.Text;
using Gazette.Rendering;

namespace Gazette.Tests.Rendering;

public sealed class PageOutputTests
{
    [Fact]
    public void BytesAreTheUtf8OfEverythingWrittenAcrossBlocks()
    {
        // Three-byte and four-byte characters land on every offset of the 16 KB block boundaries.
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => i % 3 == 0 ? "’" : i % 3 == 1 ? "😀" : "é" + i));
        using var output = new PageOutput(int.MaxValue);
        foreach (var chunk in text.Chunk(7))
        {
            output.Write(chunk);
        }

        var expected = Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected, Bytes(output.Complete()));
        Assert.Equal(expected.Length, output.Length);
        Assert.Equal(text, output.ToString());
    }

    [Fact]
    public void ASurrogatePairSplitBetweenWritesIsOneCharacter()
    {
        using var output = new PageOutput(100);
        output.Write('\uD83D');
        output.Write('\uDE00');

        Assert.Equal(Encoding.UTF8.GetBytes("😀"), Bytes(output.Complete()));
    }

    [Fact]
    public void AnotherOutputIsAppendedAsItsBytes()
    {
        using var body = new PageOutput(1_000_000);
        body.Write(new string('b', 40_000) + "ü");
        using var page = new PageOutput(1_000_000);
        page.Write("<main>");
        page.Append(body);
        page.Write("</main>");

        Assert.Equal("<main>" + new string('b', 40_000) + "ü</main>", page.ToString());
    }

    [Fact]
    public void TheHashIsXxHash128OfTheBytes()
    {
        using var output = new PageOutput(int.MaxValue);
        var text = new string('x', 50_000) + "é";
        output.Write(text);

        Assert.Equal(Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text))), output.Complete().Hash());
    }

    [Fact]
    public void WritingPastTheLimitIsRefused()
    {
        using var output = new PageOutput(10);
        output.Write("0123456789");

        Assert.Throws<ThemeException>(() => output.Write("!"));
    }

    [Fact]
    public void DisposedBytesCannotBeRead()
    {
        var output = new PageOutput(10);
        output.Write("page");
        output.Dispose();

        Assert.Throws<ObjectDisposedException>(() => output.Blocks().ToList());
    }

    private static byte[] Bytes(PageOutput output) => [.. output.Blocks().SelectMany(block => block.ToArray())];
}
