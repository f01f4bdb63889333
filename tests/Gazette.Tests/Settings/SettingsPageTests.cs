using System.Net;
using Gazette.Comments;
using Gazette.Events;
using Gazette.Rendering;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Settings;

/// <summary>
/// The administrators' settings page on both databases: a save reaches the
/// public pages at the next request and another node within seconds; a bad
/// value changes nothing and keeps what was typed; configuration wins and locks.
/// </summary>
public abstract class SettingsPageTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:Site:Tagline"] = "Set by the operator";

    [Fact]
    public async Task OnlyAdministratorsOpenTheSettings()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "settings-editor", NewsroomRole.Editor);
        using var admin = await Newsroom.MemberAsync(Factory, "settings-admin", NewsroomRole.Administrator);

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/settings")).StatusCode);
        var page = await admin.GetStringAsync("/admin/settings");
        Assert.Contains("Site title", page, StringComparison.Ordinal);
        Assert.Contains("Hold comments containing", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/settings\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"/admin/settings\"", await editor.GetStringAsync("/admin/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASavedTitleShowsOnTheCachedFrontPageAtTheNextRequestAndOnAnotherNodeWithinSeconds()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "title-admin", NewsroomRole.Administrator);
        await using var otherNode = new GazetteFactory(Provider);
        using var otherClient = otherNode.CreateClient();
        Assert.Contains("Gazette", await Client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("Gazette", await otherClient.GetStringAsync("/"), StringComparison.Ordinal);

        using var saved = await Newsroom.PostFormAsync(admin, "/admin/settings", Form(("Site.Title", "The Harbour Herald"), ("Discussion.ModerationKeys", "casino\n\n  lottery  \n")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("The Harbour Herald", await Client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(["casino", "lottery"], Factory.Services.GetRequiredService<IOptionsMonitor<DiscussionOptions>>().CurrentValue.ModerationKeys);
        await Wait.UntilAsync(async () =>
        {
            // The other node's event pump sleeps on its own (fake) clock.
            otherNode.Clock.Advance(NodeEventPump.Interval);
            return (await otherClient.GetStringAsync("/")).Contains("The Harbour Herald", StringComparison.Ordinal);
        });
        Assert.Contains("Settings saved.", await admin.GetStringAsync("/admin/settings"), StringComparison.Ordinal);
        var audit = await Factory.Services.GetRequiredService<AuditTrail>().ForSubjectAsync("settings", "site");
        Assert.Equal(("settings.changed", "Title-admin"), (audit[0].Action, audit[0].UserName));
    }

    [Fact]
    public async Task ABadValueSavesNothingAndKeepsWhatWasTyped()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "typo-admin", NewsroomRole.Administrator);
        var before = Factory.Services.GetRequiredService<IOptionsMonitor<SiteOptions>>().CurrentValue.Title;

        using var refused = await Newsroom.PostFormAsync(admin, "/admin/settings", Form(("Site.Title", "Never saved"), ("Site.PageSize", "twenty"), ("Discussion.ThreadDepth", "99")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("value=\"twenty\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Never saved\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"error\" id=\"Site.PageSize-error\">Enter a whole number from 1 to 100.</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"error\" id=\"Discussion.ThreadDepth-error\">Enter a whole number from 1 to 10.</span>", html, StringComparison.Ordinal);
        Assert.Equal(before, Factory.Services.GetRequiredService<IOptionsMonitor<SiteOptions>>().CurrentValue.Title);
    }

    [Fact]
    public async Task ASettingTheConfigurationNamesIsLockedAndNeverSaved()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "locked-admin", NewsroomRole.Administrator);

        var page = await admin.GetStringAsync("/admin/settings");
        Assert.Contains("id=\"Site.Tagline\" name=\"Site.Tagline\" value=\"Set by the operator\"", page, StringComparison.Ordinal);
        Assert.Contains("Set in the server's configuration", page[page.IndexOf("Site.Tagline", StringComparison.Ordinal)..], StringComparison.Ordinal);

        using var saved = await Newsroom.PostFormAsync(admin, "/admin/settings", Form(("Site.Tagline", "Overridden?")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Set by the operator", Factory.Services.GetRequiredService<IOptionsMonitor<SiteOptions>>().CurrentValue.Tagline);
    }

    [Fact]
    public async Task ClosingEveryCommentFormTakesTheFormOffArticlePages()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "storm-admin", NewsroomRole.Administrator);
        var article = await PublishAsync(Story("Storm closes the harbour"));
        var url = TestLinks.Of(article);
        Assert.Contains("Leave a Reply", await Client.GetStringAsync(url), StringComparison.Ordinal);

        using var saved = await Newsroom.PostFormAsync(admin, "/admin/settings", Form(("Discussion.ClosedEverywhere", "true")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain("Leave a Reply", await Client.GetStringAsync(url), StringComparison.Ordinal);
        using var reopened = await Newsroom.PostFormAsync(admin, "/admin/settings", Form());
        Assert.Contains("Leave a Reply", await Client.GetStringAsync(url), StringComparison.Ordinal);
    }

    /// <summary>Every field as the page shows it now, with <paramref name="changes"/> applied (an unticked box is absent).</summary>
    private Dictionary<string, string> Form(params (string Field, string Value)[] changes)
    {
        var editor = Factory.Services.GetRequiredService<Gazette.Settings.SettingsEditor>();
        var fields = editor.Current()
            .Where(value => !value.Locked && (value.Setting.Kind != Gazette.Settings.Contracts.SettingKind.Switch || value.Value == "true"))
            .Where(value => value.Setting.Key != "Gazette:Discussion:ClosedEverywhere")
            .ToDictionary(value => value.Setting.Field, value => value.Value);
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }
        return fields;
    }
}

public sealed class SettingsPageTestsOnSqlite(SqliteProvider provider) : SettingsPageTests<SqliteProvider>(provider);

public sealed class SettingsPageTestsOnPostgres(PostgresProvider provider) : SettingsPageTests<PostgresProvider>(provider);
