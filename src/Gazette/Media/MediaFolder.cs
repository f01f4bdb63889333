using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Media;

/// <summary>
/// Where media files live: <c>Gazette:Media:Folder</c>, else <c>media</c> in
/// the SQLite file's data folder, else (PostgreSQL, which has no data folder)
/// <c>data/media</c> under the working directory. Files sit in a folder per
/// first two hex digits, so no folder grows past a few thousand entries. A
/// cluster's nodes must share this folder (a network file system or a
/// synchronised volume): the database says an image exists, the folder holds it.
/// </summary>
public sealed class MediaFolder(string root)
{
    public const string Key = "Gazette:Media:Folder";

    public string Root { get; } = Path.GetFullPath(root);

    public static MediaFolder From(IConfiguration configuration, Database database)
    {
        var configured = configuration[Key];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new(configured);
        }
        return new(database is SqliteDatabase sqlite ? Path.Combine(sqlite.Url.DataFolder, "media") : Path.Combine("data", "media"));
    }

    public string PathOf(string name) => Path.Combine(Root, name[..2], name);

    /// <summary>
    /// Writes a file durably (flushed, renamed into place, its folder flushed)
    /// unless it is there already: names are content hashes, so an existing
    /// file already holds these bytes.
    /// </summary>
    public void Write(string name, byte[] bytes)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            return;
        }
        var shard = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(shard))
        {
            if (!Directory.Exists(Root))
            {
                Directory.CreateDirectory(Root);
                DurableFile.FlushFolder(Path.GetDirectoryName(Root)!);
            }
            Directory.CreateDirectory(shard);
            DurableFile.FlushFolder(Root);
        }
        try
        {
            DurableFile.Write(path, bytes);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another upload of the same bytes won the rename: the file is what this one would have written.
        }
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public FileInfo Find(string name) => new(PathOf(name));
}
