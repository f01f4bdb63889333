using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Gazette.Web;
using Microsoft.Playwright;

namespace Gazette.BrowserTests;

/// <summary>
/// What the newsroom's scripts add to pages that work without them: the editor's
/// live preview, images dropped on the body field or the upload form, and the
/// post lock let go of when the editor is left.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class EditorScriptTests(BrowserFixture fixture)
{
    /// <summary>A PNG drawn in the page, dropped on <paramref name="selector"/> as a file dragged from the desktop would be.</summary>
    private const string DropPng = """
        async ([selector, name, color]) => {
            const canvas = document.createElement("canvas");
            canvas.width = 64;
            canvas.height = 48;
            const context = canvas.getContext("2d");
            context.fillStyle = color;
            context.fillRect(0, 0, 64, 48);
            const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
            const transfer = new DataTransfer();
            transfer.items.add(new File([blob], name, { type: "image/png" }));
            document.querySelector(selector).dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }
        """;

    [Fact]
    public async Task TheLivePreviewShowsWhatIsTypedAsTheSiteRendersItInASandboxedFrame()
    {
        var id = await fixture.DraftAsync("Previewed while typing");
        await using var context = await fixture.SignedInAsync("live-previewer", NewsroomRole.Editor);
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };
        await page.GotoAsync($"{fixture.BaseUrl}/admin/articles/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Live preview", Exact = true }).ClickAsync();
        var frame = page.FrameLocator("#live-preview iframe");
        await Assertions.Expect(frame.Locator("h1")).ToHaveTextAsync("Previewed while typing");
        await Assertions.Expect(frame.Locator("body")).ToContainTextAsync("A first paragraph.");
        Assert.Equal("allow-same-origin", await page.Locator("#live-preview iframe").GetAttributeAsync("sandbox"));

        var paragraphs = string.Concat(Enumerable.Range(1, 40).Select(n => $"Paragraph {n} of a long story.\n\n"));
        await page.FillAsync("#BodyMarkdown", paragraphs + "The **harbour** reopened at noon.");
        await Assertions.Expect(frame.Locator(".story__body strong")).ToHaveTextAsync("harbour");
        await Assertions.Expect(frame.Locator("body")).Not.ToContainTextAsync("A first paragraph.");

        var inside = page.Frames.Single(each => each != page.MainFrame);
        await inside.EvaluateAsync("window.scrollTo({ top: 600, behavior: 'instant' })");
        await page.Locator("#BodyMarkdown").PressSequentiallyAsync(" Ferries too.");
        await Assertions.Expect(frame.Locator("body")).ToContainTextAsync("reopened at noon. Ferries too.");
        Assert.Equal(600, await page.Frames.Single(each => each != page.MainFrame).EvaluateAsync<int>("Math.round(window.scrollY)"));

        var stylesApplied = await page.Frames.Single(each => each != page.MainFrame).EvaluateAsync<bool>("document.styleSheets.length > 0 && getComputedStyle(document.body).margin !== '8px'");
        Assert.True(stylesApplied, "the preview has the theme's styles");
        Assert.Empty(refused);
        await AssertAxeCleanAsync(page, "the editor with its live preview open at 1280px");
        await page.SetViewportSizeAsync(390, 900);
        await AssertAxeCleanAsync(page, "the editor with its live preview open at 390px");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the editor scrolls sideways at 390px");
    }

    /// <summary>Without the frame's content: axe cannot run inside a frame that runs no script, and AccessibilityTests check the theme's pages.</summary>
    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            Iframes = false,
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(results.Violations.Length == 0, what + ": " + string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }

    [Fact]
    public async Task AnImageDroppedOnTheBodyIsUploadedAndItsMarkdownInsertedAtTheCursor()
    {
        await using var context = await fixture.SignedInAsync("body-dropper", NewsroomRole.Author);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync("A red square on the quay");
        await page.GotoAsync(fixture.BaseUrl + "/admin/articles/new");
        await page.FillAsync("#BodyMarkdown", "Before the picture.\n\nAfter the picture.");
        await page.Locator("#BodyMarkdown").EvaluateAsync("area => { area.focus(); area.setSelectionRange(20, 20); }");

        await DropPngAsync(page, "#BodyMarkdown", "red.png", "#c8102e");

        await Assertions.Expect(page.Locator("#BodyMarkdown")).ToHaveValueAsync(MarkdownImage());
        var body = await page.Locator("#BodyMarkdown").InputValueAsync();
        Assert.StartsWith("Before the picture.\n![A red square on the quay](/media/", body, StringComparison.Ordinal);
        Assert.EndsWith(".png)\nAfter the picture.", body, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#BodyMarkdown ~ .upload-status")).ToContainTextAsync("Uploaded and inserted: red.png.");

        await page.EvaluateAsync("""
            () => {
                const transfer = new DataTransfer();
                transfer.items.add(new File(["not a picture"], "notes.txt", { type: "text/plain" }));
                document.querySelector("#BodyMarkdown").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """);
        await Assertions.Expect(page.Locator("#BodyMarkdown-upload-error")).ToContainTextAsync("notes.txt was not uploaded: This file is not a JPEG, PNG, WebP or GIF image.");
        await Assertions.Expect(page.Locator("#BodyMarkdown")).ToHaveAttributeAsync("aria-describedby", new Regex("BodyMarkdown-upload-error"));
        await Assertions.Expect(page.Locator("#BodyMarkdown")).ToHaveValueAsync(body);

        await page.GotoAsync(fixture.BaseUrl + "/admin/media");
        await Assertions.Expect(page.Locator(".media-grid")).ToContainTextAsync("A red square on the quay");
    }

    [Fact]
    public async Task AnImageDroppedOnTheUploadFormAsksForAltTextThenUploadsWithoutLeavingThePage()
    {
        await using var context = await fixture.SignedInAsync("form-dropper", NewsroomRole.Author);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/admin/media");

        await DropPngAsync(page, "form[data-upload]", "green.png", "#1a7f37");
        await Assertions.Expect(page.Locator("#alt-error")).ToContainTextAsync("Describe the image");
        await Assertions.Expect(page.Locator("#alt")).ToBeFocusedAsync();

        await page.FillAsync("#alt", "A green field");
        await DropPngAsync(page, "form[data-upload]", "green.png", "#1a7f37");
        var status = page.Locator("form[data-upload] .upload-status");
        await Assertions.Expect(status).ToContainTextAsync("Uploaded: green.png");
        await Assertions.Expect(status.Locator("code")).ToHaveTextAsync(MarkdownImage());
        await Assertions.Expect(page.Locator("#alt-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#alt")).ToHaveValueAsync("");

        await status.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#markdown")).ToHaveValueAsync(MarkdownImage());
    }

    [Fact]
    public async Task LeavingTheEditorLetsGoOfThePostLock()
    {
        var id = await fixture.DraftAsync("Left alone");
        await using var context = await fixture.SignedInAsync("lock-leaver", NewsroomRole.Editor);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/admin/articles/{id}");
        Assert.NotNull(await fixture.LockHolderAsync(id));

        await page.GotoAsync(fixture.BaseUrl + "/admin/articles");

        // The beacon is sent as the page goes: the next page does not wait for its answer.
        var released = Task.Run(async () =>
        {
            while (await fixture.LockHolderAsync(id) is not null)
            {
                await Task.Delay(25);
            }
        });
        await released.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(await fixture.LockHolderAsync(id));
    }

    private static async Task DropPngAsync(IPage page, string selector, string name, string color) => await page.EvaluateAsync(DropPng, new[] { selector, name, color });

    [GeneratedRegex(@"^!\[[^\]]+\]\(/media/[0-9a-f]{32}\.png\)$|\n!\[[^\]]+\]\(/media/[0-9a-f]{32}\.png\)\n")]
    private static partial Regex MarkdownImage();
}
