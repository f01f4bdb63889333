namespace Gazette.Comments;

/// <summary>
/// <c>Gazette:Discussion:*</c>, WordPress's discussion settings with its defaults
/// or stricter ones. Configuration wins; the admin screens will edit the rest.
/// </summary>
public sealed class DiscussionOptions
{
    public const string Section = "Gazette:Discussion";

    /// <summary>Site-wide switch: close every comment form (a storm, an election night).</summary>
    public bool ClosedEverywhere { get; set; }

    /// <summary>Close an article's comments this many days after publication; 0 keeps them open.</summary>
    public int CloseAfterDays { get; set; }

    /// <summary>Hold a comment unless its author (by email) has an approved comment already.</summary>
    public bool RequirePriorApproval { get; set; } = true;

    /// <summary>Hold a comment with this many links or more.</summary>
    public int HoldLinkCount { get; set; } = 2;

    /// <summary>Words, emails, IPs or IP ranges (CIDR), user agents that hold a comment.</summary>
    public string[] ModerationKeys { get; set; } = [];

    /// <summary>Words, emails, IPs or IP ranges (CIDR), user agents that mark a comment spam.</summary>
    public string[] DisallowedKeys { get; set; } = [];

    /// <summary>Seconds between comments from one IP or one email; 0 turns flood control off.</summary>
    public int FloodSeconds { get; set; } = 15;

    /// <summary>A comment sent sooner than this after the reader began typing is held; 0 turns the check off.</summary>
    public int MinFillSeconds { get; set; } = 3;

    public int MaxNameLength { get; set; } = 100;

    public int MaxCommentLength { get; set; } = 10_000;

    /// <summary>How deep replies nest (1 = no replies).</summary>
    public int ThreadDepth { get; set; } = 5;

    /// <summary>Top-level threads per comment page.</summary>
    public int ThreadsPerPage { get; set; } = 50;

    /// <summary>True: oldest first (WordPress's default).</summary>
    public bool OldestFirst { get; set; } = true;

    /// <summary>Reports from this many readers put an approved comment back in front of moderators.</summary>
    public int ReportThreshold { get; set; } = 3;

    /// <summary>Days to keep commenters' IP addresses and user agents.</summary>
    public int RetentionDays { get; set; } = 30;
}
