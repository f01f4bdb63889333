using System.Xml;
using System.Xml.Linq;
using Gazette.Kernel;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Gazette.Security;

/// <summary>
/// The data-protection key ring on SQLite: one XML file per key in data/keys.
/// The framework's own file repository can leave a 0-byte file after a crash
/// (its rename is not flushed), and one unreadable file then stops the server at
/// every start. Here each key is written durably, and a file that cannot be read
/// is set aside (renamed *.unreadable) with a warning: the key it held is lost,
/// which signs readers' forms out at worst, while the site starts.
/// </summary>
public sealed partial class KeyFileRepository(DirectoryInfo folder, ILogger<KeyFileRepository> logger) : IXmlRepository
{
    public const string UnreadableSuffix = ".unreadable";

    public DirectoryInfo Folder => folder;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!folder.Exists)
        {
            return [];
        }
        var elements = new List<XElement>();
        foreach (var file in folder.EnumerateFiles("*.xml"))
        {
            try
            {
                using var stream = file.OpenRead();
                elements.Add(XElement.Load(stream));
            }
            catch (XmlException ex)
            {
                var aside = file.FullName + UnreadableSuffix;
                File.Move(file.FullName, aside, overwrite: true);
                LogSetAside(file.FullName, ex.Message, aside);
            }
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        folder.Create();
        var name = IsSafeFileName(friendlyName) ? friendlyName : Guid.NewGuid().ToString();
        DurableFile.Write(Path.Combine(folder.FullName, name + ".xml"), element.ToString(SaveOptions.DisableFormatting), privateToOwner: true);
    }

    private static bool IsSafeFileName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data-protection key file {File} could not be read ({Reason}); set aside as {Aside}. Forms and sign-ins protected with that key must be redone.")]
    private partial void LogSetAside(string file, string reason, string aside);
}
