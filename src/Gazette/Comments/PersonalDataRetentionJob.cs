using Gazette.Jobs;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>Erases commenters' IP addresses and user agents once they are older than the retention period.</summary>
public sealed class PersonalDataRetentionJob(CommentStore comments, IOptionsMonitor<DiscussionOptions> options, TimeProvider time, ILogger<PersonalDataRetentionJob> logger) : IPeriodicJob
{
    public string Name => "comments:erase-personal-data";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.CurrentValue.RetentionDays);
        var erased = await comments.ErasePersonalDataAsync(cutoff, cancellationToken);
        if (erased > 0)
        {
            logger.LogInformation("Erased IP addresses and user agents of {Count} comments older than {Cutoff:u}", erased, cutoff);
        }
    }
}
