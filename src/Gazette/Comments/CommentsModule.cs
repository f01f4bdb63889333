using System.CommandLine;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Hosting;
using Gazette.Jobs;
using Gazette.Rendering;
using Gazette.Web;
using Gazette.Web.Admin;

namespace Gazette.Comments;

/// <summary>Reader comments: the discussion under every article, posting, reports, moderation and retention.</summary>
public sealed class CommentsModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DiscussionOptions>(configuration.GetSection(DiscussionOptions.Section));
        foreach (var setting in DiscussionSettings.All)
        {
            services.AddSingleton(setting);
        }
        services.AddSingleton<CommentStore>();
        services.AddSingleton<ThreadPageReader>();
        services.AddSingleton<ICommentImport>(sp => sp.GetRequiredService<CommentStore>());
        services.AddSingleton<ICommentExport, CommentExportReader>();
        services.AddSingleton<IApprovedComments, ApprovedCommentReader>();
        services.AddSingleton<PublicCommentReader>();
        services.AddSingleton<IPublicComments>(sp => sp.GetRequiredService<PublicCommentReader>());
        services.Configure<CommentCommitOptions>(configuration.GetSection(CommentCommitOptions.Section));
        services.AddSingleton<CommentCommits>();
        services.AddSingleton<CommentService>();
        services.AddSingleton<CommentModerator>();
        services.AddSingleton<ModerationStore>();
        services.AddSingleton<CommentModerationService>();
        services.AddSingleton<IModerationListings, ModerationListings>();
        services.AddSingleton<ICommentWrites, CommentWriteService>();
        services.AddSingleton<PersonalDataTools>();
        services.AddSingleton<Admin.ModerationActions>();
        services.AddAdminMenuItem(new AdminMenuItem("Comments", "/admin/comments", NewsroomRole.Editor, 20));
        services.AddAdminMenuItem(new AdminMenuItem("Privacy", "/admin/privacy", NewsroomRole.Administrator, 85));
        services.AddDashboardPanel<Admin.PendingCommentsPanel>();
        services.AddMetricsSource<PendingCommentsGauge>();
        services.AddSingleton<DiscussionSlot>();
        services.AddSingleton<IDiscussionSlot>(sp => sp.GetRequiredService<DiscussionSlot>());
        services.AddSingleton(DiscussionSlot.QueryKeys);
        services.AddSingleton<FillStamps>();
        services.AddSingleton<ModerationHash>();
        services.AddPeriodicJob<PersonalDataRetentionJob>();
        services.AddHostedService<DiscussionSettingsWatcher>();
        services.AddReaderRateLimit(CommentEndpoints.ReportLimit, CommentEndpoints.Reports);
        services.AddThemeModels(typeof(CommentView), typeof(CommentFormView), typeof(DiscussionView));

        services.AddEvent<CommentSubmitted>("comment.submitted");
        services.AddEvent<CommentStatusChanged>("comment.status_changed");
        services.AddEvent<CommentDeleted>("comment.deleted");
        services.AddEvent<CommentEdited>("comment.edited");
        services.AddNodeSubscriber<CommentSubmitted, DiscussionCacheEviction>();
        services.AddNodeSubscriber<CommentStatusChanged, DiscussionCacheEviction>();
        services.AddNodeSubscriber<CommentDeleted, DiscussionCacheEviction>();
        services.AddNodeSubscriber<CommentEdited, DiscussionCacheEviction>();
    }

    public override void MapEndpoints(RouteGroups groups) => CommentEndpoints.Map(groups);

    public override IEnumerable<Command> Commands(ICommandHost host) => [CommentsCommand.Create(host)];
}
