using System.Xml.Linq;
using Dapper;
using Gazette.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Gazette.Security;

/// <summary>
/// Keeps ASP.NET Core data-protection keys in the database, so every node of a
/// cluster reads the cookies and tokens the others wrote.
/// </summary>
public sealed class DatabaseXmlRepository(Database database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        return connection.Query<string>("select xml from data_protection_keys order by id")
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            insert into data_protection_keys (friendly_name, xml, created_at) values (@friendlyName, @xml, @now)
            on conflict (friendly_name) do nothing
            """,
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = time.GetUtcNow() });
    }
}
