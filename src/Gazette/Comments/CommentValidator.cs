using System.Net.Mail;
using Gazette.Kernel;

namespace Gazette.Comments;

/// <summary>The form's rules, each failure named by its field so the page can show it there.</summary>
public static class CommentValidator
{
    public static IReadOnlyDictionary<string, string> Validate(CommentForm form, DiscussionOptions options)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (form.Comment.Length == 0)
        {
            errors[CommentForm.CommentField] = "Please type your comment.";
        }
        else if (form.Comment.Any(UnicodeControls.IsForbiddenInText))
        {
            errors[CommentForm.CommentField] = "Your comment contains a control character (such as NUL) that cannot be shown. Please remove it.";
        }
        else if (form.Comment.Length > options.MaxCommentLength)
        {
            errors[CommentForm.CommentField] = $"Your comment is {form.Comment.Length:N0} characters long; the limit is {options.MaxCommentLength:N0}.";
        }
        if (form.Author.Length == 0)
        {
            errors[CommentForm.AuthorField] = "Please give your name.";
        }
        else if (form.Author.Any(char.IsControl))
        {
            errors[CommentForm.AuthorField] = "Your name cannot contain line breaks or control characters.";
        }
        else if (UnicodeControls.ContainsBidiControl(form.Author))
        {
            errors[CommentForm.AuthorField] = "Your name cannot contain characters that reverse the direction of text (U+202A to U+202E, U+2066 to U+2069).";
        }
        else if (form.Author.Length > options.MaxNameLength)
        {
            errors[CommentForm.AuthorField] = $"Your name can be at most {options.MaxNameLength} characters.";
        }
        if (form.Email.Length == 0)
        {
            errors[CommentForm.EmailField] = "Please give your email address. It will not be published.";
        }
        else if (!IsEmail(form.Email))
        {
            errors[CommentForm.EmailField] = "This is not an email address we can use (name@example.org).";
        }
        if (form.Url.Length > 0 && !IsWebAddress(form.Url))
        {
            errors[CommentForm.UrlField] = "The website must be an http:// or https:// address.";
        }
        if (form.ParentId == CommentForm.UnreadableParent)
        {
            errors[CommentForm.ParentField] = "The comment you are replying to could not be found.";
        }
        return errors;
    }

    public static bool IsEmail(string value) =>
        value.Length <= 254
        && !value.Any(char.IsControl)
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');

    public static bool IsWebAddress(string value) =>
        value.Length <= 2000
        && !value.Any(char.IsControl)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.Host.Length > 0;
}
