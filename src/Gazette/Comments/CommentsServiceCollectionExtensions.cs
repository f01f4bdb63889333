using Gazette.Jobs;

namespace Gazette.Comments;

public static class CommentsServiceCollectionExtensions
{
    public static IServiceCollection AddGazetteComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DiscussionOptions>(configuration.GetSection(DiscussionOptions.Section));
        services.AddSingleton<CommentStore>();
        services.AddSingleton<CommentService>();
        services.AddSingleton<DiscussionBuilder>();
        services.AddSingleton<FillStamps>();
        services.AddSingleton<ModerationHash>();
        services.AddPeriodicJob<PersonalDataRetentionJob>();
        services.AddHostedService<DiscussionSettingsWatcher>();
        services.AddCommentRateLimits();
        return services;
    }
}
