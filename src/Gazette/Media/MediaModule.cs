using Gazette.Backup;
using Gazette.Events;
using Gazette.Hosting;
using Gazette.Media.Contracts;
using Gazette.Rendering;
using Gazette.Storage;
using Gazette.Web;
using Gazette.Web.Admin;

namespace Gazette.Media;

/// <summary>The newsroom's images: intake (type by content, upright, without camera or place data), WebP sizes, the library, serving.</summary>
public sealed class MediaModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => MediaFolder.From(configuration, sp.GetRequiredService<Database>()));
        services.AddSingleton(sp => new SiteFolder("media", sp.GetRequiredService<MediaFolder>().Root));
        services.AddSingleton(sp => new BackupFolder("media", sp.GetRequiredService<MediaFolder>().Root));
        services.AddSingleton<MediaStore>();
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<IImageImport>(sp => sp.GetRequiredService<MediaLibrary>());
        services.AddSingleton<IMediaUploads>(sp => sp.GetRequiredService<MediaLibrary>());
        services.AddSingleton<IImageSources, MediaImageSources>();
        services.AddSingleton<IStartupTask, MediaStartupCheck>();
        services.AddThemeModels(typeof(ResponsiveImage), typeof(ImageView));
        services.AddSingleton<IImageLookup, MediaImageLookup>();
        services.AddSingleton<IMediaCatalog, MediaCatalog>();
        services.AddSingleton<IMediaExport, MediaExportReader>();
        services.AddAdminMenuItem(new AdminMenuItem("Media", "/admin/media", NewsroomRole.Author, 30));

        services.AddEvent<MediaUploaded>("media.uploaded");
        services.AddEvent<MediaChanged>("media.changed");
        services.AddEvent<MediaDeleted>("media.deleted");
    }

    public override void MapEndpoints(RouteGroups groups) => MediaEndpoints.Map(groups);
}
