using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Hosting;
using Gazette.Kernel;

namespace Gazette.Comments;

/// <summary>
/// Moderation from the shell: <c>gazette comments list</c>,
/// <c>gazette comments approve|spam|trash|delete ID...</c> and the privacy
/// tools, <c>export-personal EMAIL</c> and <c>erase-personal EMAIL</c>. Changes
/// evict the article's cached pages in every running server (through the event
/// log) and are on the audit trail as the command line's.
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

    private static readonly Argument<string> Email = new("EMAIL")
    {
        Description = "The commenter's email address.",
    };

    private static readonly Option<FileInfo?> Output = new("--output")
    {
        Description = "Write the JSON to this file (it must not exist yet) rather than to standard output.",
        HelpName = "FILE",
    };

    private static readonly Option<bool> DeleteComments = new("--delete-comments")
    {
        Description = "Delete the comments too; without it their text stays, signed \"Anonymous\".",
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
        var export = new Command("export-personal", "Export, as JSON, everything stored about an email address: its comments, with their articles, text, dates, addresses and user agents.") { Email, Output, HostArguments.Database };
        export.SetAction((result, cancellationToken) => ExportAsync(host, result, cancellationToken));
        var erase = new Command("erase-personal", "Erase what is stored about an email address: its comments are anonymized (name, email, website, address and user agent removed), or deleted with --delete-comments.") { Email, DeleteComments, HostArguments.Database };
        erase.SetAction((result, cancellationToken) => EraseAsync(host, result, cancellationToken));
        command.Subcommands.Add(export);
        command.Subcommands.Add(erase);
        return command;
    }

    private static Task<int> ExportAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var output = result.GetValue(Output);
            if (output is { Exists: true })
            {
                throw new StartupException($"{output.FullName} exists already; nothing was exported.");
            }
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var exported = await app.Services.GetRequiredService<PersonalDataTools>().ExportAsync(AuditActor.CommandLine, result.GetRequiredValue(Email), cancellationToken);
            var json = Succeeded(exported).Json!;
            if (output is null)
            {
                Console.WriteLine(json);
            }
            else
            {
                // The file holds a person's data: readable by its owner alone.
                DurableFile.Write(output.FullName, json + "\n", privateToOwner: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Counted(exported.Comments)} exported to {output.FullName}"));
            }
            return 0;
        });

    private static Task<int> EraseAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var tools = app.Services.GetRequiredService<PersonalDataTools>();
            var delete = result.GetValue(DeleteComments);
            var email = result.GetRequiredValue(Email);
            var erased = Succeeded(delete
                ? await tools.EraseCommentsAsync(AuditActor.CommandLine, email, cancellationToken)
                : await tools.AnonymizeAsync(AuditActor.CommandLine, email, cancellationToken));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Counted(erased.Comments)} {(delete ? "deleted" : "anonymized")}"));
            return 0;
        });

    private static string Counted(int comments) => comments == 1 ? "1 comment" : string.Create(CultureInfo.InvariantCulture, $"{comments} comments");

    private static PersonalDataResult Succeeded(PersonalDataResult result) =>
        result.Succeeded ? result : throw new StartupException(string.Join(" ", result.Errors.Values) + " Nothing was changed.");

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
                    $"{comment.Id}\t{comment.Status}\t{comment.CreatedAt:yyyy-MM-dd HH:mm}\t{article}\t{Printable(comment.AuthorName)}\t{(text.Length > 60 ? text[..60] + "…" : text)}{(comment.ReportCount > 0 ? $"\t[{comment.ReportCount} reports]" : "")}{Why(comment)}"));
            }
            return 0;
        });

    /// <summary>
    /// Why the rules held the comment, for held and spam comments: the rule,
    /// and the number it counted; a list entry is left to the admin screens, as
    /// it may be the commenter's email or address.
    /// </summary>
    private static string Why(QueuedComment comment) =>
        comment.ModerationRule is { } rule && comment.Status is CommentStatus.Pending or CommentStatus.Spam
            ? $"\t({ModerationRule.Describe(rule, rule is ModerationRule.Links or ModerationRule.Reports ? comment.ModerationMatch : null)})"
            : "";

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
                    await moderator.DeleteAsync(id, AuditActor.CommandLine, cancellationToken);
                }
                else
                {
                    await moderator.SetStatusAsync(id, status, AuditActor.CommandLine, cancellationToken);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id}\t{(status == "delete" ? "deleted" : status)}"));
            }
            return 0;
        });
}
