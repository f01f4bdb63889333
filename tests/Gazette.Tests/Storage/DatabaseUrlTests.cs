using Gazette.Hosting;
using Gazette.Kernel;
using Gazette.Storage;
using Npgsql;

namespace Gazette.Tests.Storage;

public class DatabaseUrlTests
{
    [Fact]
    public void DefaultIsSqliteFileInDataFolderOfWorkingDirectory()
    {
        var url = Assert.IsType<SqliteUrl>(DatabaseUrl.Parse(null));
        Assert.Equal(Path.GetFullPath("data/gazette.db"), url.Path);
        Assert.Equal(Path.GetFullPath("data"), url.DataFolder);
    }

    [Theory]
    [InlineData("sqlite:/var/lib/gazette/site.db", "/var/lib/gazette/site.db")]
    [InlineData("sqlite:///var/lib/gazette/site.db", "/var/lib/gazette/site.db")]
    [InlineData("SQLITE:relative/site.db", "relative/site.db")]
    public void SqlitePathsAreAbsoluteOrRelativeToWorkingDirectory(string setting, string expected)
    {
        var url = Assert.IsType<SqliteUrl>(DatabaseUrl.Parse(setting));
        Assert.Equal(Path.GetFullPath(expected), url.Path);
    }

    [Fact]
    public void PostgresUrlBecomesConnectionString()
    {
        var url = Assert.IsType<PostgresUrl>(DatabaseUrl.Parse("postgres://news%40room:p%3Ass@db.internal:6543/gazette?sslmode=require&pooling=false"));
        var builder = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("gazette", builder.Database);
        Assert.Equal("news@room", builder.Username);
        Assert.Equal("p:ss", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.False(builder.Pooling);
    }

    [Fact]
    public void PostgresPreparesRepeatedStatementsUnlessTheUrlSaysOtherwise()
    {
        var preparing = new NpgsqlConnectionStringBuilder(((PostgresUrl)DatabaseUrl.Parse("postgres://gazette@localhost/news")).ConnectionString);
        var told = new NpgsqlConnectionStringBuilder(((PostgresUrl)DatabaseUrl.Parse("postgres://gazette@localhost/news?Max%20Auto%20Prepare=0")).ConnectionString);

        Assert.Equal(64, preparing.MaxAutoPrepare);
        Assert.Equal(2, preparing.AutoPrepareMinUsages);
        Assert.Equal(0, told.MaxAutoPrepare);
    }

    [Fact]
    public void PostgresPortDefaultsTo5432AndPasswordIsOptional()
    {
        var url = Assert.IsType<PostgresUrl>(DatabaseUrl.Parse("postgresql://gazette@localhost/news"));
        Assert.Equal(5432, url.Port);
        Assert.Null(new NpgsqlConnectionStringBuilder(url.ConnectionString).Password);
    }

    [Fact]
    public void DisplayNeverShowsThePassword()
    {
        var url = DatabaseUrl.Parse("postgres://gazette:hunter2@localhost:5432/news");
        Assert.DoesNotContain("hunter2", url.Display, StringComparison.Ordinal);
        Assert.Equal("PostgreSQL database 'news' at localhost:5432", url.Display);
    }

    [Theory]
    [InlineData("mysql://root@localhost/news", "neither sqlite:PATH nor a postgres://")]
    [InlineData("sqlite:", "names no file")]
    [InlineData("postgres://gazette@localhost", "names no database")]
    [InlineData("postgres://gazette@localhost/news?frobnicate=1", "unknown option 'frobnicate'")]
    [InlineData("just-words", "neither sqlite:PATH")]
    public void BadSettingsAreNamed(string setting, string expected)
    {
        var error = Assert.Throws<StartupException>(() => DatabaseUrl.Parse(setting));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsNeverEchoThePassword()
    {
        var error = Assert.Throws<StartupException>(() => DatabaseUrl.Parse("mysql://root:hunter2@localhost/news"));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
