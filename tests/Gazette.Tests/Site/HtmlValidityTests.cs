using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

/// <summary>Every page template, as served, passes the W3C Nu HTML checker with no errors.</summary>
public sealed class HtmlValidityTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    [Fact]
    public async Task PagesHaveNoHtmlErrors()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-vnu-").FullName;
        try
        {
            foreach (var (name, path) in new[] { ("home", "/"), ("article", SampleArticleTests<SqliteProvider>.Url), ("section", "/section/world/"), ("tag", "/tag/china/"), ("missing", "/no-such-page/") })
            {
                var (_, html, _) = await GetAsync(path);
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), html);
            }

            var (exitCode, output) = await NuChecker.CheckAsync(folder);

            Assert.True(exitCode == 0, $"vnu found errors:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
