using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Security;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Comments;

public class CommentValidatorTests
{
    private static readonly DiscussionOptions Options = new();

    [Fact]
    public void AValidCommentHasNoErrors() =>
        Assert.Empty(CommentValidator.Validate(Form(), Options));

    [Theory]
    [InlineData("", "jane@example.org", "", "Hi", "author")]
    [InlineData("Jane", "", "", "Hi", "email")]
    [InlineData("Jane", "not-an-email", "", "Hi", "email")]
    [InlineData("Jane", "jane@localhost", "", "Hi", "email")]
    [InlineData("Jane", "Jane <jane@example.org>", "", "Hi", "email")]
    [InlineData("Jane", "jane@example.org", "ftp://example.org", "Hi", "url")]
    [InlineData("Jane", "jane@example.org", "javascript:alert(1)", "Hi", "url")]
    [InlineData("Jane", "jane@example.org", "", "", "comment")]
    [InlineData("Jane\n1\tapproved", "jane@example.org", "", "Hi", "author")]
    public void EachBadFieldIsNamed(string author, string email, string url, string comment, string field)
    {
        var errors = CommentValidator.Validate(Form() with { Author = author, Email = email, Url = url, Comment = comment }, Options);

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void LengthsAreBounded()
    {
        var errors = CommentValidator.Validate(Form() with { Author = new string('a', 101), Comment = new string('x', 10_001) }, Options);

        Assert.Contains("100", errors["author"], StringComparison.Ordinal);
        Assert.Contains("10,000", errors["comment"], StringComparison.Ordinal);
        Assert.Empty(CommentValidator.Validate(Form() with { Author = new string('a', 100), Comment = new string('x', 10_000) }, Options));
    }

    private static CommentForm Form() => new(1, 0, "Jane Reader", "jane@example.org", "https://jane.example", "A fair point.", "", "");
}

public class CommentModerationTests
{
    private static readonly DiscussionOptions Defaults = new();

    [Fact]
    public void AReturningAuthorsPlainCommentIsApproved() =>
        Assert.Equal(CommentStatus.Approved, CommentModeration.Decide(Facts(), Defaults).Status);

    [Fact]
    public void AFirstCommentIsHeldUntilTheAuthorHasOneApproved()
    {
        Assert.Equal(CommentStatus.Pending, CommentModeration.Decide(Facts() with { AuthorHasApprovedComment = false }, Defaults).Status);
        Assert.Equal(CommentStatus.Approved, CommentModeration.Decide(Facts() with { AuthorHasApprovedComment = false }, new DiscussionOptions { RequirePriorApproval = false }).Status);
    }

    [Fact]
    public void TwoLinksHoldAComment()
    {
        Assert.Equal(CommentStatus.Approved, CommentModeration.Decide(Facts() with { Text = "see https://a.example" }, Defaults).Status);
        Assert.Equal(CommentStatus.Pending, CommentModeration.Decide(Facts() with { Text = "see https://a.example and www.b.example" }, Defaults).Status);
    }

    [Fact]
    public void OneAddressIsOneLinkHoweverItIsWritten() =>
        Assert.Equal(CommentStatus.Approved, CommentModeration.Decide(Facts() with { Text = "see https://www.example.org/a//b" }, Defaults).Status);

