using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Gazette.Web;
using Microsoft.Playwright;

namespace Gazette.BrowserTests;

/// <summary>An editor's first minutes in the newsroom, in a real browser: sign in, find the way, change a setting, see it on the site.</summary>
[Collection(BrowserSuite.Name)]
public sealed class NewsroomJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AnAdministratorSignsInRenamesTheSiteAndReadersSeeItThenLogsOut()
    {
        await fixture.AddUserAsync("maria", NewsroomRole.Administrator, "maria's long password");
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(fixture.BaseUrl + "/admin/settings");
        Assert.StartsWith(fixture.BaseUrl + "/admin/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#login", "maria");
        await page.FillAsync("#password", "not it");
        await page.ClickAsync("#loginform button[type=submit]");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("The login or password is not right.");
        await Assertions.Expect(page.Locator("#login")).ToHaveValueAsync("maria");
        await page.FillAsync("#password", "maria's long password");
        await page.ClickAsync("#loginform button[type=submit]");

        await page.WaitForURLAsync(fixture.BaseUrl + "/admin/settings");
        await page.FillAsync("[id='Site.Title']", "The Harbour Herald");
        await page.ClickAsync("text=Save settings");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Settings saved.");

        var reader = await context.Browser!.NewContextAsync();
        var home = await reader.NewPageAsync();
        await home.GotoAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(home.Locator("header").First).ToContainTextAsync("The Harbour Herald");
        await reader.CloseAsync();

        await page.ClickAsync("header .who button");
        await page.WaitForURLAsync(fixture.BaseUrl + "/admin/login?loggedout=true");
        await page.GotoAsync(fixture.BaseUrl + "/admin/");
        Assert.StartsWith(fixture.BaseUrl + "/admin/login", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/login", false)]
    [InlineData("/admin/", true)]
    [InlineData("/admin/settings", true)]
    [InlineData("/admin/profile/password", true)]
    [InlineData("/admin/users", true)]
    [InlineData("/admin/comments", true)]
    [InlineData("/admin/comments/{pending}", true)]
    [InlineData("/admin/comments/blocked", true)]
    [InlineData("/admin/privacy", true)]
    [InlineData("/admin/media", true)]
    [InlineData("/admin/media/{image}", true)]
    [InlineData("/admin/articles", true)]
    [InlineData("/admin/articles/new", true)]
    [InlineData("/admin/articles/{draft}", true)]
    [InlineData("/admin/articles/{draft}/revisions", true)]
    [InlineData("/admin/navigation", true)]
    [InlineData("/admin/descriptions", true)]
    [InlineData("/admin/front", true)]
    [InlineData("/admin/breaking", true)]
    public async Task NewsroomPagesHaveNoWcag21AaViolationsAndFitAPhone(string path, bool signedIn)
    {
        var login = "axe-" + string.Concat(path.Where(char.IsLetterOrDigit));
        if (path.StartsWith("/admin/comments", StringComparison.Ordinal))
        {
            var pending = await fixture.PendingCommentAsync($"A comment for {path}, long enough to wrap on a phone, with an address: https://example.org/a/very/long/address/that/must/not/overflow");
            path = path.Replace("{pending}", pending.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        if (path.StartsWith("/admin/media", StringComparison.Ordinal))
        {
            path = path.Replace("{image}", (await fixture.ImageAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        if (path.Contains("{draft}", StringComparison.Ordinal))
        {
            path = path.Replace("{draft}", (await fixture.DraftAsync("Checked by axe " + login)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        foreach (var width in new[] { 1280, 390 })
        {
            await using var context = signedIn
                ? await fixture.SignedInAsync($"{login}-{width}", NewsroomRole.Administrator, width)
                : await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(fixture.BaseUrl + path);

            var results = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            Assert.True(results.Violations.Length == 0, $"{path} at {width}px: " + string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"{path} scrolls sideways at {width}px");
        }
    }

    [Fact]
    public async Task AnEditorApprovesAPendingCommentFromTheQueueAndReadersSeeIt()
    {
        var id = await fixture.PendingCommentAsync("Waiting for an editor in the browser.", "Quinn Queue", "quinn@example.org");
        await using var context = await fixture.SignedInAsync("moderator", NewsroomRole.Editor);
        var page = await context.NewPageAsync();

        await page.GotoAsync(fixture.BaseUrl + "/admin/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Comments", Exact = true }).ClickAsync();
        var comment = page.Locator($"#comment-{id}");
        await Assertions.Expect(comment).ToContainTextAsync("quinn@example.org");
        await comment.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("1 comment approved.");

        var reader = await fixture.Browser.NewContextAsync();
        var article = await reader.NewPageAsync();
        await article.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);
        await Assertions.Expect(article.Locator($"#comment-{id}")).ToContainTextAsync("Waiting for an editor in the browser.");
        await reader.CloseAsync();
    }

    /// <summary>
    /// Issue 9's journey: an editor uploads a photo, writes an article in Markdown
    /// around it with a featured image, previews it, publishes it and finds it on
    /// the front page. Screenshots of the dashboard, the editor and the
    /// moderation queue are saved for docs/screenshots.
    /// </summary>
    [Fact]
    public async Task AnEditorUploadsAPhotoWritesAnArticlePreviewsPublishesAndFindsItOnTheFrontPage()
    {
        await fixture.PendingCommentAsync("A reader asks when the ferry runs again.", "Robin Reader", "robin@example.org");
        await using var context = await fixture.SignedInAsync("writer-editor", NewsroomRole.Editor);
        var page = await context.NewPageAsync();

        await page.GotoAsync(fixture.BaseUrl + "/admin/media");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "ferry.png", MimeType = "image/png", Buffer = Photo() });
        await page.FillAsync("#alt", "The ferry at the harbour wall");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var markdown = await page.Locator("#markdown").InputValueAsync();
        Assert.StartsWith("![The ferry at the harbour wall](/media/", markdown, StringComparison.Ordinal);
        var number = await page.Locator("p:has-text('Image number') strong").InnerTextAsync();

        await page.GotoAsync(fixture.BaseUrl + "/admin/articles/new");
        await page.FillAsync("#Title", "Harbour ferry returns after the storm");
        await page.FillAsync("#BodyMarkdown", $"The ferry to the islands sails again from **Monday**, the port said.\n\n{markdown}\n\n- Three crossings a day\n- Tickets at the quay");
        await page.FillAsync("#Sections", "Local");
        await page.FillAsync("#Tags", "Transport, Weather");
        await page.FillAsync("#FeaturedMediaId", number);
        var preview = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync());
        await Assertions.Expect(preview.Locator("h1")).ToContainTextAsync("Harbour ferry returns after the storm");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("Preview");
        await preview.CloseAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Draft saved.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "admin-editor.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Published.");

        var reader = await fixture.Browser.NewContextAsync();
        var home = await reader.NewPageAsync();
        await home.GotoAsync(fixture.BaseUrl + "/");
        await home.GetByRole(AriaRole.Link, new() { Name = "Harbour ferry returns after the storm" }).First.ClickAsync();
        await Assertions.Expect(home.Locator(".story__image img")).ToHaveAttributeAsync("alt", "The ferry at the harbour wall");
        await Assertions.Expect(home.Locator(".story__body strong")).ToHaveTextAsync("Monday");
        var srcset = await home.Locator(".story__body img").GetAttributeAsync("srcset");
        Assert.Contains("-480.webp 480w", srcset, StringComparison.Ordinal);
        await reader.CloseAsync();

        await page.GotoAsync(fixture.BaseUrl + "/admin/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "admin-dashboard.png"), FullPage = true });
        await page.GotoAsync(fixture.BaseUrl + "/admin/comments");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("robin@example.org");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "admin-comments.png") });
    }

    /// <summary>A 1,600 px photo-like picture: a sky, a sea and a hull.</summary>
    private static byte[] Photo()
    {
        using var bitmap = new SkiaSharp.SKBitmap(1600, 900);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(new SkiaSharp.SKColor(135, 180, 220));
            using var sea = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(20, 70, 120) };
            canvas.DrawRect(0, 520, 1600, 380, sea);
            using var hull = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(230, 230, 225) };
            canvas.DrawRect(500, 420, 600, 130, hull);
        }
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
