using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests;

/// <summary>A reader's discussion: posting with and without JavaScript, replying, the pending notice, saved details.</summary>
[Collection(BrowserSuite.Name)]
public sealed partial class CommentJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task WithoutJavaScriptAReaderPostsAndSeesTheirCommentAwaitingModeration()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Leave a Reply" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Your email address will not be published. Required fields are marked *")).ToBeVisibleAsync();
        await page.GetByLabel("Comment *").FillAsync("Posted without any script.");
        await page.GetByLabel("Name *").FillAsync("No Script");
        await page.GetByLabel("Email *").FillAsync("noscript@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post Comment" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(UnapprovedUrl());
        var id = IdFrom(page.Url);
        var comment = page.Locator($"#comment-{id}");
        await Expect(comment).ToContainTextAsync("Posted without any script.");
        await Expect(comment).ToContainTextAsync("Your comment is awaiting moderation.");
    }

    [Fact]
    public async Task WithJavaScriptTheFormStampsTheFillTimeAndRemembersTheReaderInThisBrowserOnly()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);

        await page.GetByLabel("Comment *").FillAsync("Posted with the script on.");
        await Expect(page.Locator("#gz_stamp")).Not.ToHaveValueAsync("");
        await page.GetByLabel("Name *").FillAsync("Saved Reader");
        await page.GetByLabel("Email *").FillAsync("saved@example.org");
        await page.GetByLabel("Website", new() { Exact = true }).FillAsync("https://saved.example");
        await page.GetByLabel("Save my name, email, and website in this browser for the next time I comment.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Post Comment" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UnapprovedUrl());
        await Expect(page.Locator($"#comment-{IdFrom(page.Url)}")).ToContainTextAsync("Your comment is awaiting moderation.");

        var next = await context.NewPageAsync();
        await next.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);
        await Expect(next.GetByLabel("Name *")).ToHaveValueAsync("Saved Reader");
        await Expect(next.GetByLabel("Email *")).ToHaveValueAsync("saved@example.org");
        await Expect(next.GetByLabel("Website", new() { Exact = true })).ToHaveValueAsync("https://saved.example");
        await Expect(next.GetByLabel("Save my name, email, and website in this browser for the next time I comment.")).ToBeCheckedAsync();
        var html = await (await context.APIRequest.GetAsync(fixture.BaseUrl + BrowserFixture.SampleUrl)).TextAsync();
        Assert.DoesNotContain("Saved Reader", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyMovesTheFormUnderTheCommentCancelPutsItBackAndTheReplyNests()
    {
        var parentId = await PostAndApproveAsync("A comment worth answering.", "Ada Parent", "ada@example.org");
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);
        var parent = page.Locator($"#comment-{parentId}");

        await parent.GetByRole(AriaRole.Link, new() { Name = "Reply to Ada Parent" }).ClickAsync();
        await Expect(parent.Locator("#respond")).ToBeVisibleAsync();
        await Expect(page.Locator("#reply-title-text")).ToHaveTextAsync("Reply to Ada Parent");
        await Expect(page.Locator("#comment_parent")).ToHaveValueAsync(parentId.ToString(CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel reply" }).ClickAsync();
        await Expect(parent.Locator("#respond")).ToHaveCountAsync(0);
        await Expect(page.Locator("#reply-title-text")).ToHaveTextAsync("Leave a Reply");
        await Expect(page.Locator("#comment_parent")).ToHaveValueAsync("0");

        await parent.GetByRole(AriaRole.Link, new() { Name = "Reply to Ada Parent" }).ClickAsync();
        await page.GetByLabel("Comment *").FillAsync("And here is my answer.");
        await page.GetByLabel("Name *").FillAsync("Ben Reply");
        await page.GetByLabel("Email *").FillAsync("ben@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post Comment" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(UnapprovedUrl());
        await Expect(page.Locator($"#comment-{parentId} > ol.children > #comment-{IdFrom(page.Url)}")).ToContainTextAsync("And here is my answer.");
    }

    [Fact]
    public async Task WithoutJavaScriptReplyOpensTheFormForThatComment()
    {
        var parentId = await PostAndApproveAsync("Answer me without script.", "Cleo Parent", "cleo@example.org");
        await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);

        await page.Locator($"#comment-{parentId}").GetByRole(AriaRole.Link, new() { Name = "Reply to Cleo Parent" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"replytocom={parentId}#respond$"));
        await Expect(page.Locator("#reply-title-text")).ToHaveTextAsync("Reply to Cleo Parent");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel reply" }).ClickAsync();
        await Expect(page.Locator("#reply-title-text")).ToHaveTextAsync("Leave a Reply");
    }

    [Fact]
    public async Task AThreadedDiscussionReadsWellAndPassesAxe()
    {
        var first = await PostAndApproveAsync("The five goals read like a negotiating position, not a summary of shared ground.", "Maria Lopez", "maria@example.org");
        var reply = await PostAndApproveAsync("Fair, but stating them publicly before the visit is itself a signal.", "Tom Becker", "tom@example.org", first);
        await PostAndApproveAsync("Agreed: the order of the list matters too.", "Maria Lopez", "maria2@example.org", reply);
        await PostAndApproveAsync("Cooperation on counternarcotics is the one item both sides can deliver quickly.", "Kenji Watanabe", "kenji@example.org");
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl + "#comments");

        await Expect(page.Locator(".comment-list ol.children ol.children")).Not.ToHaveCountAsync(0);
        await page.Locator("#comments").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "discussion-1280.png") });
        var results = await Deque.AxeCore.Playwright.PageExtensions.RunAxe(page, new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        Assert.True(results.Violations.Length == 0, string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help}")));
    }

    private async Task<long> PostAndApproveAsync(string text, string author, string email, long parent = 0)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var response = await context.APIRequest.PostAsync(fixture.BaseUrl + "/comments/", new()
        {
            Form = FormOf(new Dictionary<string, string>
            {
                ["comment_post_ID"] = "1",
                ["comment_parent"] = parent.ToString(CultureInfo.InvariantCulture),
                ["author"] = author,
                ["email"] = email,
                ["comment"] = text,
            }, context),
            MaxRedirects = 0,
        });
        Assert.Equal(303, response.Status);
        var id = IdFrom(response.Headers["location"]);
        await fixture.ApproveAsync(id);
        return id;
    }

    private static IFormData FormOf(Dictionary<string, string> fields, IBrowserContext context)
    {
        var form = context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        return form;
    }

    private static Regex UnapprovedUrl() => UnapprovedPattern();

    private static long IdFrom(string url) => long.Parse(CommentAnchor().Match(url).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\?unapproved=[0-9]+&moderation-hash=[0-9a-f]{32}#comment-[0-9]+$")]
    private static partial Regex UnapprovedPattern();

    [GeneratedRegex("#comment-([0-9]+)")]
    private static partial Regex CommentAnchor();
}
