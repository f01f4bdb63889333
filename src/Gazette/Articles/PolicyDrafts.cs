using System.Globalization;

namespace Gazette.Articles;

/// <summary>
/// The privacy and comment policies a fresh install drafts, written from what
/// Gazette itself stores and for how long, for an editor to review and publish
/// (they are never published unread: a newsroom's lawyer has the last word).
/// </summary>
public static class PolicyDrafts
{
    public const string PrivacyTitle = "Privacy policy";
    public const string CommentTitle = "Comment policy";

    public static ArticleDraft Privacy(string siteTitle, int ipRetentionDays) => new()
    {
        Kind = ArticleKind.Page,
        Status = ArticleStatus.Draft,
        Title = PrivacyTitle,
        CommentStatus = DiscussionStatus.Closed,
        Summary = $"What {siteTitle} stores about its readers, why, and for how long.",
        BodyMarkdown = string.Create(CultureInfo.InvariantCulture, $"""
            This policy says what {siteTitle} stores about you when you read or comment, why, and for how long.

            ## Reading

            Reading {siteTitle} sets no cookie and runs no tracker, analytics or advertising script. Our server, like every web server, sees your IP address to answer your request; it is not stored with what you read.

            ## Commenting

            When you leave a comment we store:

            - the name you give, shown with your comment;
            - your email address, which is **never published**, not even as a hash or an avatar, and is used only to recognise your earlier approved comments and to contact you about your comment;
            - the website address you give, if any, linked from your name;
            - your comment's text and the time you sent it;
            - your IP address and your browser's user-agent string, kept for **{ipRetentionDays} days** to fight spam and abuse, then erased.

            Your browser may remember your name and email for the next comment if you tick the box to do so; that stays in your browser.

            ## Your rights

            You can ask us for a copy of everything we store about your email address, or for it to be erased or anonymised. Write to the editors at the address on our contact page.

            ## Who sees it

            Only our editors see commenters' email and IP addresses. We share nothing with anyone else, except where the law requires it.
            """),
    };

    public static ArticleDraft Comments(string siteTitle) => new()
    {
        Kind = ArticleKind.Page,
        Status = ArticleStatus.Draft,
        Title = CommentTitle,
        CommentStatus = DiscussionStatus.Closed,
        Summary = $"How comments on {siteTitle} are moderated.",
        BodyMarkdown = $"""
            Comments are where readers add what they know. To keep them worth reading, {siteTitle}'s editors moderate them.

            - **Stay on the story.** Comments that have nothing to do with the article may be removed.
            - **Argue with ideas, not people.** Personal attacks, harassment, hate speech and threats are removed, and their authors may be blocked.
            - **No spam or advertising.** Comments with many links are held for an editor.
            - **Use your real voice.** Impersonating others is not allowed.
            - **Mind the law.** Nothing defamatory, no one's private information, nothing that breaks a court order.

            Your first comment waits for an editor's approval; later ones usually appear at once. Editors may edit a comment to remove what breaks these rules, and will say so. Readers can report a comment, which sends it back to the editors.

            Our [privacy policy](/privacy-policy/) says what we store about commenters.
            """,
    };
}
