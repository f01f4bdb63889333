using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gazette.BrowserTests;

/// <summary>
/// Gazette on a real Kestrel socket (<see cref="SiteFactory"/>) over a fresh SQLite
/// file, and Debian's chromium driven by Playwright. Playwright never downloads a
/// browser here: it launches /usr/bin/chromium with DNS mapped away, so the only
/// host it can reach is the site under test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string SampleUrl = "/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/";

    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-browser-").FullName;
    private SiteFactory? _site;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Browser tests need Debian's chromium at {Chromium}: run ./test.sh as root (it installs it) or apt-get install chromium.");
        }
        _site = new SiteFactory($"sqlite:{Path.Combine(_folder, "gazette.db")}");
        BaseUrl = _site.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
    }

    /// <summary>Approves a comment as a moderator would; its event evicts the article's cached pages.</summary>
    public async Task ApproveAsync(long commentId) =>
        await _site!.Services.GetRequiredService<Gazette.Comments.CommentModerator>().SetStatusAsync(commentId, Gazette.Comments.Contracts.CommentStatus.Approved, Gazette.Events.AuditActor.CommandLine);

    /// <summary>A reader's comment posted without the page (so held as written too fast), awaiting moderation; returns its id.</summary>
    public async Task<long> PendingCommentAsync(string text, string author = "Pat Pending", string email = "pat@example.org")
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["comment_post_ID"] = "1", ["comment_parent"] = "0", ["author"] = author, ["email"] = email, ["url"] = "", ["comment"] = text,
            }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await client.SendAsync(request);
        var location = response.Headers.Location!.OriginalString;
        return long.Parse(location[(location.LastIndexOf("#comment-", StringComparison.Ordinal) + "#comment-".Length)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A plain 800 x 500 JPEG in the media library, uploaded by the first administrator; returns its id.</summary>
    public async Task<long> ImageAsync()
    {
        using var bitmap = new SkiaSharp.SKBitmap(800, 500);
        bitmap.Erase(new SkiaSharp.SKColor(30, 90, 160));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        using var stream = new MemoryStream(data.ToArray());
        var outcome = await _site!.Services.GetRequiredService<Gazette.Media.MediaLibrary>()
            .UploadAsync(new Gazette.Web.NewsroomUser(1, "Fixture", Gazette.Web.NewsroomRole.Administrator), stream, "blue.jpg", "A blue rectangle");
        return outcome.Item!.Id;
    }

    /// <summary>Who holds an article's post lock now, if anyone.</summary>
    public Task<Gazette.Articles.ArticleLock?> LockHolderAsync(long articleId) =>
        _site!.Services.GetRequiredService<Gazette.Articles.ArticleLocks>().HolderAsync(articleId);

    /// <summary>A newsroom account, as <c>gazette user add</c> would make it.</summary>
    public async Task AddUserAsync(string login, string role, string password)
    {
        await _site!.Services.GetRequiredService<Gazette.Accounts.UserStore>().CreateAsync(new Gazette.Accounts.User
        {
            Login = login,
            DisplayName = char.ToUpperInvariant(login[0]) + login[1..],
            Slug = Gazette.Accounts.UserCommand.AuthorSlug(login, login),
            Email = $"{login}@example.test",
            PasswordHash = Gazette.Accounts.Passwords.Hash(password),
            Role = role,
        });
    }

    /// <summary>A story published an hour ago under the sample article's section and tags, so the sample shows it as related coverage.</summary>
    public async Task<long> PublishBesideSampleAsync(string title) =>
        (await _site!.Services.GetRequiredService<Gazette.Articles.ArticlePublisher>().CreateAsync(new Gazette.Articles.ArticleDraft
        {
            Title = title,
            BodyMarkdown = "A first paragraph.\n\nA second one.",
            PublishedAt = DateTimeOffset.UtcNow.AddHours(-1),
            Sections = ["World"],
            Tags = ["China", "Diplomacy"],
            Bylines = ["Browser Reporter"],
        })).Id;

    /// <summary>A draft article (with two revisions' worth of history left to the editor), for the newsroom's article pages.</summary>
    public async Task<long> DraftAsync(string title) =>
        (await _site!.Services.GetRequiredService<Gazette.Articles.ArticlePublisher>().CreateAsync(new Gazette.Articles.ArticleDraft
        {
            Title = title,
            BodyMarkdown = "A first paragraph.\n\nA second one.",
            Status = Gazette.Articles.ArticleStatus.Draft,
            Sections = ["World"],
        })).Id;

    /// <summary>A published story made a live blog by the first administrator; returns its id and path.</summary>
    public async Task<(long Id, string Path)> LiveBlogAsync(string title)
    {
        var article = await _site!.Services.GetRequiredService<Gazette.Articles.ArticlePublisher>().CreateAsync(new Gazette.Articles.ArticleDraft
        {
            Title = title,
            BodyMarkdown = "What we know so far.",
            PublishedAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            Sections = ["World"],
        });
        await _site.Services.GetRequiredService<Gazette.Articles.LiveDesk>().StartAsync(Administrator, article.Id, CancellationToken.None);
        return (article.Id, _site.Services.GetRequiredService<Gazette.Articles.Permalinks>().Of(article));
    }

    /// <summary>An entry posted to a live blog, or its coverage ended, as the first administrator would from the live desk.</summary>
    public Gazette.Articles.LiveDesk LiveDesk => _site!.Services.GetRequiredService<Gazette.Articles.LiveDesk>();

    public static Gazette.Web.NewsroomUser Administrator { get; } = new(1, "Fixture", Gazette.Web.NewsroomRole.Administrator);

    /// <summary>A browser context signed in through the login form as a new member of <paramref name="role"/>.</summary>
    public async Task<IBrowserContext> SignedInAsync(string login, string role, int width = 1280)
    {
        const string password = "a long enough password";
        await AddUserAsync(login, role, password);
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/admin/login");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#loginform button[type=submit]");
        await page.WaitForURLAsync(BaseUrl + "/admin/");
        await page.CloseAsync();
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
