namespace Gazette.Tests.Infrastructure;

/// <summary>Paths in the checkout, found from the test binaries upward.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Gazette.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Tests must run inside the Gazette checkout (no Gazette.slnx above the test binaries).");
    }
}