    [Fact]
    public void TheLoggedReasonNeverNamesTheMatchedKey()
    {
        var decision = CommentModeration.Decide(Facts(), new DiscussionOptions { DisallowedKeys = ["jane@example.org"] });

        Assert.Equal(CommentStatus.Spam, decision.Status);
        Assert.DoesNotContain("jane@example.org", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("casino", CommentStatus.Pending)]
    [InlineData("spammer@example.net", CommentStatus.Pending)]
    [InlineData("203.0.113.0/24", CommentStatus.Pending)]
    [InlineData("BadBot", CommentStatus.Pending)]
    [InlineData("198.51.100.0/24", CommentStatus.Approved)]
    public void TheModerationListMatchesWordsEmailsIpRangesAndUserAgents(string key, string expected)
    {
        var facts = Facts() with { Text = "Try the CASINO", Email = "spammer@example.net", Ip = "203.0.113.7", UserAgent = "Mozilla/5.0 BadBot/1.0" };
        var options = new DiscussionOptions { ModerationKeys = ["", key] };

        Assert.Equal(expected, CommentModeration.Decide(facts with { Text = key.Contains('/', StringComparison.Ordinal) || key.Contains('@', StringComparison.Ordinal) || key == "BadBot" ? "fine" : facts.Text }, options).Status);
    }

    [Fact]
    public void TheDisallowedListAndTheHoneypotMeanSpamBeforeAnyHold()
    {
        var held = Facts() with { AuthorHasApprovedComment = false, ArticlePremoderated = true };

        Assert.Equal(CommentStatus.Spam, CommentModeration.Decide(held with { Ip = "192.0.2.44" }, new DiscussionOptions { DisallowedKeys = ["192.0.2.0/24"] }).Status);
        Assert.Equal(CommentStatus.Spam, CommentModeration.Decide(held with { HoneypotFilled = true }, Defaults).Status);
    }

    [Fact]
    public void PremoderatedArticlesHoldEveryComment() =>
        Assert.Equal(CommentStatus.Pending, CommentModeration.Decide(Facts() with { ArticlePremoderated = true }, Defaults).Status);

    [Fact]
    public void ACommentWrittenTooFastIsHeldNotSpammed()
    {
        var fast = Facts() with { FillTime = new FillTime(TimeSpan.FromSeconds(1), false) };
        var forged = Facts() with { FillTime = new FillTime(null, Forged: true) };
        var slow = Facts() with { FillTime = new FillTime(TimeSpan.FromSeconds(3), false) };

        Assert.Equal(CommentStatus.Pending, CommentModeration.Decide(fast, Defaults).Status);
        Assert.Equal(CommentStatus.Pending, CommentModeration.Decide(forged, Defaults).Status);
        Assert.Equal(CommentStatus.Approved, CommentModeration.Decide(slow, Defaults).Status);
        Assert.Equal(CommentStatus.Approved, CommentModeration.Decide(fast, new DiscussionOptions { MinFillSeconds = 0 }).Status);
    }

    [Fact]
    public void EachDecisionNamesItsRuleAndWhatItMatched()
    {
        var lists = new DiscussionOptions { DisallowedKeys = ["viagra"], ModerationKeys = ["lottery"] };
        var cases = new (CommentFacts Facts, DiscussionOptions Options, string? Rule, string? Match)[]
        {
            (Facts() with { HoneypotFilled = true }, Defaults, ModerationRule.Honeypot, null),
            (Facts() with { Text = "cheap VIAGRA" }, lists, ModerationRule.DisallowedList, "viagra"),
            (Facts() with { ArticlePremoderated = true }, Defaults, ModerationRule.PremoderatedArticle, null),
            (Facts() with { Text = "the lottery" }, lists, ModerationRule.ModerationList, "lottery"),
            (Facts() with { Text = "https://a.example https://b.example https://c.example" }, Defaults, ModerationRule.Links, "3"),
            (Facts() with { FillTime = new FillTime(TimeSpan.FromSeconds(1), false) }, Defaults, ModerationRule.TooFast, null),
            (Facts() with { AuthorHasApprovedComment = false }, Defaults, ModerationRule.FirstComment, null),
            (Facts(), Defaults, null, null),
        };

        Assert.All(cases, item => Assert.Equal((item.Rule, item.Match), (CommentModeration.Decide(item.Facts, item.Options) is var decision ? (decision.Rule, decision.Match) : default)));
    }

    [Fact]
    public void BlockedEntriesCountAsTheDisallowedList()
    {
        var decision = CommentModeration.Decide(Facts(), Defaults, ["", "jane@example.org"]);

        Assert.Equal((CommentStatus.Spam, ModerationRule.DisallowedList, "jane@example.org"), (decision.Status, decision.Rule, decision.Match));
        Assert.Equal("matches the disallowed list entry “jane@example.org”", ModerationRule.Describe(decision.Rule!, decision.Match));
        Assert.Equal("matches the disallowed list", decision.Reason);
    }

    private static CommentFacts Facts() => new("Jane Reader", "jane@example.org", "", "A fair point.", "198.51.100.1", "Mozilla/5.0", false, FillTime.Unknown, false, true);
}

public class FillStampTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AStampTellsHowLongAgoItWasIssued()
    {
        var stamps = new FillStamps(new InstallSecret(InstallSecret.NewKey()), _clock);
        var stamp = stamps.Issue();

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(stamps.Read(stamp).IsTooFast(3));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(stamps.Read(stamp).IsTooFast(3));
    }

