namespace Gazette.Backup;

/// <summary>
/// A folder of files a module keeps beside the database (the Media module's
/// images), registered so a backup copies it and a restore puts it back where
/// the restored site's configuration says it lives. The name is its place in
/// the backup file and never changes once released.
/// </summary>
public sealed record BackupFolder(string Name, string Root);
