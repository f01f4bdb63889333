using Gazette.Accounts;

namespace Gazette.Tests.Storage;

public sealed class PasswordsTests
{
    [Fact]
    public void AHashVerifiesItsPasswordOnlyAndIsSaltedEachTime()
    {
        var first = Passwords.Hash("correct horse battery");
        var second = Passwords.Hash("correct horse battery");

        Assert.NotEqual(first, second);
        Assert.True(Passwords.Verify(first, "correct horse battery", out var rehash));
        Assert.False(rehash);
        Assert.False(Passwords.Verify(first, "correct horse batterY", out _));
    }

    [Fact]
    public void GeneratedPasswordsAreLongAndDifferent()
    {
        var passwords = Enumerable.Range(0, 100).Select(_ => Passwords.Generate()).ToList();

        Assert.All(passwords, password => Assert.Matches("^[a-km-zA-HJ-NP-Z2-9]{20}$", password));
        Assert.Equal(100, passwords.Distinct(StringComparer.Ordinal).Count());
        Assert.All(passwords, password => Assert.Null(Passwords.Problem(password)));
    }

    [Theory]
    [InlineData("Jane Doe", "jane", "jane-doe")]
    [InlineData("Jane", "jane", null)]
    [InlineData("中国", "admin", "zhong-guo")]
    public void AnAuthorSlugNeverGivesTheLoginAway(string name, string login, string? expected)
    {
        var slug = UserCommand.AuthorSlug(name, login);

        Assert.NotEqual(login, slug);
        if (expected is not null)
        {
            Assert.Equal(expected, slug);
        }
        else
        {
            Assert.Matches($"^{login}-[0-9a-f]{{6}}$", slug);
        }
    }
}