    [Fact]
    public void AForgedStampIsTooFastAndNoStampIsUnknown()
    {
        var stamps = new FillStamps(new InstallSecret(InstallSecret.NewKey()), _clock);
        var other = new FillStamps(new InstallSecret(InstallSecret.NewKey()), _clock);
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(stamps.Read(other.Issue()).Forged);
        Assert.True(stamps.Read("1700000000000.forged").IsTooFast(3));
        Assert.False(stamps.Read("").IsTooFast(3));
    }
}

public class CommentTextTests
{
    [Fact]
    public void PlainTextKeepsParagraphsAndLineBreaksAndIsEncoded()
    {
        var html = CommentText.FromPlainText("First <b>line</b>\nsecond line\n\n\nNew \"paragraph\" & more").Html;

        Assert.Equal("<p>First &lt;b&gt;line&lt;/b&gt;<br>\nsecond line</p>\n<p>New &quot;paragraph&quot; &amp; more</p>", html);
    }

    [Fact]
    public void WebAddressesBecomeLinksThatPassNoRankOrOpener()
    {
        var html = CommentText.FromPlainText("See https://example.org/a?b=1&c=2, and www.example.net.").Html;

        Assert.Equal("<p>See <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">https://example.org/a?b=1&amp;c=2</a>, and <a href=\"https://www.example.net\" rel=\"nofollow ugc noopener\">www.example.net</a>.</p>", html);
    }

    [Fact]
    public void ImportedHtmlKeepsOnlyWordPressCommentTags()
    {
        var html = CommentText.FromImportedHtml("<p onclick=\"x()\"><strong>Bold</strong> <em>em</em> <a href=\"javascript:alert(1)\">bad</a> <a href=\"https://ok.example\" title=\"t\">ok</a><script>alert(2)</script><img src=x></p><blockquote cite=\"https://q.example\">quote</blockquote>").Html;

        Assert.Contains("<strong>Bold</strong> <em>em</em>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://ok.example\" title=\"t\" rel=\"nofollow ugc noopener\">ok</a>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote cite=\"https://q.example\">quote</blockquote>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.Ordinal);
        Assert.DoesNotContain("script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportedParagraphsNeverCutATagInTwo()
    {
        var html = CommentText.FromImportedHtml("<a href=\"https://x.example\">one\n\ntwo</a>").Html;

        Assert.Equal("<p><a href=\"https://x.example\" rel=\"nofollow ugc noopener\">one</a></p>\n<p>two</p>", html);
    }
}

public class CommentThreadTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RepliesNestUnderTheirParentAndOrphansStayVisible()
    {
        var thread = CommentThread.Build([C(1), C(2, parent: 1), C(3, parent: 2), C(4), C(5, parent: 99)], oldestFirst: true);

        Assert.Equal([1L, 4, 5], thread.Roots.Select(c => c.Id));
        Assert.Equal([2L], thread.ChildrenOf(1).Select(c => c.Id));
        Assert.Equal([3L], thread.ChildrenOf(2).Select(c => c.Id));
    }

    [Fact]
    public void NewestFirstReversesTopLevelButNotReplies()
    {
        var thread = CommentThread.Build([C(1), C(2, parent: 1), C(3, parent: 1), C(4)], oldestFirst: false);

        Assert.Equal([4L, 1], thread.Roots.Select(c => c.Id));
        Assert.Equal([2L, 3], thread.ChildrenOf(1).Select(c => c.Id));
    }

    private static PublicComment C(long id, long? parent = null) => new()
    {
        Id = id, ParentId = parent, AuthorName = "A", BodyHtml = "<p>x</p>", Status = CommentStatus.Approved, CreatedAt = Start.AddMinutes(id),
    };
}

public class DiscussionRulesTests
{
    private static readonly DateTimeOffset Published = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CommentsCloseByArticleBySwitchAndByAge()
    {
        var article = new DiscussedArticle(1, "A", "/2026/01/a/", Published, 0, CommentsOpen: true, Premoderated: false);

        Assert.True(DiscussionRules.IsOpen(article, new DiscussionOptions(), Published.AddYears(5)));
        Assert.False(DiscussionRules.IsOpen(article with { CommentsOpen = false }, new DiscussionOptions(), Published));
        Assert.False(DiscussionRules.IsOpen(article, new DiscussionOptions { ClosedEverywhere = true }, Published));
        Assert.True(DiscussionRules.IsOpen(article, new DiscussionOptions { CloseAfterDays = 14 }, Published.AddDays(13)));
        Assert.False(DiscussionRules.IsOpen(article, new DiscussionOptions { CloseAfterDays = 14 }, Published.AddDays(14)));
    }

    [Theory]
    [InlineData("Jane Reader", "JR")]
    [InlineData("madonna", "M")]
    [InlineData("Jean-Luc de la Côte", "JC")]
    [InlineData("  ", "?")]
    public void InitialsComeFromTheName(string name, string initials) =>
        Assert.Equal(initials, DiscussionRules.Initials(name));
}
