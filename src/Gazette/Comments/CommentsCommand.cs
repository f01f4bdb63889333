using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Hosting;
using Gazette.Kernel;

namespace Gazette.Comments;

/// <summary>
/// Moderation before the admin screens exist: <c>gazette comments list</c> and
/// <c>gazette comments approve|spam|trash|delete ID...</c>. Changes evict the
/// article's cached pages in every running server (through the event log).
/// </summary>
public static class CommentsCommand
{
    private const int MaxLimit = 10_000;

    private static readonly Option<string?> Status = new("--status")
    {
        Description = "Only comments with this status: pending, approved, spam or trash.",
        HelpName = "STATUS",
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string?>() is { } status && !CommentStatus.All.Contains(status))
                {
                    result.AddError($"--status must be one of {string.Join(", ", CommentStatus.All)}, not '{status}'.");
                }
            },
        },
    };

    private static readonly Option<int> Limit = new("--limit")
    {
        Description = $"At most this many comments (1 to {MaxLimit}), newest first.",
        HelpName = "N",
        DefaultValueFactory = _ => 100,
        CustomParser = OptionRange.Between(1, MaxLimit),
    };

    private static readonly Argument<long[]> Ids = new("ID")
    {
        Description = "Comment ids, as the first column of 'comments list' shows them.",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParseIds,
    };

    public static Command Create(ICommandHost host)
    {
        var list = new Command("list", "List comments, one a line: id, status, date, article, author, the start of the text.") { Status, Limit, HostArguments.Database };
        list.SetAction((result, cancellationToken) => ListAsync(host, result, cancellationToken));
        var command = new Command("comments", "Moderate reader comments.") { list };
        foreach (var (name, description) in new[]
                 {
                     (CommentStatus.Approved, "Approve comments: they show at the next request."),
                     (CommentStatus.Spam, "Mark comments as spam."),
                     (CommentStatus.Trash, "Move comments to the trash."),
                     ("delete", "Delete comments and their replies for good."),
                 })
        {
            var verb = name == CommentStatus.Approved ? "approve" : name;
            var action = new Command(verb, description) { Ids, HostArguments.Database };
            action.SetAction((result, cancellationToken) => ChangeAsync(host, result, name, cancellationToken));
            command.Subcommands.Add(action);
        }
        return command;
    }

    private static Task<int> ListAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var comments = await app.Services.GetRequiredService<CommentStore>().ListQueueAsync(result.GetValue(Status), result.GetValue(Limit), cancellationToken);
            var directory = app.Services.GetRequiredService<IArticleDirectory>();
            var articles = new Dictionary<long, string>();
            foreach (var comment in comments)
            {
                if (!articles.TryGetValue(comment.ArticleId, out var article))
                {
                    // Where readers see the article; an article they cannot see is named by its id.
                    articles[comment.ArticleId] = article = (await directory.FindVisibleAsync(comment.ArticleId, cancellationToken))?.Url
                        ?? string.Create(CultureInfo.InvariantCulture, $"article {comment.ArticleId}");
                }
                var text = Printable(comment.BodySource);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{comment.Id}\t{comment.Status}\t{comment.CreatedAt:yyyy-MM-dd HH:mm}\t{article}\t{Printable(comment.AuthorName)}\t{(text.Length > 60 ? text[..60] + "…" : text)}{(comment.ReportCount > 0 ? $"\t[{comment.ReportCount} reports]" : "")}"));
            }
            return 0;
        });

    /// <summary>One line, no terminal escapes: readers wrote this text.</summary>
    private static string Printable(string text) =>
        new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    private static long[] ParseIds(ArgumentResult result)
    {
        var ids = new List<long>();
        foreach (var token in result.Tokens)
        {
            if (!long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                result.AddError($"'{token.Value}' is not a comment id (a positive number).");
            }
            ids.Add(id);
        }
        return [.. ids];
    }

    private static Task<int> ChangeAsync(ICommandHost host, ParseResult result, string status, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var ids = result.GetRequiredValue(Ids);
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var store = app.Services.GetRequiredService<CommentStore>();
            foreach (var id in ids)
            {
                if (await store.FindAsync(id, cancellationToken) is null)
                {
                    throw new StartupException($"There is no comment {id}; nothing was changed.");
                }
            }
            var moderator = app.Services.GetRequiredService<CommentModerator>();
            foreach (var id in ids)
            {
                if (status == "delete")
                {
                    await moderator.DeleteAsync(id, cancellationToken);
                }
                else
                {
                    await moderator.SetStatusAsync(id, status, cancellationToken);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id}\t{(status == "delete" ? "deleted" : status)}"));
            }
            return 0;
        });
}
