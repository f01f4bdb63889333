namespace Gazette.Comments;

/// <summary><c>Gazette:CommentCommits:*</c>: how readers' comments share a commit (decision 163).</summary>
public sealed class CommentCommitOptions
{
    public const string Section = "Gazette:CommentCommits";

    /// <summary>The most comments one transaction stores; bounds how long a batch holds the write turn.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long the first comment of a batch waits for others to join it, in
    /// milliseconds; a batch that fills up goes at once. 0: only those already waiting.
    /// </summary>
    public int WaitMilliseconds { get; set; } = 5;

    /// <summary>Batches committed at once on PostgreSQL (SQLite: always one).</summary>
    public int PostgresWriters { get; set; } = 4;
}
